"""The coffee rounds section: per cycle, the people introduced, the intros, the conversations
held and the ratings, from published rounds whose cycle starts in the range; four queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.programs.models import Match, Participant, Program, Round
from tandem.programs.services.matches import match_feedback_give
from tandem.programs.tests.factories import ParticipantFactory, ProgramFactory, manager_of
from tandem.programs.tests.worlds import match_of, round_of
from tandem.reports.filters import Filters
from tandem.reports.metrics.base import Section
from tandem.reports.metrics.coffee import coffee_section
from tandem.reports.privacy import Share
from tandem.reports.scope import Scope

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 25)
FIRST, SECOND = date(2026, 3, 2), date(2026, 3, 16)  # the two cycles in range
SECRET = "A-NOTE-ONLY-THE-PROGRAM-ENGINE-READS"
RANGE = {"from": "2026-01-01", "to": TODAY.isoformat()}
LABELS = ("Opted in now", "Cycles", "Intros that led to a conversation", "Average rating")


def _scope(program: Program, start: date = date(2026, 1, 1), **people: str) -> Scope:
    return Scope(program=program, filters=Filters(start=start, end=TODAY, **people), today=TODAY)


def _section(program: Program, start: date = date(2026, 1, 1), **people: str) -> Section:
    section = coffee_section(_scope(program, start, **people))
    assert section is not None
    return section


def _figures(section: Section) -> dict[str, str]:
    return {figure.label: str(figure.value) for figure in section.figures}


def _rows(section: Section) -> list[list[object]]:
    """The table's cells as the numbers behind them (a rating as its Stat's value)."""

    def raw(cell: object) -> object:
        return cell.percent if isinstance(cell, Share) else getattr(cell, "value", cell)

    return [[raw(cell) for cell in row] for row in section.charts[0].table.rows]


def _said(match: Match, place: Participant, met: bool, rating: int | None = None) -> None:
    match_feedback_give(
        slug=match.program.slug, match_id=match.pk, user=place.profile.user, met=met,
        rating=rating, note=SECRET, now=datetime.combine(TODAY, time(9), tzinfo=UTC),
    )  # fmt: skip


def _world() -> tuple[Program, list[Participant]]:
    """Eight people; two cycles in range, one draft and one cycle before the range."""
    p1, p2 = _pair()
    program = p1.program
    people = [p1, p2] + [_joined(program) for _ in range(6)]
    p1, p2, p3, p4, p5, p6, p7, p8 = people
    for place in (p1, p2):
        place.department = "Sales"
        place.save(update_fields=["department"])
    Participant.objects.filter(pk=p6.pk).update(opted_in=False)
    Participant.objects.filter(pk=p5.pk).update(state=Participant.State.LEFT)

    first_round = round_of(program, cycle_on=FIRST)
    a, b, c = (match_of(x, y, round_=first_round) for x, y in ((p1, p2), (p3, p4), (p5, p6)))
    _said(a, p1, True, 5)
    _said(a, p2, True, 4)
    _said(b, p3, False)
    _said(c, p6, True, 3)
    second_round = round_of(program, cycle_on=SECOND)
    d, e = match_of(p1, p3, round_=second_round), match_of(p4, p1, round_=second_round)
    declined = match_of(p2, p7, round_=second_round)
    Match.objects.filter(pk=declined.pk).update(state=Match.State.DECLINED)
    _said(d, p3, True, 5)
    _said(e, p4, True, 4)
    _said(e, p1, True, 2)
    match_of(p7, p8, round_=round_of(program, state=Round.State.DRAFT, cycle_on=SECOND))
    match_of(p7, p8, round_=round_of(program, cycle_on=date(2025, 12, 1)))  # before the range
    return program, people


def _joined(program: Program) -> Participant:
    place = ParticipantFactory(program=program)
    assert isinstance(place, Participant)
    return place


def _pair() -> tuple[Participant, Participant]:
    """Two people in a new coffee program."""
    first = ParticipantFactory(program__kind=Program.Kind.COFFEE)
    assert isinstance(first, Participant)
    return first, _joined(first.program)


def test_each_cycle_and_the_totals() -> None:
    program, _people = _world()

    section = _section(program)

    # Cycle of 2 March: 3 intros, people p1..p6 = 6 (p5 left but took part); held: a (met) and
    # c (met) = 2, b (not met) no; ratings 5, 4, 3 (sum 12, n 3: too few to show).
    # Cycle of 16 March: 2 intros (the declined one is no intro), people p1, p3, p4 = 3 (p1 is
    # on both sides, counted once); held 2; ratings 5, 4, 2 (sum 11, n 3).
    assert _rows(section) == [
        ["2 Mar 2026", 6, 3, 2, None, 4.0],
        ["16 Mar 2026", 3, 2, 2, None, 11 / 3],
    ]
    table = section.charts[0].table
    assert [str(cell) for cell in table.rows[0]] == [
        "2 Mar 2026", "6", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5",
    ]  # fmt: skip
    chart = section.charts[0]
    assert (chart.key, chart.labels) == ("coffee", ["2 Mar 2026", "16 Mar 2026"])
    assert [s.values for s in chart.series] == [[6, None], [None, None], [None, None]]
    # Opted in now: p1, p2, p3, p4, p7, p8 = 6 (p5 left, p6 paused). Cycles: 2.
    # Conversations: (2 + 2) / (3 + 2) intros = 80%, but 4 conversations is a group under
    # five, so the share that would give it away is hidden too. Rating: (12 + 11) / 6 → 3.8.
    expected = ("6", "fewer than 5", "fewer than 5", "3.8 out of 5")
    assert _figures(section) == dict(zip(LABELS, expected, strict=True))


def test_the_range_chooses_the_cycles_and_the_people_filters_the_pairs() -> None:
    program, _people = _world()
    later = _section(program, start=date(2026, 3, 10))
    assert [row[:4] for row in _rows(later)] == [["16 Mar 2026", 3, 2, 2]]
    assert _figures(later)["Cycles"] == "fewer than 5"
    assert _figures(later)["Intros that led to a conversation"] == "fewer than 5"  # 2 of 2

    # Sales is p1 and p2: the intros with one of them, the people among them only.
    sales = _section(program, department="Sales")
    # 2 March: a (p1, p2): 1 intro, 2 people, held; ratings 5, 4. 16 March: d (p1, p3) and
    # e (p4, p1): 2 intros, 1 person (p1), both held; ratings 5, 4, 2.
    assert [row[:4] for row in _rows(sales)] == [["2 Mar 2026", 2, 1, 1], ["16 Mar 2026", 1, 2, 2]]
    assert _figures(sales)["Opted in now"] == "fewer than 5"  # p1, p2
    rating = sales.figures[3].value
    assert (rating.value, rating.n) == (4.0, 5)  # 20 / 5
    assert str(rating) == "4 out of 5"


def test_an_empty_coffee_program_and_programs_that_are_not_coffee() -> None:
    first, _second = _pair()
    section = _section(first.program)
    assert _figures(section) == dict(zip(LABELS, ("fewer than 5", "0", "–", "–"), strict=True))
    assert section.charts[0].is_empty
    for kind in (Program.Kind.MENTORING, Program.Kind.PEER, Program.Kind.REVERSE):
        assert coffee_section(_scope(ProgramFactory(kind=kind))) is None


def test_the_page_shows_the_section_and_never_the_notes() -> None:
    program, _people = _world()
    client = Client()
    client.force_login(manager_of(program.organization))
    response = client.get(reverse("reports:dashboard", kwargs={"slug": program.slug}), RANGE)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="section-coffee"' in text
    assert "16 Mar 2026" in text
    assert SECRET not in text
    csv = client.get(
        reverse("reports:chart_csv", kwargs={"slug": program.slug, "key": "coffee"}),
        RANGE,
    )
    body = b"".join(csv.streaming_content).decode()
    assert body.splitlines()[1] == (
        "2 Mar 2026,6,fewer than 5,fewer than 5,fewer than 5,fewer than 5"
    )
    assert SECRET not in body


def test_the_same_queries_for_2_and_for_12_cycles() -> None:
    first, second = _pair()
    program = first.program
    others = [_joined(program) for _ in range(4)]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _section(program)
        return len(captured)

    for week in range(12):  # a cycle a week from 5 January: 12 cycles, 2 intros each
        cycle = round_of(program, cycle_on=date(2026, 1, 5) + timedelta(weeks=week))
        match = match_of(first, second, round_=cycle)
        match_of(others[week % 2], others[2 + week % 2], round_=cycle)
        _said(match, first, True, 4)
        if week == 1:
            assert queries() == 4  # rounds, intros per round, people per round, opted in
    assert len(_rows(_section(program))) == 12
    assert queries() == 4
