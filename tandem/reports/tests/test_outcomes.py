"""Goals and action items: those set in the range, by where they stand today.

Six pairs matched on 1 September 2026 hold their intro on the 3rd, agree on two goals each on
the 5th (12 goals) and take action items from the intro on the 10th. Pairs 5 and 6 are in
Ops. Where things stand (goals / action items):
  pair 1: achieved, achieved      done, done
  pair 2: achieved, achieved      done, done
  pair 3: achieved, in progress   done, tried
  pair 4: in progress × 2         tried, tried
  pair 5: not started × 2         dropped        (Ops)
  pair 6: not started, dropped    open           (Ops)
An August pair (enrolled in August) agreed on two goals on 5 August, still not started, and
did one action item on 10 August. A mentor's own learning goal never counts.
"""

from __future__ import annotations

from typing import cast

import pytest

from tandem.meetings.tests.factories import backdate
from tandem.mentorships.services.goals import learning_goal_add
from tandem.programs.models import Program
from tandem.programs.tests.factories import ProgramFactory
from tandem.reports.metrics.outcomes import outcomes
from tandem.reports.tests.pair_steps import (
    accepted,
    action_item,
    at,
    built,
    figures,
    goal_now,
    held,
    scope_of,
    table,
)
from tandem.reports.tests.world import Pair, joined, program_pair

pytestmark = pytest.mark.django_db

SEPT_OCT = ("2026-09-01", "2026-10-31")
GOALS = (
    ("achieved", "achieved"), ("achieved", "achieved"), ("achieved", "progressing"),
    ("progressing", "progressing"), ("open", "open"), ("open", "dropped"),
)  # fmt: skip
ITEMS = (("done", "done"), ("done", "done"), ("done", "tried"), ("tried", "tried"),
         ("dropped",), ("open",))  # fmt: skip


def _pair_through(program: Program, month: str, goals: tuple[str, ...], items: tuple[str, ...],
                  department: str = "") -> Pair:  # fmt: skip
    people = {"at": at(f"{month}-01"), "department": department}
    pair = program_pair(
        program, at=at(f"{month}-01"), confirmed_at=at(f"{month}-01", hour=12),
        mentee=joined(program, **people), mentor=joined(program, role="mentor", **people),
    )  # fmt: skip
    meeting = held(pair, starts_at=at(f"{month}-03"))
    for goal, status in zip(accepted(pair, on=at(f"{month}-05")), goals, strict=True):
        if status != "open":
            goal_now(goal, status, on=at(f"{month}-20"))
    for status in items:
        action_item(meeting, on=at(f"{month}-10"), status=status)
    return pair


@pytest.fixture
def program() -> Program:
    program = cast(Program, ProgramFactory())
    pairs = [
        _pair_through(program, "2026-09", goals, items, department="Ops" if n >= 4 else "")
        for n, (goals, items) in enumerate(zip(GOALS, ITEMS, strict=True))
    ]
    _pair_through(program, "2026-08", ("open", "open"), ("done",))
    mentorship = pairs[0].mentorship
    assert mentorship is not None
    mentorship.refresh_from_db()  # active since its agreement
    learning = learning_goal_add(mentorship=mentorship, actor=mentorship.mentor.user, text="Listen")
    backdate(learning, at("2026-09-05"))
    return program


def test_goals_and_action_items_set_in_the_range_by_status(program: Program) -> None:
    section = built(outcomes, program, *SEPT_OCT)
    # 12 goals: achieved 2+2+1 = 5, in progress 1+2 = 3, not started 2+1 = 3, dropped 1.
    assert table(section, "outcomes-goals") == [
        ["Status now", "Goals", "Of the goals set"],
        ["Achieved", "5", "41.7%"],  # 5/12 = 41.66…
        # 3, 3 and 1 are under 5, and so are their shares (3/12 = 25% would be 3)
        ["In progress", "fewer than 5", "fewer than 5"],
        ["Not started", "fewer than 5", "fewer than 5"],
        ["Dropped", "fewer than 5", "fewer than 5"],
    ]
    # 10 items: done 2+2+1 = 5, tried 1+2 = 3, dropped 1, open 1.
    assert table(section, "outcomes-actions") == [
        ["Status now", "Action items", "Of the action items set"],
        ["Done", "5", "50%"],
        ["Tried", "fewer than 5", "fewer than 5"],  # 3
        ["Dropped", "fewer than 5", "fewer than 5"],  # 1
        ["Open", "fewer than 5", "fewer than 5"],  # 1
    ]
    assert figures(section) == {
        "Goals set": "12",
        "Goals achieved": "5",
        "Share of goals achieved": "41.7%",
        # (5 + 3) / 10 = 80% would give away the hidden tried: 8 done or tried less the 5
        # done shown is 3. Withheld (and with it dropped + open = 10 - 8 = 2).
        "Action items done or tried": "not shown",
    }
    goals_chart, actions_chart = section.charts
    assert goals_chart.kind == "bar"
    assert goals_chart.series[0].values == [5, None, None, None]
    assert actions_chart.series[0].values == [5, None, None, None]


def test_a_range_taking_in_august_adds_the_august_pair(program: Program) -> None:
    section = built(outcomes, program, "2026-08-01", "2026-10-31")
    # 12 + 2 not started = 14 goals, 5 achieved (35.71…%); 10 + 1 done = 11 items, 9 done
    # or tried (81.81…%) but done is 6 and shown, so 9 - 6 = 3 would give the hidden tried
    # away: not shown.
    assert figures(section) == {
        "Goals set": "14",
        "Goals achieved": "5",
        "Share of goals achieved": "35.7%",
        "Action items done or tried": "not shown",
    }
    # Goals 5 / 3 / 5 / 1: two parts hidden, 14 - 5 - 5 = 4 between them, which could be
    # 1 + 3, 2 + 2 or 3 + 1, so no other part is withheld.
    assert table(section, "outcomes-goals")[3] == ["Not started", "5", "35.7%"]  # 5/14


def test_a_department_of_two_pairs_shows_fewer_than_5(program: Program) -> None:
    section = built(outcomes, program, *SEPT_OCT, department="Ops")
    # Ops: goals not started × 3 and dropped × 1 (4 goals); items dropped and open (2).
    assert figures(section) == {
        "Goals set": "fewer than 5",
        "Goals achieved": "0",
        "Share of goals achieved": "fewer than 5",
        "Action items done or tried": "fewer than 5",
    }
    assert table(section, "outcomes-goals")[1:] == [
        ["Achieved", "0", "fewer than 5"],
        ["In progress", "0", "fewer than 5"],
        ["Not started", "fewer than 5", "fewer than 5"],
        ["Dropped", "fewer than 5", "fewer than 5"],
    ]
    assert section.charts[0].series[0].values == [0, 0, None, None]
    assert section.charts[1].series[0].values == [0, 0, None, None]


def test_the_cohort_filter_chooses_whose_goals_count(program: Program) -> None:
    section = built(outcomes, program, "2026-08-01", "2026-10-31", cohort="2026-08")
    # Only the August pair: 2 goals, none achieved; 1 item, done.
    assert figures(section) == {
        "Goals set": "fewer than 5",
        "Goals achieved": "0",
        "Share of goals achieved": "fewer than 5",
        "Action items done or tried": "fewer than 5",
    }


def test_an_empty_program_shows_zeros_and_no_charts() -> None:
    section = built(outcomes, ProgramFactory(), *SEPT_OCT)
    assert figures(section) == {
        "Goals set": "0",
        "Goals achieved": "0",
        "Share of goals achieved": "–",
        "Action items done or tried": "–",
    }
    assert all(chart.is_empty for chart in section.charts)


def test_pool_programs_have_no_outcomes_section() -> None:
    assert outcomes(scope_of(ProgramFactory(kind=Program.Kind.COFFEE), *SEPT_OCT)) is None
