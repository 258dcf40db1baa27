"""Asking the pulse (`pulses_send`, a step of `tandem sweep`): both sides of a 1:1 pair, on the
day the program chose after the intro and once the term is over, each once, in bulk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.meetings.tests.factories import HeldMeetingFactory, backdate
from tandem.mentorships.services.agreements import agreement_accept, agreement_propose
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification
from tandem.programs.models import Program
from tandem.programs.services.enrollment import program_leave
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.worlds import coffee_pair, match_of
from tandem.reports.models import Pulse
from tandem.reports.services.pulses import pulses_send
from tandem.reports.tests.world import Pair, program_pair

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # the intro
GOALS = ("Lead a project", "Give feedback that lands")


def started(program: Program, at: datetime = START) -> Pair:
    """A pair whose intro began at `at` (the mentorship's row is stamped then, as the site
    would have stamped it)."""
    pair = program_pair(program, at=at - DAY, confirmed_at=at)
    assert pair.mentorship is not None
    backdate(pair.mentorship, at)
    return pair


def with_term(pair: Pair, *, months: int = 3) -> datetime:
    """The intro held, an agreement of `months` accepted a week in; returns when it ends."""
    mentorship = pair.mentorship
    assert mentorship is not None
    HeldMeetingFactory(mentorship=mentorship, now=START + DAY)
    on = START + 7 * DAY
    agreement_propose(
        mentorship=mentorship, actor=mentorship.mentee.user, goals=list(GOALS), cadence="1m",
        meeting_minutes=45, term_months=months, now=on,
    )  # fmt: skip
    agreement = agreement_accept(mentorship=mentorship, actor=mentorship.mentor.user, now=on)
    assert agreement.ends_on is not None
    return datetime.combine(agreement.ends_on, START.timetz())


def asked(moment: str = Pulse.Moment.AFTER_INTRO) -> set[tuple[int, int]]:
    return set(Pulse.objects.filter(moment=moment).values_list("match_id", "participant_id"))


def pulse_notices() -> list[Notification]:
    return list(Notification.objects.filter(kind=Kind.PROGRAM_PULSE).order_by("id"))


class TestAfterTheIntro:
    def test_nothing_the_day_before_then_both_sides_on_the_day(self):
        program = ProgramFactory(name="Rising leaders", pulse_after_days=30)
        pair = started(program)
        assert pulses_send(now=START + 29 * DAY).sent == 0
        assert not Pulse.objects.exists()

        report = pulses_send(now=START + 30 * DAY)
        assert (report.intro, report.term_end, str(report)) == (2, 0, "2 pulse(s) sent")
        assert asked() == {(pair.match.pk, pair.mentee.pk), (pair.match.pk, pair.mentor.pk)}
        pulse = Pulse.objects.get(participant=pair.mentee)
        assert (pulse.program, pulse.sent_at, pulse.score) == (program, START + 30 * DAY, None)

        notices = pulse_notices()
        assert {n.recipient_id for n in notices} == {
            pair.mentee.profile.user_id, pair.mentor.profile.user_id,
        }  # fmt: skip
        mine = next(n for n in notices if n.recipient_id == pair.mentee.profile.user_id)
        assert (mine.cause, mine.url) == (f"pulse:{pulse.pk}", pulse.get_absolute_url())
        assert "Rising leaders" in mine.title
        assert "How likely are you to recommend Rising leaders to a colleague?" in mine.body

    def test_a_second_run_asks_no_one_again(self):
        program = ProgramFactory(pulse_after_days=30)
        started(program)
        assert pulses_send(now=START + 30 * DAY).sent == 2
        assert pulses_send(now=START + 30 * DAY).sent == 0
        assert pulses_send(now=START + 90 * DAY).sent == 0
        assert Pulse.objects.count() == 2
        assert len(pulse_notices()) == 2

    def test_a_program_with_the_pulse_off_asks_nothing_after_the_intro(self):
        program = ProgramFactory(pulse_after_days=None, pulse_at_term_end=False)
        started(program)
        assert pulses_send(now=START + 400 * DAY).sent == 0
        assert not Pulse.objects.exists()
        assert pulse_notices() == []

    def test_each_program_counts_its_own_days(self):
        soon = started(ProgramFactory(pulse_after_days=7))
        later = started(ProgramFactory(pulse_after_days=60))
        assert pulses_send(now=START + 10 * DAY).sent == 2
        assert {match for match, _ in asked()} == {soon.match.pk}
        assert pulses_send(now=START + 60 * DAY).sent == 2
        assert {match for match, _ in asked()} == {soon.match.pk, later.match.pk}

    def test_an_intro_long_past_is_not_asked_about(self):
        # Turning the pulse on (or a sweep stopped for weeks) asks about fresh moments only:
        # within two weeks of the day the program chose.
        program = ProgramFactory(pulse_after_days=30)
        started(program)
        assert pulses_send(now=START + (30 + 15) * DAY).sent == 0
        assert pulses_send(now=START + (30 + 13) * DAY).sent == 2

    def test_someone_who_left_the_program_is_not_asked(self):
        program = ProgramFactory(pulse_after_days=30)
        pair = started(program)
        program_leave(program=program, user=pair.mentee.profile.user, now=START + 3 * DAY)
        assert pulses_send(now=START + 30 * DAY).sent == 1
        assert asked() == {(pair.match.pk, pair.mentor.pk)}
        assert [n.recipient_id for n in pulse_notices()] == [pair.mentor.profile.user_id]
        assert pulses_send(now=START + 31 * DAY).sent == 0

    def test_pairs_without_a_mentorship_and_pools_are_not_asked(self):
        program = ProgramFactory(pulse_after_days=7)
        program_pair(program, at=START)  # published, not confirmed: no intro yet
        first, second = coffee_pair()
        match_of(first, second, now=START)
        assert pulses_send(now=START + 100 * DAY).sent == 0


class TestAtTheEndOfTheTerm:
    def test_asked_the_day_after_the_term_ends(self):
        program = ProgramFactory(pulse_after_days=None)
        pair = started(program)
        ends = with_term(pair, months=3)
        assert pulses_send(now=ends).sent == 0
        report = pulses_send(now=ends + DAY)
        assert (report.intro, report.term_end) == (0, 2)
        assert asked(Pulse.Moment.TERM_END) == {
            (pair.match.pk, pair.mentee.pk), (pair.match.pk, pair.mentor.pk),
        }  # fmt: skip
        assert pulses_send(now=ends + 30 * DAY).sent == 0
        notice = pulse_notices()[0]
        assert "looking back" in notice.title

    def test_a_completed_mentorship_is_asked_before_its_term_would_end(self):
        program = ProgramFactory(pulse_after_days=None)
        pair = started(program)
        ends = with_term(pair, months=12)
        assert pair.mentorship is not None
        done = START + 40 * DAY
        mentorship_move(mentorship=pair.mentorship, actor=pair.mentee.profile.user,
                        to_state="completed", now=done)  # fmt: skip
        assert done + DAY < ends
        assert pulses_send(now=done + DAY).term_end == 2

    def test_both_moments_are_separate_questions(self):
        program = ProgramFactory(pulse_after_days=30)
        pair = started(program)
        ends = with_term(pair, months=3)
        assert pulses_send(now=START + 30 * DAY).intro == 2
        report = pulses_send(now=ends + DAY)
        assert (report.intro, report.term_end) == (0, 2)
        assert Pulse.objects.filter(participant=pair.mentee).count() == 2
        assert len(pulse_notices()) == 4

    def test_a_term_or_a_completion_long_past_is_not_asked_about(self):
        program = ProgramFactory(pulse_after_days=None)
        pair = started(program)
        ends = with_term(pair, months=3)
        assert pulses_send(now=ends + 20 * DAY).sent == 0
        other = started(ProgramFactory(pulse_after_days=None))
        with_term(other, months=12)
        assert other.mentorship is not None
        done = START + 40 * DAY
        mentorship_move(mentorship=other.mentorship, actor=other.mentee.profile.user,
                        to_state="completed", now=done)  # fmt: skip
        assert pulses_send(now=done + 20 * DAY).sent == 0
        assert pulses_send(now=done + 10 * DAY).term_end == 2

    def test_not_asked_when_the_program_does_not_ask_at_term_end(self):
        program = ProgramFactory(pulse_after_days=None, pulse_at_term_end=False)
        pair = started(program)
        ends = with_term(pair, months=3)
        assert pulses_send(now=ends + 10 * DAY).sent == 0


def test_the_queries_do_not_grow_with_the_pairs():
    """A constant number of queries a run (plus a few a batch of 500 pairs)."""
    counts = []
    for pairs in (2, 7):
        program = ProgramFactory(pulse_after_days=30)
        for _ in range(pairs):
            started(program)
        now = START + 30 * DAY
        with CaptureQueriesContext(connection) as queries:
            assert pulses_send(now=now).sent == 2 * pairs
        counts.append(len(queries))
        Pulse.objects.all().delete()  # the next program's pairs only
        Notification.objects.filter(kind=Kind.PROGRAM_PULSE).delete()
        program.delete()
    assert counts[0] == counts[1]


def test_the_sweep_asks_the_pulses_that_are_due():
    program = ProgramFactory(pulse_after_days=30)
    started(program, at=timezone.now() - 31 * DAY)
    out = StringIO()
    call_command("sweep", stdout=out)  # the real clock
    assert "2 pulse(s) sent" in out.getvalue()
    assert Pulse.objects.count() == 2
    out = StringIO()
    call_command("sweep", stdout=out)
    assert "0 pulse(s) sent" in out.getvalue()
