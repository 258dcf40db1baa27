"""The mentor load section: places offered and taken, mentors full or waiting, the 0 / 1 / 2 /
3+ histogram, as things stand today, in one query."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.mentorships.services.mentorships import mentorship_move
from tandem.programs.models import Participant, Program
from tandem.programs.services.participants import participant_add
from tandem.programs.tests.factories import ProgramFactory
from tandem.reports.metrics.base import Section
from tandem.reports.metrics.load import load_section
from tandem.reports.tests.live_pairs import START, live_pair, scope_of
from tandem.reports.tests.world import joined, program_pair

pytestmark = pytest.mark.django_db
LABELS = ("Places offered", "Places used", "Share used", "Mentors full",
          "Mentors over capacity", "Mentors with no mentee yet")  # fmt: skip


def _section(program: Program, **filters: str) -> Section:
    section = load_section(scope_of(program, **filters))
    assert section is not None
    return section


def _figures(section: Section) -> dict[str, str]:
    return {figure.label: str(figure.value) for figure in section.figures}


def _raw(section: Section) -> tuple[int, ...]:
    """Places offered, places used, mentors full, over capacity, with none: the counts behind."""
    values = [section.figures[i].value for i in (0, 1, 3, 4, 5)]
    return tuple(value.value for value in values)


def _mentor(program: Program, capacity: int, **more: object) -> Participant:
    return joined(program, at=START, role="mentor", capacity=capacity, **more)


def _world(program: Program) -> dict[str, Participant]:
    """Seven people on the mentor side taking part, one who left, and the places they hold."""
    m = {
        "three": _mentor(program, 3, department="Sales"),
        "one_of_two": _mentor(program, 2),
        "active": _mentor(program, 1),
        "none_of_two": _mentor(program, 2),
        "closed": _mentor(program, 1),
        "both": joined(program, at=START, role="both", capacity=1),
        "her_mentor": _mentor(program, 1),  # mentors "both" as a mentee
        "left": _mentor(program, 2, state=Participant.State.LEFT),
    }
    for _ in range(3):
        program_pair(program, at=START, mentor=m["three"], confirmed_at=START)  # intros
    program_pair(program, at=START, mentor=m["one_of_two"], confirmed_at=START)
    program_pair(program, at=START, mentor=m["one_of_two"])  # unconfirmed: no place taken
    live_pair(program, mentor=m["active"])
    closed = live_pair(program, mentor=m["closed"]).mentorship
    assert closed is not None
    mentorship_move(
        mentorship=closed, actor=closed.mentor.user, to_state="closed", now=START + timedelta(1)
    )
    program_pair(program, at=START, mentor=m["both"], confirmed_at=START)
    program_pair(program, at=START, mentee=m["both"], mentor=m["her_mentor"], confirmed_at=START)
    # A mentorship through another program's match takes no place in this one.
    other = ProgramFactory(organization=program.organization)
    there = participant_add(program=other, profile=m["none_of_two"].profile, role="mentor")
    live_pair(other, mentor=there)
    return m


def test_places_offered_and_used_and_the_mentors_by_number_of_mentees() -> None:
    program = ProgramFactory()
    _world(program)

    section = _section(program)

    # Mentors taking part: three, one_of_two, active, none_of_two, closed, both, her_mentor = 7
    # ("left" left). Offered: 3 + 2 + 1 + 2 + 1 + 1 + 1 = 11. Used: 3 + 1 + 1 + 0 + 0 + 1 + 1 = 7
    # (her mentee's match is not "both"'s place); 7 / 11 = 63.6%.
    # Full (used == capacity): three (3/3), active, both, her_mentor (1/1) = 4; none over.
    # No mentee yet: none_of_two, closed = 2. Histogram: 0 → 2, 1 → 4, 2 → 0, 3+ → 1: three
    # bands hidden, 7 - 0 = 7 between them, which could be split many ways: nothing withheld.
    assert _raw(section) == (11, 7, 4, 0, 2)
    assert _figures(section) == dict(zip(LABELS, ("11", "7", "63.6%", "fewer than 5", "0",
                                                  "fewer than 5"), strict=True))  # fmt: skip
    chart = section.charts[0]
    assert (chart.key, chart.kind) == ("load", "bar")
    assert chart.labels == ["No mentee", "1 mentee", "2 mentees", "3 or more"]
    assert chart.series[0].values == [None, None, 0, None]
    assert [[str(cell) for cell in row] for row in chart.table.rows] == [
        ["No mentee", "fewer than 5"], ["1 mentee", "fewer than 5"], ["2 mentees", "0"],
        ["3 or more", "fewer than 5"],
    ]  # fmt: skip
    assert [row[1].value for row in chart.table.rows] == [2, 4, 0, 1]


def test_counts_of_five_or_more_are_shown() -> None:
    program = ProgramFactory()
    for _ in range(5):
        program_pair(program, at=START, mentor=_mentor(program, 2), confirmed_at=START)
    # 5 mentors with 2 places each and 1 mentee each: 10 offered, 5 used (50%), none full.
    section = _section(program)
    assert _figures(section) == dict(zip(LABELS, ("10", "5", "50%", "0", "0", "0"), strict=True))
    assert section.charts[0].series[0].values == [0, 5, 0, 0]


def test_an_empty_program() -> None:
    program = ProgramFactory()
    joined(program, at=START)  # a mentee: not a mentor
    section = _section(program)
    assert _figures(section) == dict(zip(LABELS, ("0", "0", "–", "0", "0", "0"), strict=True))
    assert section.charts[0].series[0].values == [0, 0, 0, 0]


def test_the_people_filters_choose_the_mentors_and_the_range_does_not() -> None:
    program = ProgramFactory()
    _world(program)
    assert _raw(_section(program, department="Sales")) == (3, 3, 1, 0, 0)  # "three" alone
    # Role "mentee" leaves the mentee-and-mentor: 1 place, 1 used, full.
    assert _raw(_section(program, role="mentee")) == (1, 1, 1, 0, 0)
    assert _raw(_section(program, role="mentor")) == (11, 7, 4, 0, 2)
    assert _raw(_section(program, cohort="2026-04")) == (0, 0, 0, 0, 0)  # all joined in March
    assert _raw(_section(program)) == (11, 7, 4, 0, 2)


def test_full_means_every_place_taken_and_over_capacity_is_told_apart() -> None:
    program = ProgramFactory()
    _mentor(program, 0)  # offers no place and has no mentee: not full, just none yet
    swamped = _mentor(program, 1)
    for _ in range(2):  # a manager's two matches for one place
        program_pair(program, at=START, mentor=swamped, confirmed_at=START)
    program_pair(program, at=START, mentor=_mentor(program, 0), confirmed_at=START)
    program_pair(program, at=START, mentor=_mentor(program, 1), confirmed_at=START)
    section = _section(program)
    # Offered 0 + 1 + 0 + 1 = 2; used 0 + 2 + 1 + 1 = 4. Full (1 of 1): the last one only.
    # Over (used > capacity): swamped (2 of 1) and the one with a mentee and no place (1 of 0).
    # No mentee: the first. Before, "used >= capacity" counted 4 full, the first among them.
    assert _raw(section) == (2, 4, 1, 2, 1)


def test_pool_programs_have_no_mentor_load() -> None:
    for kind in (Program.Kind.PEER, Program.Kind.COFFEE):
        assert load_section(scope_of(ProgramFactory(kind=kind))) is None


def test_two_queries_for_2_and_for_12_mentors() -> None:
    program = ProgramFactory()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _section(program)
        return len(captured)

    for _ in range(2):
        program_pair(program, at=START, mentor=_mentor(program, 2), confirmed_at=START)
    assert queries() == 2  # the mentors' places, their live matches per mentor
    for _ in range(10):
        program_pair(program, at=START, mentor=_mentor(program, 1), confirmed_at=START)
    assert _raw(_section(program)) == (14, 12, 10, 0, 0)  # 2×2 + 10×1 places; 12 used
    assert queries() == 2
