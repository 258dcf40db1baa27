"""The promotion plan's routes: the plan and the map are each person's own (so anyone signed
in opens theirs); a row of a plan is its owner's alone. Each row below is made in the mentee's
plan with SECRET in its text, and the plan and the map get one of each too, so the matrix
checks nobody else's page shows them."""

from __future__ import annotations

from typing import Any

from tandem.growth.promotion import services
from tandem.growth.promotion.models import SkillToGain
from tandem.skills.models import Skill
from tests.security.routes import Route
from tests.security.world import MENTEE, SECRET, SIGNED_IN, World

NS = "growth:growth_promotion"
OWNER = frozenset({MENTEE})


def _skill(world: World) -> Any:
    """The mentee's plan's Negotiation (a skill is in a plan once; a walk may ask twice)."""
    owner, skill = world.users[MENTEE], Skill.objects.get(slug="negotiation")
    held = SkillToGain.objects.filter(plan__owner=owner, skill=skill).first()
    return held or services.skill_to_gain_add(
        owner=owner, skill=skill, how_to_show=f"{SECRET} how I'll show it"
    )


def _visibility(world: World) -> Any:
    return services.visibility_action_add(
        owner=world.users[MENTEE], what=f"{SECRET} demo", whom=f"{SECRET} the board"
    )


def _decider(world: World) -> Any:
    return services.decider_add(
        owner=world.users[MENTEE], name=f"{SECRET} Dana the COO", relation="not_yet",
        next_step=f"{SECRET} ask for advice",
    )  # fmt: skip


def _opportunity(world: World) -> Any:
    return services.opportunity_add(
        owner=world.users[MENTEE], what=f"{SECRET} the reorg", when="In spring"
    )


MAKERS = {
    "skill": _skill,
    "visibility": _visibility,
    "decider": _decider,
    "opportunity": _opportunity,
}


def _whole_plan(world: World) -> dict[str, Any]:
    """No URL arguments: the mentee's plan gets one row of each kind, with SECRET."""
    for make in MAKERS.values():
        make(world)
    return {}


def _row(key: str) -> Any:
    return lambda world: {"item_id": MAKERS[key](world).pk}


ROUTES: dict[str, Route] = {
    f"{NS}:plan": Route(SIGNED_IN, _whole_plan),
    f"{NS}:map": Route(SIGNED_IN, _whole_plan),
    f"{NS}:skills_to_profile": Route(SIGNED_IN, _whole_plan, post_only=True),
    f"{NS}:visibility_done": Route(OWNER, _row("visibility"), post_only=True),
}
for _key in MAKERS:
    ROUTES[f"{NS}:{_key}_add"] = Route(SIGNED_IN, post_only=True)
    ROUTES[f"{NS}:{_key}_edit"] = Route(OWNER, _row(_key))
    ROUTES[f"{NS}:{_key}_remove"] = Route(OWNER, _row(_key), post_only=True)
