"""Writes for the career plan. Everything here is the owner's alone; the target (industry,
function, level) is copied onto their profile, which is how matching learns where they want
to go."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Max

from tandem.accounts.models import User
from tandem.core.errors import NotFound, RuleBroken
from tandem.growth.careers.models import (
    MAX_BRINGS_TODAY,
    MAX_GOAL_TEXT,
    MAX_GOALS,
    MAX_TITLE,
    CareerPlan,
    OrganizationKind,
    PlanGoal,
)
from tandem.organizations.choices import Industry, JobFunction
from tandem.profiles.choices import Level
from tandem.profiles.services import profile_target_set

PICK_INDUSTRY = "Pick an industry from the list."
PICK_FUNCTION = "Pick a function from the list."
BLANK_GOAL = "Write the goal in a few words."
GOALS_FULL = (
    f"You have {MAX_GOALS} goals already, which is plenty to work on. Finish or drop one "
    "first, then add the next."
)


def _choice(value: str, choices: list[str], *, field: str, message: str) -> str:
    if value and value not in choices:
        raise RuleBroken(message, field=field)
    return value


def _text(value: str, *, limit: int, field: str) -> str:
    text = value.strip()
    if len(text) > limit:
        raise RuleBroken(f"Keep it under {limit} characters.", field=field)
    return text


@transaction.atomic
def career_plan_save(
    *,
    owner: User,
    target_industry: str = "",
    target_function: str = "",
    target_level: int | None = None,
    target_organization_kind: str = "",
    target_title: str = "",
    target_by: date | None = None,
    brings_today: str = "",
    now: datetime,
) -> CareerPlan:
    """Create or update the person's plan, and put its target on their profile.

    Raises RuleBroken naming the field on bad input (nothing is saved then): an unknown
    choice, text too long, or a "by when" already past.
    """
    _choice(target_industry, Industry.values, field="target_industry", message=PICK_INDUSTRY)
    _choice(target_function, JobFunction.values, field="target_function", message=PICK_FUNCTION)
    _choice(
        target_organization_kind, OrganizationKind.values,
        field="target_organization_kind", message="Pick a kind of organization from the list.",
    )  # fmt: skip
    if target_level is not None and target_level not in Level.values:
        raise RuleBroken("Pick a level from the list.", field="target_level")
    if target_by is not None and target_by < now.date():
        raise RuleBroken(
            "That date has passed already. Pick one ahead, even a rough one.", field="target_by"
        )
    title = " ".join(_text(target_title, limit=MAX_TITLE, field="target_title").split())
    brings = _text(brings_today, limit=MAX_BRINGS_TODAY, field="brings_today")
    plan, _ = CareerPlan.objects.select_for_update().get_or_create(owner=owner)
    plan.target_industry, plan.target_function = target_industry, target_function
    plan.target_level, plan.target_organization_kind = target_level, target_organization_kind
    plan.target_title, plan.target_by, plan.brings_today = title, target_by, brings
    plan.save()
    profile_target_set(
        user=owner, industry=target_industry, function=target_function, level=target_level
    )
    return plan


@transaction.atomic
def plan_goal_add(*, owner: User, text: str, now: datetime) -> PlanGoal:
    """Add a goal to the person's plan (an empty plan is made if they have none); at most
    MAX_GOALS at once, checked under the plan's row lock."""
    words = " ".join(text.split())
    if not words:
        raise RuleBroken(BLANK_GOAL, field="text")
    if len(words) > MAX_GOAL_TEXT:
        raise RuleBroken(f"Keep it under {MAX_GOAL_TEXT} characters.", field="text")
    CareerPlan.objects.get_or_create(owner=owner)
    plan = CareerPlan.objects.select_for_update().get(owner=owner)
    if plan.goals.count() >= MAX_GOALS:
        raise RuleBroken(GOALS_FULL, field="text")
    last = plan.goals.aggregate(last=Max("position"))["last"]
    goal = PlanGoal.objects.create(plan=plan, text=words, position=(last or 0) + 1)
    plan.save(update_fields=["updated_at"])
    return goal


def plan_goal_remove(*, owner: User, goal_id: int) -> None:
    """Drop one of the person's goals; anyone else's (or a missing one) is not found."""
    deleted, _ = PlanGoal.objects.filter(pk=goal_id, plan__owner=owner).delete()
    if not deleted:
        raise NotFound("We couldn't find that goal in your plan.")


def career_plan_forget(*, owner: User) -> None:
    """Delete the person's plan and its goals (their account is going: privacy calls this).
    The target copied onto the profile goes with the profile's own emptying."""
    CareerPlan.objects.filter(owner=owner).delete()
