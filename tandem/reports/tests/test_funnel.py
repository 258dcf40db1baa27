"""The funnel: where each person in scope stands today, step by step, on the page and in its CSV.

The 1:1 program below has 20 people: 2 who were never matched (they enrolled in October,
everyone else in September), a declined pair, and 8 pairs stopped at each step:
  1 pair matched, nobody answered      → matched
  1 pair confirmed, intro not held yet → matched
  1 pair that held its intro           → intro
  1 pair with an agreement proposed    → agreement
  1 pair with an agreement accepted    → active
  3 pairs completed (in Sales)         → completed
"""

from __future__ import annotations

import csv
import io
from typing import cast

import pytest

from tandem.programs.models import Program
from tandem.programs.services.matches import match_decline, match_feedback_give
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.worlds import match_of
from tandem.reports.metrics.funnel import funnel
from tandem.reports.tests.pair_steps import (
    accepted,
    at,
    completed,
    figures,
    held,
    page,
    proposed,
    scope_of,
    section_on_page,
    table,
)
from tandem.reports.tests.world import joined, program_pair

pytestmark = pytest.mark.django_db

MATCHED, CONFIRMED, MET, AGREED = (at(d) for d in ("2026-09-02", "2026-09-03", "2026-09-10",
                                                   "2026-09-12"))  # fmt: skip
RANGE = {"from": "2026-09-01", "to": "2026-10-31"}
HEADER = ["Stage", "People", "Of the step before", "Of everyone enrolled"]


@pytest.fixture
def program() -> Program:
    program = cast(Program, ProgramFactory())
    for _ in range(2):
        joined(program, at=at("2026-10-05"))  # never matched
    declined = program_pair(program, at=MATCHED)
    user = declined.mentee.profile.user
    match_decline(slug=program.slug, match_id=declined.match.pk, user=user, now=CONFIRMED)
    program_pair(program, at=MATCHED)
    program_pair(program, at=MATCHED, confirmed_at=CONFIRMED)
    intro = program_pair(program, at=MATCHED, confirmed_at=CONFIRMED)
    held(intro, starts_at=MET)
    asked = program_pair(program, at=MATCHED, confirmed_at=CONFIRMED)
    held(asked, starts_at=MET)
    proposed(asked, on=AGREED)
    active = program_pair(program, at=MATCHED, confirmed_at=CONFIRMED)
    held(active, starts_at=MET)
    accepted(active, on=AGREED)
    for _ in range(3):
        sales = {"at": MATCHED, "department": "Sales"}
        done = program_pair(
            program, at=MATCHED, confirmed_at=CONFIRMED, mentee=joined(program, **sales),
            mentor=joined(program, role="mentor", **sales),
        )  # fmt: skip
        held(done, starts_at=MET)
        accepted(done, on=AGREED)
        completed(done, on=at("2026-10-20"))
    return program


def test_each_person_counts_at_every_step_their_pairs_reached(program: Program) -> None:
    section = section_on_page(program, "funnel", **RANGE)
    assert section is not None
    assert section.title == "From joining to finishing"
    # enrolled 2 + 2×9 = 20; matched 2×8 = 16 (not the declined pair, not the 2 alone);
    # intro 2×(1+1+1+3) = 12; agreement 2×(1+1+3) = 10; active 2×(1+3) = 8; completed 2×3 = 6
    assert table(section, "funnel") == [
        HEADER,
        ["Enrolled", "20", "", "100%"],
        ["Matched", "16", "80%", "80%"],  # 16/20
        ["Held their intro", "12", "75%", "60%"],  # 12/16, 12/20
        ["Proposed an agreement", "10", "83.3%", "50%"],  # 10/12 = 83.33…, 10/20
        ["Agreement accepted", "8", "80%", "40%"],  # 8/10, 8/20
        ["Completed", "6", "75%", "30%"],  # 6/8, 6/20
    ]
    assert figures(section) == {"Match rate": "80%", "Completed": "6"}
    chart = section.charts[0]
    assert chart.kind == "hbar"
    assert chart.series[0].values == [20, 16, 12, 10, 8, 6]


def test_the_date_range_does_not_change_where_people_stand_today(program: Program) -> None:
    section = section_on_page(program, "funnel", **{"from": "2026-01-01", "to": "2026-01-31"})
    assert section is not None
    assert section.charts[0].series[0].values == [20, 16, 12, 10, 8, 6]


def test_people_filters_choose_whose_steps_count(program: Program) -> None:
    september = section_on_page(program, "funnel", cohort="2026-09", **RANGE)
    assert september is not None  # the 2 never matched enrolled in October: 18 left
    assert september.charts[0].series[0].values == [18, 16, 12, 10, 8, 6]
    assert figures(september)["Match rate"] == "88.9%"  # 16/18 = 88.88…
    sales = section_on_page(program, "funnel", department="Sales", **RANGE)
    assert sales is not None  # the 3 completed pairs, both sides: 6 at every step
    assert sales.charts[0].series[0].values == [6] * 6


def test_a_small_group_shows_fewer_than_5_in_the_csv_and_nothing_on_the_chart(
    program: Program,
) -> None:
    # Mentees only: 2 alone + 1 declined + 8 in pairs = 11; matched 8; intro 1+1+1+3 = 6;
    # agreement 1+1+3 = 5; active 1+3 = 4; completed 3.
    response = page(program, "reports:chart_csv", key="funnel", role="mentee", **RANGE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == HEADER
    assert len(rows) == 1 + 6  # the header and one row a stage
    assert rows[1:] == [
        ["Enrolled", "11", "", "100%"],
        ["Matched", "8", "72.7%", "72.7%"],  # 8/11 = 72.72…
        ["Held their intro", "6", "75%", "54.5%"],  # 6/8, 6/11 = 54.54…
        ["Proposed an agreement", "5", "83.3%", "45.5%"],  # 5/6, 5/11 = 45.45…
        # 4 and 3 are under 5: their shares would give them away (4/5 = 80% is 4)
        ["Agreement accepted", "fewer than 5", "fewer than 5", "fewer than 5"],
        ["Completed", "fewer than 5", "fewer than 5", "fewer than 5"],
    ]
    section = section_on_page(program, "funnel", role="mentee", **RANGE)
    assert section is not None
    assert section.charts[0].series[0].values == [11, 8, 6, 5, None, None]
    assert figures(section) == {"Match rate": "72.7%", "Completed": "fewer than 5"}


def test_the_funnel_csv_without_filters_has_a_row_a_stage(program: Program) -> None:
    response = page(program, "reports:chart_csv", key="funnel", **RANGE)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == HEADER
    assert [row[:2] for row in rows[1:]] == [
        ["Enrolled", "20"], ["Matched", "16"], ["Held their intro", "12"],
        ["Proposed an agreement", "10"], ["Agreement accepted", "8"], ["Completed", "6"],
    ]  # fmt: skip


def test_a_coffee_program_counts_who_met_instead_of_mentorships() -> None:
    program = ProgramFactory(kind=Program.Kind.COFFEE)
    people = [joined(program, at=MATCHED, role="peer") for _ in range(10)]
    matches = [match_of(people[i], people[i + 1], now=MATCHED) for i in range(0, 8, 2)]
    for match, met in zip(matches, (True, True, True, False), strict=True):
        user = match.first.profile.user  # one side telling is enough
        match_feedback_give(
            slug=program.slug, match_id=match.pk, user=user, met=met,
            rating=4 if met else None, now=MET,
        )  # fmt: skip
    section = section_on_page(program, "funnel", **RANGE)
    assert section is not None
    # enrolled 10; matched 4 pairs × 2 = 8; met 3 pairs × 2 = 6 (the fourth said they did not)
    assert table(section, "funnel")[1:] == [
        ["Enrolled", "10", "", "100%"],
        ["Matched", "8", "80%", "80%"],
        ["Met", "6", "75%", "60%"],  # 6/8, 6/10
    ]
    assert figures(section) == {"Match rate": "80%", "Met their match": "6"}


def test_an_empty_program_shows_zeros_and_no_chart() -> None:
    program = cast(Program, ProgramFactory())
    section = section_on_page(program, "funnel", **RANGE)
    assert section is not None
    assert figures(section) == {"Match rate": "–", "Completed": "0"}
    assert section.charts[0].is_empty
    assert table(section, "funnel") == [HEADER]


def test_the_funnel_is_one_query_whatever_the_size(
    django_assert_num_queries: object, program: Program
) -> None:
    scope = scope_of(program, "2026-09-01", "2026-10-31")
    with django_assert_num_queries(1):  # type: ignore[operator]
        funnel(scope)
