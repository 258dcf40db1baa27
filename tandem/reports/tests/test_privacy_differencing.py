"""No hidden group by subtraction: when a breakdown shows its total and all its parts but one,
the one hidden ("fewer than 5") part would be the total less the others. `partition` withholds
the smallest part shown with it ("not shown"), on the page, in the chart and in its CSV.

The 1:1 program below: seven pairs matched and confirmed on 1 September 2026, and two mentors
without a mentee.
  pace: pairs 1-6 hold their intro 2 days after the match, pair 7 after 11 days;
  goals: pairs 1-4 agree on two goals each on 5 September; pair 1 achieves both (8 goals:
    2 achieved, 6 not started);
  action items: one from each of pairs 1-6's intros: 5 done, 1 open;
  meeting ratings: both sides of pairs 1-3 and the mentee of pair 4 rate the intro: six 5s and
    one 2;
  pulse: 14 people are asked on 5 October; 8 answer on 6 October: six 10s and two 0s.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import cast

import pytest

from tandem.meetings.services.follow_through import meeting_feedback_give
from tandem.meetings.tests.factories import backdate
from tandem.programs.models import Program
from tandem.programs.tests.factories import ProgramFactory
from tandem.reports.metrics.feedback import Groups, Pulses, _nps_chart, feedback
from tandem.reports.metrics.health import health_section
from tandem.reports.metrics.load import load_section
from tandem.reports.metrics.outcomes import outcomes
from tandem.reports.metrics.pace import pace
from tandem.reports.models import Pulse
from tandem.reports.privacy import FEWER, WITHHELD, Count, Share, Stat, partition, whole_of
from tandem.reports.services.pulses import pulse_answer, pulses_send
from tandem.reports.tests import live_pairs
from tandem.reports.tests.pair_steps import (
    accepted,
    action_item,
    at,
    built,
    figures,
    goal_now,
    held,
    page,
    table,
)
from tandem.reports.tests.world import joined, program_pair

RANGE = {"from": "2026-09-01", "to": "2026-10-31"}
SEPT_OCT = (RANGE["from"], RANGE["to"])


def shown(values: list[int]) -> list[str]:
    return [str(count) for count in partition(values)]


class TestPartition:
    def test_one_hidden_part_takes_the_smallest_part_shown_with_it(self) -> None:
        # 20 = 10 + 7 + 3: with 10 and 7 shown, the hidden 3 would be 20 - 17.
        assert shown([10, 7, 3, 0]) == ["10", WITHHELD, FEWER, "0"]
        assert partition([10, 7, 3, 0])[1].shown is None

    def test_two_hidden_parts_that_could_be_split_many_ways_need_nothing_more(self) -> None:
        # 15 - 10 = 5 between them: 1 + 4, 2 + 3, 3 + 2 or 4 + 1.
        assert shown([10, 2, 3]) == ["10", FEWER, FEWER]

    def test_hidden_parts_that_must_all_be_1_or_all_4_withhold_one_more(self) -> None:
        # 12 - 10 = 2 between two hidden parts: both are 1. 18 - 10 = 8: both are 4.
        assert shown([10, 1, 1]) == [WITHHELD, FEWER, FEWER]
        assert shown([10, 4, 4]) == [WITHHELD, FEWER, FEWER]
        # Nothing shown is left to withhold: the whole is not shown instead.
        assert str(whole_of(partition([4, 4, 0]))) == WITHHELD
        assert str(whole_of(partition([2, 3, 0]))) == "5"

    def test_a_zero_is_never_withheld(self) -> None:
        assert shown([0, 3, 0, 9]) == ["0", FEWER, "0", WITHHELD]
        assert shown([0, 3, 0]) == ["0", FEWER, "0"]  # a whole of 3 is "fewer than 5" too

    def test_nothing_hidden_nothing_withheld(self) -> None:
        assert shown([5, 6, 0, 12]) == ["5", "6", "0", "12"]
        assert str(whole_of(partition([5, 6, 0, 12]))) == "23"

    def test_a_withheld_share_or_score_reads_not_shown_unless_too_small_anyway(self) -> None:
        assert str(Share.of(partition([10, 7, 3])[1], 20)) == WITHHELD
        assert str(Share(3, 20, withheld=True)) == FEWER
        assert str(Stat(4.2, 10, withheld=True)) == WITHHELD
        assert str(Stat(4.2, 3, withheld=True)) == FEWER


class TestNetPromoterScoreRows:
    def test_a_score_beside_hidden_groups_is_not_shown(self) -> None:
        # The reviewer's case: 4 promoters and 1 passive of 5. NPS 80 = 100 × (p - 0) / 5
        # gives the 4 promoters; so would the 0% detractors beside the hidden 80% and 20%.
        groups = Groups(promoters=4, passives=1, detractors=0)
        assert [str(cell) for cell in groups.cells] == [FEWER, FEWER, WITHHELD]
        assert str(groups.score) == WITHHELD
        assert groups.score.shown is None

    def test_a_moment_is_not_all_answers_less_the_other(self) -> None:
        # After the intro 3 / 5 / 5, at term end 6 / 5 / 5: all answers 9 / 10 / 10 are
        # shown, so term end's row would give after the intro's 3 promoters (9 - 6).
        pulses = Pulses(
            {"intro": Groups(3, 5, 5), "term_end": Groups(6, 5, 5)}, sent=40, sent_answered=29
        )
        rows = [[str(cell) for cell in row] for row in _nps_chart(pulses).table.rows]
        assert rows[0] == ["After the intro", *[WITHHELD] * 5]
        assert rows[1] == ["At term end", *[WITHHELD] * 5]
        assert rows[2] == ["All answers", "29", "31%", "34.5%", "34.5%", "-3"]
        # 100 × (9 - 10) / 29 = -3.4…


@pytest.fixture
def program() -> Program:
    program = cast(Program, ProgramFactory(pulse_after_days=30))
    matched = at("2026-09-01")
    pairs = [program_pair(program, at=matched, confirmed_at=matched) for _ in range(7)]
    for pair in pairs:
        assert pair.mentorship is not None
        backdate(pair.mentorship, matched)  # the pulse counts its days from here
    meetings = [held(pair, starts_at=at("2026-09-03")) for pair in pairs[:6]]
    held(pairs[6], starts_at=at("2026-09-12"))
    for n, pair in enumerate(pairs[:4]):
        for goal in accepted(pair, on=at("2026-09-05")):
            if n == 0:
                goal_now(goal, "achieved", on=at("2026-09-20"))
    for n, meeting in enumerate(meetings):
        action_item(meeting, on=at("2026-09-10"), status="open" if n == 5 else "done")
    raters = [side for pair in pairs[:4] for side in (pair.mentee, pair.mentor)][:7]
    for n, side in enumerate(raters):
        meeting = meetings[n // 2]
        rating = meeting_feedback_give(
            meeting=meeting, actor=side.profile.user, rating=2 if n == 6 else 5,
            now=at("2026-09-04"),
        )  # fmt: skip
        backdate(rating, at("2026-09-04"))
    for _ in range(2):
        joined(program, at=matched, role="mentor")  # no mentee yet
    pulses_send(now=at("2026-10-05"))
    asked = Pulse.objects.filter(program=program).select_related("participant__profile")
    assert asked.count() == 14
    for n, pulse in enumerate(asked.order_by("id")[:8]):
        user = pulse.participant.profile.user
        pulse_answer(pulse_id=pulse.pk, user=user, score=0 if n >= 6 else 10, now=at("2026-10-06"))
    return program


def csv_rows(program: Program, key: str, **params: str) -> list[list[str]]:
    """The chart's CSV as a manager downloads it (`reports:chart_csv`)."""
    response = page(program, "reports:chart_csv", key=key, **params)
    assert response.status_code == 200
    return list(csv.reader(b"".join(response.streaming_content).decode().splitlines()))


def not_by_subtraction(whole: str, cells: list[str], hidden: int) -> None:
    """The whole less the parts shown leaves more than the hidden part, shared with a part
    not shown: it can't be told apart."""
    numbers = [int(cell.replace(",", "")) for cell in cells if cell.replace(",", "").isdigit()]
    unknown = [cell for cell in cells if not cell.replace(",", "").isdigit()]
    assert unknown.count(FEWER) == 1, cells
    assert unknown.count(WITHHELD) == 1, cells
    assert int(whole.replace(",", "")) - sum(numbers) > hidden


@pytest.mark.django_db
def test_goals_and_action_items(program: Program) -> None:
    section = built(outcomes, program, *SEPT_OCT)
    # Goals: achieved 2 (hidden), in progress 0, not started 6, dropped 0, of 8 set.
    goals = table(section, "outcomes-goals")
    assert goals[1:] == [
        ["Achieved", FEWER, FEWER], ["In progress", "0", "0%"],
        ["Not started", WITHHELD, WITHHELD], ["Dropped", "0", "0%"],
    ]  # fmt: skip
    assert figures(section)["Goals set"] == "8"
    not_by_subtraction("8", [row[1] for row in goals[1:]], hidden=2)
    assert section.charts[0].series[0].values == [None, 0, None, 0]
    assert csv_rows(program, "outcomes-goals", **RANGE) == goals
    # Action items: done 5, tried 0, dropped 0, open 1 (hidden), of 6 set. Done or tried
    # would be done itself (tried is 0): withheld with it.
    actions = table(section, "outcomes-actions")
    assert [row[1] for row in actions[1:]] == [WITHHELD, "0", "0", FEWER]
    not_by_subtraction("6", [row[1] for row in actions[1:]], hidden=1)
    assert section.charts[1].series[0].values == [None, 0, 0, None]
    assert figures(section)["Action items done or tried"] == WITHHELD
    assert csv_rows(program, "outcomes-actions", **RANGE) == actions


@pytest.mark.django_db
def test_meeting_ratings_and_the_pulse(program: Program) -> None:
    section = built(feedback, program, *SEPT_OCT)
    # Ratings: one 2 (hidden) and six 5s of 7: the 6 is withheld, and so is the average
    # (32 / 7 = 4.6 would give the 2 away too: 7 × 4.57 - 6 × 5 = 2).
    ratings = table(section, "feedback-ratings")
    assert [row[1] for row in ratings[1:]] == ["0", FEWER, "0", "0", WITHHELD]
    not_by_subtraction("7", [row[1] for row in ratings[1:]], hidden=1)
    assert figures(section)["Meeting rating"] == WITHHELD
    assert section.charts[0].series[0].values == [0, None, 0, 0, None]
    assert csv_rows(program, "feedback-ratings", **RANGE) == ratings
    # Pulse: 6 promoters, 0 passives, 2 detractors of 8. The 2 is hidden; 75% and 0% would
    # give it away (100% less them), and so would the score 100 × (6 - 2) / 8 = 50.
    nps = table(section, "feedback-nps")
    assert nps[3] == ["All answers", "8", WITHHELD, WITHHELD, FEWER, WITHHELD]
    assert figures(section)["Net Promoter Score"] == WITHHELD
    assert [series.values for series in section.charts[1].series] == [[None, None, None]] * 3
    assert csv_rows(program, "feedback-nps", **RANGE) == nps


@pytest.mark.django_db
def test_pace_bands(program: Program) -> None:
    section = built(pace, program, *SEPT_OCT)
    # 7 pairs matched: 6 met within a week, 1 after 11 days (hidden), none waiting.
    bands = table(section, "pace")
    assert [row[1] for row in bands[1:]] == [WITHHELD, FEWER, "0", "0", "0", "0"]
    assert figures(section)["Pairs matched"] == "7"
    not_by_subtraction("7", [row[1] for row in bands[1:]], hidden=1)
    assert section.charts[0].series[0].values == [None, None, 0, 0, 0, 0]
    assert section.charts[0].summary == (
        f"Of 7 pairs matched in these days, {WITHHELD} met within a week of the match and 0 "
        "have not met yet."
    )
    assert csv_rows(program, "pace", **RANGE) == bands


@pytest.mark.django_db
def test_mentors_by_number_of_mentees(program: Program) -> None:
    section = load_section(live_pairs.scope_of(program))
    assert section is not None
    # 9 mentors: 2 with no mentee (hidden), 7 with one, none with more.
    histogram = table(section, "load")
    assert [row[1] for row in histogram[1:]] == [FEWER, WITHHELD, "0", "0"]
    assert figures(section)["Places offered"] == "9"  # one place each
    not_by_subtraction("9", [row[1] for row in histogram[1:]], hidden=2)
    assert section.charts[0].series[0].values == [None, None, 0, 0]
    assert section.charts[0].summary.startswith("Of 9 mentors,")
    assert csv_rows(program, "load", **RANGE) == histogram


@pytest.mark.django_db
def test_pair_health(monkeypatch: pytest.MonkeyPatch) -> None:
    program = cast(Program, ProgramFactory())
    for _ in range(6):
        live_pairs.pair_in(program, "on_track")
    live_pairs.pair_in(program, "paused")
    section = health_section(live_pairs.scope_of(program))
    assert section is not None
    # 7 running: 6 on track, 1 paused (hidden), none worried: on track is withheld.
    health = table(section, "health")
    assert [row[1] for row in health[1:]] == [WITHHELD, "0", "0", FEWER]
    assert figures(section)["Mentorships running"] == "7"
    not_by_subtraction("7", [row[1] for row in health[1:]], hidden=1)
    assert section.charts[0].series[0].values == [None, 0, 0, None]
    # The download judges the pairs on its own day: the day the pairs above were set for.
    clock = SimpleNamespace(now=lambda: datetime(2026, 5, 25, 12, tzinfo=UTC))
    monkeypatch.setattr("tandem.reports.views.dashboard.timezone", clock)
    assert csv_rows(program, "health") == health


def test_withheld_counts_read_not_shown_in_every_form() -> None:
    count = Count(6, withheld=True)
    assert (str(count), count.shown, count.hidden) == (WITHHELD, None, True)
