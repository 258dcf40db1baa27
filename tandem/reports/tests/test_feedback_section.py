"""The "feedback" section: meeting and mentorship ratings, the pulse's Net Promoter Score and
how many pulses are answered, as numbers only, computed here by hand."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.meetings.models import MeetingFeedback
from tandem.meetings.services.follow_through import meeting_feedback_give
from tandem.meetings.tests.factories import HeldMeetingFactory, backdate
from tandem.mentorships.models import Feedback, Mentorship
from tandem.mentorships.services.agreements import agreement_accept, agreement_propose
from tandem.mentorships.services.feedback import feedback_give
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.programs.models import Program
from tandem.programs.tests.factories import ProgramFactory, manager_of
from tandem.programs.tests.worlds import coffee_pair
from tandem.reports.filters import Filters
from tandem.reports.metrics.base import Section
from tandem.reports.metrics.feedback import WITHHELD, feedback, nps
from tandem.reports.models import Pulse
from tandem.reports.scope import Scope
from tandem.reports.services.pulses import pulse_answer, pulses_send
from tandem.reports.tests.world import Pair, program_pair

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # the intros
ASKED = START + 30 * DAY  # the pulse after the intro goes out
ANSWERED = datetime(2026, 4, 15, 12, 0, tzinfo=UTC)
RANGE = {"from": "2026-04-01", "to": "2026-04-30"}
SECRET = "Zanzibar-only-between-us"  # written in every feedback text; never on a report


def started(program: Program) -> Pair:
    pair = program_pair(program, at=START - DAY, confirmed_at=START)
    assert pair.mentorship is not None
    backdate(pair.mentorship, START)
    return pair


def completed(mentorship: Mentorship | None) -> Mentorship:
    """The intro held, a three-month agreement accepted, then completed after 20 days."""
    assert mentorship is not None
    HeldMeetingFactory(mentorship=mentorship, now=START)
    on = START + 7 * DAY
    agreement_propose(
        mentorship=mentorship, actor=mentorship.mentee.user, goals=["Lead", "Listen"],
        cadence="1m", meeting_minutes=45, term_months=3, now=on,
    )  # fmt: skip
    agreement_accept(mentorship=mentorship, actor=mentorship.mentor.user, now=on)
    return mentorship_move(
        mentorship=mentorship, actor=mentorship.mentee.user, to_state="completed",
        now=START + 20 * DAY,
    )  # fmt: skip


def answered(program: Program, scores: Sequence[int], *, at: datetime = ANSWERED) -> list[Pulse]:
    """Pairs enough for one pulse per score, asked after the intro, answered at `at`."""
    for _ in range((len(scores) + 1) // 2):
        started(program)
    pulses_send(now=ASKED)
    pulses = list(
        Pulse.objects.filter(program=program, answered_at__isnull=True)
        .select_related("participant__profile")
        .order_by("id")
    )
    for pulse, score in zip(pulses, scores, strict=False):
        pulse_answer(pulse_id=pulse.pk, user=pulse.participant.profile.user, score=score, now=at)
    return pulses


def scope_of(program: Program, start: date = date(2026, 4, 1), end: date = date(2026, 4, 30)):
    return Scope(program=program, filters=Filters(start=start, end=end), today=end)


def built(program: Program, **dates: date) -> Section:
    section = feedback(scope_of(program, **dates))
    assert section is not None
    return section


def figures(section: Section) -> dict[str, str]:
    return {figure.label: str(figure.value) for figure in section.figures}


def rows(section: Section, key: str) -> list[list[str]]:
    chart = next(chart for chart in section.charts if chart.key == key)
    return list(chart.table.csv_rows())


def as_manager(program: Program, name: str, **kwargs: Any) -> Any:
    client = Client()
    client.force_login(manager_of(program.organization))
    return client.get(reverse(name, kwargs={"slug": program.slug, **kwargs}), RANGE)


class TestNetPromoterScore:
    def test_six_answers_worked_out_by_hand(self):
        program = ProgramFactory()
        answered(program, [9, 10, 10, 7, 3, 6])  # 3 promoters, 1 passive, 2 detractors
        section = built(program)
        # round(100 × (3 − 2) / 6) = 17 tells promoters − detractors = 1 of 6 answers. With
        # each group 1 to 4 that leaves only 2/3/1 and 3/2/1 (promoters/passives/detractors):
        # the score is withheld while a group is hidden.
        assert round(100 * (3 - 2) / 6) == 17
        assert figures(section)["Net Promoter Score"] == WITHHELD
        # Each group is one to four answers: its share would give it away.
        hidden = ["fewer than 5"] * 3
        assert rows(section, "feedback-nps") == [
            ["When asked", "Answers", "Promoters (9–10)", "Passives (7–8)",
             "Detractors (0–6)", "Net Promoter Score"],
            ["After the intro", "6", *hidden, WITHHELD],
            ["At term end", "0", "–", "–", "–", "–"],
            ["All answers", "6", *hidden, WITHHELD],
        ]  # fmt: skip
        # All six were asked on 1 April and answered on 15 April.
        assert figures(section)["Pulses answered"] == "100%"

    def test_groups_of_five_or_more_show_their_shares(self):
        program = ProgramFactory()
        scores = [9, 10] * 5 + [7, 8, 7, 8, 7] + [0, 6, 5, 6, 2]  # 10, 5 and 5
        answered(program, scores)
        section = built(program)
        assert round(100 * (10 - 5) / 20) == 25
        assert figures(section)["Net Promoter Score"] == "25"
        assert rows(section, "feedback-nps")[1] == [
            "After the intro", "20", "50%", "25%", "25%", "25",
        ]  # fmt: skip
        chart = next(chart for chart in section.charts if chart.key == "feedback-nps")
        assert chart.labels == ["After the intro", "At term end", "All answers"]
        assert [s.values for s in chart.series] == [
            [50.0, None, 50.0], [25.0, None, 25.0], [25.0, None, 25.0],
        ]  # fmt: skip

    def test_halves_round_away_from_zero(self):
        assert nps(promoters=1, detractors=0, answers=8) == 13  # 12.5
        assert nps(promoters=0, detractors=1, answers=8) == -13
        assert nps(promoters=2, detractors=2, answers=5) == 0
        assert nps(promoters=0, detractors=0, answers=0) is None

    def test_fewer_than_5_answers_are_not_scored(self):
        program = ProgramFactory()
        answered(program, [10, 10, 9, 0])
        section = built(program)
        assert figures(section)["Net Promoter Score"] == "fewer than 5"
        assert rows(section, "feedback-nps")[3] == [
            "All answers", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5",
            "fewer than 5",
        ]  # fmt: skip

    def test_a_moment_with_fewer_than_5_hides_both_moments(self):
        program = ProgramFactory(pulse_after_days=30)
        pulses = answered(program, [9, 9, 9, 9, 9, 2])
        # One pair completes: both sides are asked again the next day, and answer 10.
        completed(pulses[0].match.mentorship)
        assert pulses_send(now=START + 21 * DAY).term_end == 2
        for pulse in Pulse.objects.filter(moment=Pulse.Moment.TERM_END):
            user = pulse.participant.profile.user
            pulse_answer(pulse_id=pulse.pk, user=user, score=10, now=ANSWERED)
        section = built(program)
        table = rows(section, "feedback-nps")
        assert table[1] == ["After the intro", *[WITHHELD] * 5]
        assert table[2] == ["At term end", *[WITHHELD] * 5]
        # 7 promoters, 0 passives, 1 detractor: 87.5% and 0% would give the 1 away. So would
        # the score: 100 × (p − d) / 8 = 75 means p − d = 6, and with p + passives + d = 8
        # and d at least 1, d = 1 exactly. Withheld.
        assert table[3] == ["All answers", "8", WITHHELD, WITHHELD, "fewer than 5", WITHHELD]
        assert figures(section)["Net Promoter Score"] == WITHHELD

    def test_the_range_counts_answers_given_in_it(self):
        program = ProgramFactory()
        answered(program, [10, 10, 10, 10, 10])
        answered(program, [0, 0, 0, 0, 0], at=datetime(2026, 5, 1, 0, 0, tzinfo=UTC))
        assert Pulse.objects.filter(program=program, answered_at__isnull=False).count() == 10
        assert figures(built(program))["Net Promoter Score"] == "100"
        may = built(program, start=date(2026, 5, 1), end=date(2026, 5, 31))
        assert figures(may)["Net Promoter Score"] == "-100"

    def test_the_answer_rate_counts_pulses_sent_in_the_range(self):
        program = ProgramFactory()
        answered(program, [8, 8, 8, 8, 8, 8, 8])  # 8 asked (4 pairs) on 1 April, 7 answered
        section = built(program, start=date(2026, 3, 25), end=date(2026, 4, 30))
        assert figures(section)["Pulses answered"] == "87.5%"
        before = built(program, start=date(2026, 3, 1), end=date(2026, 3, 31))
        assert figures(before)["Pulses answered"] == "–"


class TestRatings:
    def test_meeting_and_mentorship_ratings_are_averaged_and_counted(self):
        program = ProgramFactory(pulse_after_days=None)
        pairs = [started(program) for _ in range(3)]
        ratings = [5, 5, 4, 3, 5, 1]  # two meetings a pair, one rating a side
        given = iter(ratings)
        for pair in pairs:
            assert pair.mentorship is not None
            meeting = HeldMeetingFactory(mentorship=pair.mentorship, now=START)
            for side in (pair.mentee, pair.mentor):
                row = meeting_feedback_give(
                    meeting=meeting, actor=side.profile.user, rating=next(given), now=START,
                    helped=SECRET, better=SECRET, appreciated=SECRET,
                )  # fmt: skip
                backdate(row, ANSWERED)
        section = built(program)
        # 23 / 6 = 3.8 out of 5, but every rating group is 1 to 4 (three 5s, one 4, one 3,
        # one 1): the average beside them narrows what they are (ratings adding up to 23),
        # so it is withheld while a group is hidden.
        assert sum(ratings) == 23
        assert figures(section)["Meeting rating"] == WITHHELD
        assert rows(section, "feedback-ratings") == [
            ["Rating (out of 5)", "Ratings given"],
            ["1", "fewer than 5"], ["2", "0"], ["3", "fewer than 5"], ["4", "fewer than 5"],
            ["5", "fewer than 5"],
        ]  # fmt: skip
        assert "Mentorship rating" in figures(section)
        assert figures(section)["Mentorship rating"] == "–"

    def test_mentorship_ratings_need_five_to_be_averaged(self):
        program = ProgramFactory(pulse_after_days=None)
        pair = started(program)
        mentorship = completed(pair.mentorship)
        for side in (pair.mentee, pair.mentor):
            row = feedback_give(
                mentorship=mentorship, actor=side.profile.user, rating=4, now=START + 21 * DAY,
                helped=SECRET, better=SECRET, appreciated=SECRET,
            )  # fmt: skip
            backdate(row, ANSWERED)
        assert Feedback.objects.count() == 2
        assert figures(built(program))["Mentorship rating"] == "fewer than 5"


def test_an_empty_program_shows_nothing_yet():
    program = ProgramFactory()
    section = built(program)
    assert figures(section) == {
        "Meeting rating": "–", "Mentorship rating": "–", "Net Promoter Score": "–",
        "Pulses answered": "–",
    }  # fmt: skip
    assert all(chart.is_empty for chart in section.charts)


def test_pools_have_no_such_section():
    first, _second = coffee_pair()
    assert feedback(scope_of(first.program)) is None


def test_three_queries_whatever_the_size():
    program = ProgramFactory()
    answered(program, [9, 10, 10, 7, 3, 6])
    with CaptureQueriesContext(connection) as queries:
        built(program)
    assert len(queries) == 3


def test_no_feedback_text_reaches_the_page_or_its_csv():
    program = ProgramFactory(name="Text-free program")
    answered(program, [9, 10, 10, 7, 3, 6])
    for pair_pulse in Pulse.objects.filter(program=program)[:3]:
        mentorship = pair_pulse.match.mentorship
        assert mentorship is not None
        meeting = HeldMeetingFactory(mentorship=mentorship, now=START)
        row = meeting_feedback_give(
            meeting=meeting, actor=pair_pulse.participant.profile.user, rating=4, now=START,
            helped=SECRET, better=SECRET, appreciated=SECRET,
        )  # fmt: skip
        backdate(row, ANSWERED)
    assert MeetingFeedback.objects.filter(helped=SECRET).exists()
    response = as_manager(program, "reports:dashboard")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="section-feedback"' in page
    assert "Net Promoter Score" in page
    assert SECRET not in page
    for key in ("feedback-ratings", "feedback-nps"):
        csv = as_manager(program, "reports:chart_csv", key=key)
        assert csv.status_code == 200
        text = b"".join(csv.streaming_content).decode()
        assert SECRET not in text
        assert text.splitlines()[0].startswith(("Rating", "When asked"))
