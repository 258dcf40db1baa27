"""The pair health section: mentorships counted by the health their own page shows, the pairs
needing a word listed worst first, nothing private on the page, a fixed number of queries.

Every pair starts on 2 March (START); on TODAY, 25 May, an "at risk" pair has not met for 84
days, a "needs attention" one last met 50 days ago and an "on track" one a week ago
(live_pairs.py).
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.meetings.models import Meeting, MeetingFeedback, Note, ThankYou
from tandem.meetings.tests.factories import meeting_row
from tandem.mentorships.models import Feedback
from tandem.programs.models import Program
from tandem.programs.tests.factories import ProgramFactory, manager_of
from tandem.reports.filters import Filters
from tandem.reports.metrics import health as health_metric
from tandem.reports.metrics.base import Section
from tandem.reports.metrics.health import PairList, health_section
from tandem.reports.scope import Scope
from tandem.reports.tests.live_pairs import START, TODAY, pair_in, scope_of
from tandem.reports.tests.world import joined, program_pair

pytestmark = pytest.mark.django_db
LABELS = ("Mentorships running", "On track", "Needs attention", "At risk", "Paused")


def _section(program: Program, **filters: str) -> Section:
    """The section judged afresh: the program's health is kept for ten minutes, and these
    tests change the pairs between looks (the keeping has its own test below)."""
    cache.clear()
    section = health_section(scope_of(program, **filters))
    assert section is not None
    return section


def _figures(section: Section) -> dict[str, str]:
    return {figure.label: str(figure.value) for figure in section.figures}


def _raw(section: Section) -> list[int]:
    return [figure.value.value for figure in section.figures]


def _listed(section: Section) -> PairList:
    assert isinstance(section.extra, PairList)
    return section.extra


def test_mentorships_are_counted_by_health_and_the_worried_ones_listed_worst_first() -> None:
    program = ProgramFactory()
    made = {status: [pair_in(program, status) for _ in range(n)]
            for status, n in (("on_track", 6), ("needs_attention", 5), ("at_risk", 5),
                              ("paused", 1))}  # fmt: skip
    program_pair(program, at=START, confirmed_at=START)  # still in its intro: no health yet
    program_pair(program, at=START)  # not confirmed: no mentorship

    section = _section(program)

    # Running: 6 + 5 + 5 + 1 = 17 (the intro and the unconfirmed match are not running).
    # The 10 worried pairs are listed below, so 17 - 10 = 7 are on track or paused: 6 on
    # track shown would make the hidden paused 7 - 6 = 1, so on track is withheld too.
    assert _figures(section) == dict(zip(LABELS, ("17", "not shown", "5", "5", "fewer than 5"),
                                         strict=True))  # fmt: skip
    chart = section.charts[0]
    assert (chart.key, chart.kind) == ("health", "bar")
    assert chart.labels == ["On track", "Needs attention", "At risk", "Paused"]
    assert chart.series[0].values == [None, 5, 5, None]  # 6 withheld, 1 paused: hidden
    assert [[str(cell) for cell in row] for row in chart.table.rows] == [
        ["On track", "not shown"], ["Needs attention", "5"], ["At risk", "5"],
        ["Paused", "fewer than 5"],
    ]  # fmt: skip
    listed = _listed(section)
    # At risk first, then needs attention; all matched on 2 March, so in the order matched.
    assert [row.match_id for row in listed.pairs] == [
        pair.match.pk for pair in made["at_risk"] + made["needs_attention"]
    ]
    first, pair = listed.pairs[0], made["at_risk"][0]
    assert (first.mentee, first.mentor) == (
        pair.mentee.profile.user.display_name, pair.mentor.profile.user.display_name,
    )  # fmt: skip
    assert (first.matched_on, first.status, first.label) == (START.date(), "at_risk", "At risk")
    assert first.reasons == [
        "No meeting yet since you started on 2 March (84 days); you agreed to meet every month."
    ]
    assert listed.pairs[5].reasons[0].startswith("It's been 50 days since you last met")
    assert listed.more.value == 0


def test_an_empty_program_and_groups_of_fewer_than_five() -> None:
    program = ProgramFactory()
    empty = _section(program)
    assert _figures(empty) == dict.fromkeys(LABELS, "0")
    assert empty.charts[0].series[0].values == [0, 0, 0, 0]
    assert _listed(empty).pairs == []

    at_risk = pair_in(program, "at_risk")
    for _ in range(2):
        pair_in(program, "on_track")
    section = _section(program)
    # 1 at risk + 2 on track = 3 running: every count from 1 to 4 is hidden, 0 is not.
    assert _raw(section) == [3, 2, 0, 1, 0]
    assert _figures(section) == dict(zip(LABELS, ("fewer than 5", "fewer than 5", "0",
                                                  "fewer than 5", "0"), strict=True))  # fmt: skip
    assert section.charts[0].series[0].values == [None, 0, None, 0]
    assert [row.match_id for row in _listed(section).pairs] == [at_risk.match.pk]


def test_the_people_filters_choose_the_pairs_and_the_range_does_not() -> None:
    program = ProgramFactory()
    sales = [pair_in(program, "at_risk", mentee=joined(program, at=START, department="Sales"))
             for _ in range(2)]  # fmt: skip
    pair_in(program, "needs_attention", mentee=joined(program, at=START, department="Ops"))
    pair_in(program, "on_track", mentee=joined(program, at=START, department="Ops"))

    assert _raw(_section(program)) == [4, 1, 1, 2, 0]  # 2 Sales at risk + 2 Ops pairs
    in_sales = _section(program, department="Sales")
    assert _raw(in_sales) == [2, 0, 0, 2, 0]
    assert [row.match_id for row in _listed(in_sales).pairs] == [p.match.pk for p in sales]
    assert _raw(_section(program, role="mentor")) == [4, 1, 1, 2, 0]  # every pair has a mentor
    assert _raw(_section(program, cohort="2026-04")) == [0, 0, 0, 0, 0]  # all joined in March

    later = health_section(
        Scope(program=program, filters=Filters(start=TODAY, end=TODAY), today=TODAY)
    )
    assert later is not None
    assert _raw(later) == [4, 1, 1, 2, 0]


def test_the_list_stops_at_its_limit_and_counts_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(health_metric, "LISTED_AT_MOST", 2)
    program = ProgramFactory()
    at_risk = [pair_in(program, "at_risk") for _ in range(2)]
    for _ in range(2):
        pair_in(program, "needs_attention")
    listed = _listed(_section(program))
    assert [row.match_id for row in listed.pairs] == [p.match.pk for p in at_risk]
    assert listed.more.value == 2
    assert str(listed.more) == "fewer than 5"


def test_peer_and_coffee_programs_have_no_pair_health() -> None:
    for kind in (Program.Kind.PEER, Program.Kind.COFFEE):
        assert health_section(scope_of(ProgramFactory(kind=kind))) is None


SECRETS = (
    "PRIVATE-NOTE-TEXT", "SHARED-NOTE-TEXT", "HELPED-TEXT", "BETTER-TEXT", "APPRECIATED-TEXT",
    "THANK-YOU-TEXT", "ENDING-FEEDBACK-TEXT",
)  # fmt: skip


def test_the_page_lists_the_pairs_with_a_check_in_and_nothing_private() -> None:
    program = ProgramFactory()
    pair = pair_in(program, "needs_attention")
    mentorship = pair.mentorship
    assert mentorship is not None
    mentee, mentor = mentorship.mentee.user, mentorship.mentor.user
    held = Meeting.objects.get(mentorship=mentorship)
    Note.objects.create(meeting=held, author=mentor, text=SECRETS[0], is_private=True)
    Note.objects.create(meeting=held, author=mentee, text=SECRETS[1])
    MeetingFeedback.objects.create(
        meeting=held, author=mentee, rating=2, helped=SECRETS[2], better=SECRETS[3],
        appreciated=SECRETS[4],
    )  # fmt: skip
    ThankYou.objects.create(meeting=held, author=mentee, text=SECRETS[5])
    Feedback.objects.create(mentorship=mentorship, author=mentor, rating=3, helped=SECRETS[6])
    meeting_row(mentorship, Meeting.State.CANCELLED, START)  # not a meeting held

    client = Client()
    client.force_login(manager_of(program.organization))
    response = client.get(reverse("reports:dashboard", kwargs={"slug": program.slug}))

    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="section-health"' in text
    assert "What the pair sees:" in text
    assert mentee.display_name in text
    assert mentor.display_name in text
    check_in = reverse("reports:check_in", kwargs={"slug": program.slug, "match_id": pair.match.pk})
    assert f'action="{check_in}?' in text
    assert "Check in with them" in text
    for secret in SECRETS:
        assert secret not in text, secret


def test_the_section_costs_the_same_queries_for_2_and_for_12_pairs() -> None:
    program = ProgramFactory()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _section(program)
        return len(captured)

    for status in ("at_risk", "on_track"):
        pair_in(program, status)
    two = queries()
    for status in ("at_risk", "needs_attention", "on_track", "paused", "at_risk") * 2:
        pair_in(program, status)
    assert _raw(_section(program))[0] == 12
    assert queries() == two


def test_a_program_s_health_is_kept_ten_minutes_and_each_filter_takes_its_pairs_from_it() -> None:
    program = ProgramFactory()
    sales = joined(program, at=START, department="Sales")
    pair_in(program, "at_risk", mentee=sales)
    first = _section(program)
    assert "Worked out at" in first.intro
    assert _raw(first)[0] == 1

    # A pair who starts within the ten minutes shows from the next judgement on, not before,
    # and looking again reads no health query: only the live pairs and the names listed.
    pair_in(program, "on_track")
    with CaptureQueriesContext(connection) as captured:
        again = health_section(scope_of(program))
    assert again is not None
    assert _raw(again)[0] == 1
    assert len(captured) == 2
    narrowed = health_section(scope_of(program, department="Sales"))
    assert narrowed is not None
    assert [row.mentee for row in _listed(narrowed).pairs] == [sales.profile.user.display_name]
    assert _raw(_section(program))[0] == 2
