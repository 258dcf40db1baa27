"""The education return calculator's rows: the list and a new scenario are everyone's own; a
scenario (its page, changing and deleting it) is its owner's alone, the mentee's here, named
with SECRET so the walks would catch it on anyone else's page. The list's row makes the
mentee's scenario too, so the matrix checks no one else's list shows it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tandem.growth.education.returns import Inputs
from tandem.growth.education.services import scenario_create
from tests.security.routes import Route
from tests.security.world import MENTEE, SECRET, SIGNED_IN, World

NS = "growth:growth_education"
OWNER = frozenset({MENTEE})
DEGREE = Inputs(
    tuition=Decimal(20_000), months_away=12, pay_given_up_per_month=Decimal(2_500),
    salary_change=Decimal(8_000), chance=Decimal(60), years=10, discount_rate=Decimal(4),
)  # fmt: skip


def _mentees_scenario(world: World) -> dict[str, Any]:
    scenario = scenario_create(owner=world.users[MENTEE], name=f"{SECRET} MBA", inputs=DEGREE)
    return {"scenario_id": scenario.pk}


def _list_with_the_mentees_scenario(world: World) -> dict[str, Any]:
    _mentees_scenario(world)
    return {}


ROUTES: dict[str, Route] = {
    f"{NS}:list": Route(SIGNED_IN, _list_with_the_mentees_scenario),
    f"{NS}:new": Route(SIGNED_IN),
    f"{NS}:detail": Route(OWNER, _mentees_scenario),
    f"{NS}:edit": Route(OWNER, _mentees_scenario),
    f"{NS}:delete": Route(OWNER, _mentees_scenario, post_only=True),
}
