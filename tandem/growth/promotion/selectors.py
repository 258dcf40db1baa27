"""Reads for promotion plans: the plan page, the map of who decides, one row for its owner,
and the owner's data for their download. Everything filters by owner: someone else's row is
NotFound, as if it did not exist."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from tandem.accounts.models import User
from tandem.core.errors import NotFound
from tandem.growth.careers.models import CareerPlan
from tandem.growth.promotion.models import (
    MAX_ITEMS,
    Decider,
    Opportunity,
    PlanItem,
    PromotionPlan,
    SkillToGain,
    VisibilityAction,
)
from tandem.skills.models import Skill

Row = TypeVar("Row", bound=PlanItem)


def plan_row_for_owner(*, model: type[Row], item_id: int, owner: User) -> Row:
    """One row of the owner's plan; NotFound for anyone else's (or none)."""
    related = ("plan", "skill") if model is SkillToGain else ("plan",)
    rows = model._default_manager.select_related(*related)
    row = rows.filter(plan__owner=owner, pk=item_id).first()
    if row is None:
        raise NotFound("No such item in your plan.")
    return row


@dataclass(frozen=True)
class PlanPage:
    plan: PromotionPlan | None  # None until the person saves something
    skills: list[SkillToGain]
    visibility: list[VisibilityAction]
    deciders: list[Decider]
    opportunities: list[Opportunity]
    skills_not_yet_wanted: int  # plan skills not yet on the profile as skills to learn
    # Before a plan exists: the career plan's target job and level, to start the form with.
    prefill: dict[str, Any] = field(default_factory=dict)
    cap: int = MAX_ITEMS

    @property
    def not_known_yet(self) -> int:
        return sum(1 for d in self.deciders if d.relation == Decider.Relation.NOT_YET)

    @property
    def visibility_done(self) -> int:
        return sum(1 for action in self.visibility if action.is_done)


def plan_page_for(*, owner: User) -> PlanPage:
    """Everything on the owner's plan page, in six queries at most."""
    plan = PromotionPlan.objects.filter(owner=owner).first()
    if plan is None:
        return PlanPage(None, [], [], [], [], 0, prefill=_career_target(owner))
    skills = list(plan.skills.select_related("skill").order_by("created_at", "id"))
    wanted = set(Skill.objects.filter(wanted_by__user=owner).values_list("pk", flat=True))
    return PlanPage(
        plan=plan,
        skills=skills,
        visibility=list(plan.visibility.order_by("created_at", "id")),
        deciders=list(plan.deciders.order_by("created_at", "id")),
        opportunities=list(plan.opportunities.order_by("created_at", "id")),
        skills_not_yet_wanted=sum(1 for s in skills if s.skill_id not in wanted),
    )


def _career_target(owner: User) -> dict[str, Any]:
    """The career plan's target job title and level, as the target form's values ({} if the
    person has no career plan or it names neither)."""
    career = CareerPlan.objects.filter(owner=owner).values("target_title", "target_level").first()
    if not career or not (career["target_title"] or career["target_level"]):
        return {}
    return {"target_role": career["target_title"], "target_level": career["target_level"]}


@dataclass(frozen=True)
class MapColumn:
    relation: str
    title: str
    deciders: list[Decider] = field(default_factory=list)


def decider_map_for(*, owner: User) -> list[MapColumn]:
    """The owner's deciders in three groups: know their work, know them, don't know them yet."""
    columns = {value: MapColumn(value, str(label)) for value, label in Decider.Relation.choices}
    rows = Decider.objects.filter(plan__owner=owner).order_by("created_at", "id")
    for decider in rows:
        columns[decider.relation].deciders.append(decider)
    return list(columns.values())


def export_for(user: User) -> dict[str, Any]:
    """The person's promotion plan for their data download (empty when they have none)."""
    plan = PromotionPlan.objects.filter(owner=user).first()
    if plan is None:
        return {}
    return {
        "target_role": plan.target_role,
        "target_level": plan.target_level,
        "by_when": plan.by_when,
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
        "skills_to_gain": [
            {"skill": s.skill.name, "how_to_show": s.how_to_show}
            for s in plan.skills.select_related("skill").order_by("created_at", "id")
        ],
        "visibility_actions": [
            {"what": v.what, "whom": v.whom, "done_at": v.done_at}
            for v in plan.visibility.order_by("created_at", "id")
        ],
        "deciders": [
            {"name": d.name, "relation": d.get_relation_display(), "next_step": d.next_step}
            for d in plan.deciders.order_by("created_at", "id")
        ],
        "opportunities": [
            {"what": o.what, "when": o.when}
            for o in plan.opportunities.order_by("created_at", "id")
        ],
    }
