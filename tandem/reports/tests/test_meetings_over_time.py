"""Meetings held over time: by month (by week for three months or less), with the pairs that
met and the meetings per pair matched by then.

Five pairs are matched on 3 August 2026 (people enrolled in August), two on 14 September
(enrolled in September, department Ops). Meetings held:
  10 Aug: the 5 August pairs (their intros)
  10 Sep: the 5 August pairs again;   21 Sep: the 2 September pairs
  12 Oct: 3 of the August pairs;      26 Oct: the first of those 3 once more
A missed meeting on 20 Oct and one still scheduled count for nothing.
"""

from __future__ import annotations

from typing import cast

import pytest

from tandem.meetings.models import Meeting
from tandem.meetings.tests.factories import meeting_row
from tandem.programs.models import Program
from tandem.programs.tests.factories import ProgramFactory
from tandem.reports.metrics.meetings import meetings
from tandem.reports.tests.pair_steps import accepted, at, built, figures, held, scope_of, table
from tandem.reports.tests.world import Pair, joined, program_pair

pytestmark = pytest.mark.django_db

MONTHS = ("2026-07-01", "2026-11-30")  # 153 days: month by month
HEADER = ["Month", "Meetings held", "Pairs that met", "Pairs matched by then", "Meetings per pair"]


def _pair(program: Program, day: str, department: str = "") -> Pair:
    people = {"at": at(day), "department": department}
    return program_pair(
        program, at=at(day), confirmed_at=at(day, hour=12), mentee=joined(program, **people),
        mentor=joined(program, role="mentor", **people),
    )  # fmt: skip


@pytest.fixture
def program() -> Program:
    program = cast(Program, ProgramFactory())
    august = [_pair(program, "2026-08-03") for _ in range(5)]
    september = [_pair(program, "2026-09-14", department="Ops") for _ in range(2)]
    for pair in august:
        held(pair, starts_at=at("2026-08-10"))
        accepted(pair, on=at("2026-08-11"))  # later meetings follow an agreement
        held(pair, starts_at=at("2026-09-10"))
    for pair in september:
        held(pair, starts_at=at("2026-09-21"))
    for pair in august[:3]:
        held(pair, starts_at=at("2026-10-12"))
    held(august[0], starts_at=at("2026-10-26"))
    mentorship = august[1].mentorship
    assert mentorship is not None
    meeting_row(mentorship, Meeting.State.NO_SHOW, at("2026-10-20"))
    meeting_row(mentorship, Meeting.State.SCHEDULED, at("2026-12-07"))
    return program


def test_month_by_month_counted_by_hand(program: Program) -> None:
    section = built(meetings, program, *MONTHS)
    assert section.title == "Meetings over time"
    # Pairs matched by each month's end: July 0, August 5, then 7.
    # Per pair: Aug 5/5 = 1, Sep 7/7 = 1, Nov 0/7 = 0; October's 4 meetings are under 5,
    # so its 4/7 = 0.57… a pair (which would give the 4 away) is hidden too.
    assert table(section, "meetings") == [
        HEADER,
        ["July 2026", "0", "0", "0", "–"],
        ["August 2026", "5", "5", "5", "1"],
        ["September 2026", "7", "7", "7", "1"],  # 5 on the 10th, 2 on the 21st
        ["October 2026", "fewer than 5", "fewer than 5", "7", "fewer than 5"],  # 4 by 3 pairs
        ["November 2026", "0", "0", "7", "0"],
    ]
    chart = section.charts[0]
    assert chart.kind == "line"
    assert chart.labels == ["July 2026", "August 2026", "September 2026", "October 2026",
                            "November 2026"]  # fmt: skip
    assert [s.name for s in chart.series] == ["Meetings held", "Meetings per pair"]
    assert chart.series[0].values == [0, 5, 7, None, 0]
    assert chart.series[1].values == [None, 1.0, 1.0, None, 0.0]
    # 5 + 7 + 4 = 16 held; 16 / 7 pairs = 2.28…
    assert figures(section) == {"Meetings held": "16", "Meetings per pair": "2.3"}


def test_a_short_range_goes_week_by_week(program: Program) -> None:
    # Wednesday 9 to Sunday 27 September: 19 days, the ISO weeks of 7, 14 and 21 September.
    section = built(meetings, program, "2026-09-09", "2026-09-27")
    assert table(section, "meetings") == [
        ["Week", *HEADER[1:]],
        ["Week of 7 Sep 2026", "5", "5", "5", "1"],  # 5/5
        ["Week of 14 Sep 2026", "0", "0", "7", "0"],  # matched on the 14th: 7 by its end
        ["Week of 21 Sep 2026", "fewer than 5", "fewer than 5", "7", "fewer than 5"],  # 2 held
    ]
    # 5 + 2 = 7 held; 7 pairs by the 27th: 1 each
    assert figures(section) == {"Meetings held": "7", "Meetings per pair": "1"}


def test_the_range_chooses_the_meetings(program: Program) -> None:
    section = built(meetings, program, "2026-10-01", "2026-10-31")  # weekly, October only
    # 3 on 12 Oct, 1 on 26 Oct: 4, under 5, and so hidden in 4/7 a pair as well.
    hidden = {"Meetings held": "fewer than 5", "Meetings per pair": "fewer than 5"}
    assert figures(section) == hidden


def test_the_cohort_and_department_filters_choose_the_pairs(program: Program) -> None:
    august = built(meetings, program, *MONTHS, cohort="2026-08")
    # The 5 August pairs: 5 + 5 + 4 = 14 held, 14 / 5 = 2.8 a pair.
    assert figures(august) == {"Meetings held": "14", "Meetings per pair": "2.8"}
    assert table(august, "meetings")[3] == ["September 2026", "5", "5", "5", "1"]
    ops = built(meetings, program, *MONTHS, department="Ops")
    # The 2 September pairs: 2 held on 21 Sep; 2 pairs is under 5, so no per-pair figure.
    assert figures(ops) == {"Meetings held": "fewer than 5", "Meetings per pair": "fewer than 5"}
    assert table(ops, "meetings")[3] == [
        "September 2026", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5",
    ]  # fmt: skip
    assert ops.charts[0].series[0].values == [0, 0, None, 0, 0]
    assert ops.charts[0].series[1].values == [None, None, None, None, None]


def test_the_role_filter_keeps_pairs_with_a_side_in_it(program: Program) -> None:
    mentors = built(meetings, program, *MONTHS, role="mentor")
    assert figures(mentors) == {"Meetings held": "16", "Meetings per pair": "2.3"}


def test_an_empty_program_shows_zero_and_no_chart() -> None:
    section = built(meetings, ProgramFactory(), *MONTHS)
    assert figures(section) == {"Meetings held": "0", "Meetings per pair": "–"}
    assert section.charts[0].is_empty
    assert table(section, "meetings") == [HEADER]


def test_coffee_and_peer_programs_have_no_meetings_section() -> None:
    for kind in (Program.Kind.COFFEE, Program.Kind.PEER):
        assert meetings(scope_of(ProgramFactory(kind=kind), *MONTHS)) is None
