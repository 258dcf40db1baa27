"""The filter bar offers only what it can count: enrollment months as the cohort filter reads
them (UTC months, whatever the manager's time zone), and the sides a program has (mentees and
mentors in 1:1 programs; no role filter for peer programs and coffee rounds, one pool)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tandem.programs.models import Program
from tandem.programs.tests.factories import ProgramFactory
from tandem.reports.selectors.dashboard import _choices, scope_for
from tandem.reports.tests.pair_steps import page
from tandem.reports.tests.world import joined

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def test_a_cohort_month_is_the_utc_month_the_filter_counts() -> None:
    program = ProgramFactory()
    for _ in range(6):  # 02:00 UTC on 1 March is 21:00 on 28 February in New York
        joined(program, at=datetime(2026, 3, 1, 2, 0, tzinfo=UTC))
    timezone.activate(ZoneInfo("America/New_York"))
    try:
        cohorts, _departments = _choices(program)
        _form, scope = scope_for(program=program, params={"cohort": "2026-03"}, today=TODAY)
        assert cohorts == ["2026-03"]  # was "2026-02", a month that counted no one
        assert scope.people.count() == 6
    finally:
        timezone.deactivate()


def test_a_one_to_one_program_offers_mentees_and_mentors() -> None:
    program = ProgramFactory(kind=Program.Kind.MENTORING)
    form, scope = scope_for(program=program, params={"role": "mentor"}, today=TODAY)
    assert [value for value, _words in form.fields["role"].choices] == ["", "mentee", "mentor"]
    assert scope.filters.role == "mentor"
    # "Participants" (peers) would choose no one here: it is not offered, and asking for it
    # says so and counts everyone.
    form, scope = scope_for(program=program, params={"role": "peer"}, today=TODAY)
    assert "role" in form.errors
    assert scope.filters.role == ""


@pytest.mark.parametrize("kind", [Program.Kind.PEER, Program.Kind.COFFEE])
def test_a_pool_has_no_role_filter(kind: str) -> None:
    program = ProgramFactory(kind=kind)
    form, scope = scope_for(program=program, params={"role": "mentee"}, today=TODAY)
    assert "role" not in form.fields
    assert not form.errors
    assert scope.filters.role == ""  # a side in the address is left out
    html = page(program, "reports:dashboard").content.decode()
    assert 'name="role"' not in html
    assert 'name="department"' in html
