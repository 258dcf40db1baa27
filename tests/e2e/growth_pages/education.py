"""The education return calculator's pages for the phone walk: each person's list with two
scenarios side by side, a new one, a scenario's page with its chart, and changing it."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from tandem.growth.education.models import Scenario
from tandem.growth.education.returns import Inputs
from tandem.growth.education.services import scenario_create
from tests.e2e.site_pages import ONBOARDED, Args, Page, Viewer

NS = "growth:growth_education"
# A long name, to see it wrap; a worth-to-you figure, so every column and series shows.
DEGREE = (
    "Part-time master's degree in supply chain management at the university downtown",
    Inputs(
        tuition=Decimal(24_000), months_away=6, pay_given_up_per_month=Decimal(3_100),
        salary_change=Decimal(9_500), chance=Decimal(55), years=15, discount_rate=Decimal("3.5"),
        value_to_you=Decimal(1_000),
    ),
)  # fmt: skip
CERTIFICATE = (
    "Project management certificate",
    Inputs(
        tuition=Decimal(1_800), months_away=0, pay_given_up_per_month=Decimal(0),
        salary_change=Decimal(3_000), chance=Decimal(50), years=5, discount_rate=Decimal(4),
    ),
)  # fmt: skip


def _own_scenario(viewer: Viewer) -> Scenario:
    """The viewer's first scenario; a degree and a certificate are made if they have none."""
    first = Scenario.objects.filter(owner=viewer.user).order_by("id").first()
    if first is not None:
        return first
    made = [scenario_create(owner=viewer.user, name=n, inputs=i) for n, i in (DEGREE, CERTIFICATE)]
    return made[0]


def _with_scenarios(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    _own_scenario(viewer)
    yield "a degree and a certificate", {}


def _scenario(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    yield "", {"scenario_id": _own_scenario(viewer).pk}


PAGES: dict[str, Page] = {
    f"{NS}:list": Page(ONBOARDED, _with_scenarios),
    f"{NS}:new": Page(ONBOARDED),
    f"{NS}:detail": Page(ONBOARDED, _scenario),
    f"{NS}:edit": Page(ONBOARDED, _scenario),
}
NOT_PAGES: dict[str, str] = {
    f"{NS}:delete": "POST-only: deletes one's own scenario, then shows the list",
}
