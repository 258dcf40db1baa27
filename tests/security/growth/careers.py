"""The career plan's routes: each person's own plan; a goal or a mentorship of someone else's
is a 404. The mentee's plan carries SECRET in every private text, so a page that showed it to
anyone else would be caught."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.growth.careers.models import PlanGoal
from tandem.growth.careers.services import career_plan_save, plan_goal_add
from tests.security.routes import Route
from tests.security.world import MENTEE, SECRET, SIGNED_IN, World

OWN = frozenset({MENTEE})


def mentee_plan(world: World) -> PlanGoal:
    """The world's mentee's plan (made once), with SECRET in its title, text and goals."""
    owner, now = world.users[MENTEE], timezone.now()
    goal = PlanGoal.objects.filter(plan__owner=owner).order_by("id").first()
    if goal is None:
        career_plan_save(
            owner=owner, target_industry="finance", target_level=8,
            target_title=f"{SECRET} title", brings_today=f"{SECRET} brings", now=now,
        )  # fmt: skip
        goal = plan_goal_add(owner=owner, text=f"{SECRET} plan goal", now=now)
    return goal


def _plan(world: World) -> dict[str, Any]:
    mentee_plan(world)
    return {}


def _goal(world: World) -> dict[str, Any]:
    return {"goal_id": mentee_plan(world).pk}


def _mentorship(world: World) -> dict[str, Any]:
    mentee_plan(world)
    return {"mentorship_id": world.ids["mentorship_id"]}


ROUTES: dict[str, Route] = {
    # Each person's own plan, whoever asks: the mentee's never shows to anyone else.
    "growth:growth_careers:plan": Route(SIGNED_IN, _plan),
    "growth:growth_careers:goal_add": Route(SIGNED_IN, _plan, post_only=True),
    "growth:growth_careers:goal_remove": Route(OWN, _goal, post_only=True),
    # Only the mentee of the mentorship may bring their plan's goals into its agreement.
    "growth:growth_careers:agreement_seed": Route(OWN, _mentorship, post_only=True),
}
