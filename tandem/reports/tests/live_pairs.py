"""Pairs of a 1:1 program whose mentorship is under way, in a chosen health, for the health,
check-in and load tests.

A pair is matched and confirmed at START (`world.program_pair`), holds its intro then
(`mentorship_intro_held`, as the meeting services record it) and agrees monthly meetings for
12 months through the agreement services, exactly as `ActiveMentorshipFactory` does. Its
history is then written by hand (`meeting_row`), as the meetings' own health tests do, so on
TODAY (84 days later) it is:

* at risk: no meeting since it started (84 days, more than 2.5 monthly intervals);
* needs attention: last met 50 days ago (more than 1.5 intervals, nothing booked);
* on track: last met a week ago;
* paused: the mentor paused it the day after it started.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from tandem.meetings.models import Meeting
from tandem.meetings.tests.factories import meeting_row
from tandem.mentorships.services.agreements import agreement_accept, agreement_propose
from tandem.mentorships.services.mentorships import mentorship_intro_held, mentorship_move
from tandem.mentorships.tests.factories import GOALS
from tandem.programs.models import Participant, Program
from tandem.reports.filters import Filters
from tandem.reports.scope import Scope
from tandem.reports.tests.world import Pair, program_pair

START = datetime(2026, 3, 2, 9, tzinfo=UTC)
TODAY = date(2026, 5, 25)  # 84 days after START
DAY = timedelta(days=1)
LAST_MET = {"needs_attention": 50, "on_track": 7}  # days before TODAY


def live_pair(
    program: Program, *, at: datetime = START, mentee: Participant | None = None,
    mentor: Participant | None = None,
) -> Pair:  # fmt: skip
    """A pair whose mentorship became active at `at` (monthly, for 12 months)."""
    pair = program_pair(program, at=at, mentee=mentee, mentor=mentor, confirmed_at=at)
    mentorship = pair.mentorship
    assert mentorship is not None
    mentorship_intro_held(mentorship=mentorship, now=at)
    agreement_propose(
        mentorship=mentorship, actor=mentorship.mentee.user, goals=list(GOALS), now=at,
        cadence="1m", meeting_minutes=45, term_months=12,
    )  # fmt: skip
    agreement_accept(mentorship=mentorship, actor=mentorship.mentor.user, now=at)
    mentorship.refresh_from_db()
    return replace(pair, mentorship=mentorship)


def pair_in(program: Program, status: str, **people: Participant) -> Pair:
    """A live pair whose health on TODAY is `status` (see the module's docstring)."""
    pair = live_pair(program, **people)
    mentorship = pair.mentorship
    assert mentorship is not None
    if status in LAST_MET:
        day = TODAY - LAST_MET[status] * DAY
        meeting_row(mentorship, Meeting.State.HELD, datetime(day.year, day.month, day.day, 15,
                                                               tzinfo=UTC))  # fmt: skip
    elif status == "paused":
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentor.user, to_state="paused",
            now=START + DAY,
        )  # fmt: skip
    else:
        assert status == "at_risk", status
    return pair


def scope_of(program: Program, **filters: str) -> Scope:
    """The program from 1 January to TODAY, under these people filters."""
    return Scope(
        program=program, filters=Filters(start=date(2026, 1, 1), end=TODAY, **filters),
        today=TODAY,
    )  # fmt: skip
