"""Reads for the career plan: always the signed-in person's own, never anyone else's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch

from tandem.accounts.models import User
from tandem.core.errors import NotFound, RuleBroken
from tandem.growth.careers.models import MAX_GOALS, CareerPlan, PlanGoal
from tandem.mentorships.models import Agreement, Mentorship
from tandem.mentorships.rules import agreement_proposal, intro_held, renewal_open
from tandem.profiles.models import Profile

FORM_CLOSED = (
    "There's no agreement to propose in this mentorship just now. The form opens once your "
    "intro meeting is held, and again near the end of a term; bring your goals in then."
)
NO_GOALS = "Add a goal to your plan first; then it can go into the agreement."


@dataclass(frozen=True)
class SeedTarget:
    """A live mentorship where the person is the mentee: the plan's goals can seed its
    agreement while its form is open."""

    mentorship: Mentorship
    mentor_name: str
    form_open: bool


@dataclass(frozen=True)
class AgreementSeed:
    mentorship: Mentorship
    goals: list[str]


@dataclass(frozen=True)
class CareerPlanPage:
    plan: CareerPlan | None  # None until first saved
    goals: list[PlanGoal]
    initial: dict[str, Any]  # the form's starting values
    can_add_goal: bool
    max_goals: int
    seed_targets: list[SeedTarget]


def career_plan_of(*, user: User) -> CareerPlan | None:
    """The person's plan, if they have one."""
    return CareerPlan.objects.filter(owner=user).first()


def _initial(plan: CareerPlan | None, user: User) -> dict[str, Any]:
    """The plan's values; before a first save, the target already on the profile."""
    if plan is not None:
        return {
            "target_industry": plan.target_industry,
            "target_function": plan.target_function,
            "target_level": plan.target_level,
            "target_organization_kind": plan.target_organization_kind,
            "target_title": plan.target_title,
            "target_by": plan.target_by,
            "brings_today": plan.brings_today,
        }
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return {}
    return {
        "target_industry": profile.target_industry,
        "target_function": profile.target_function,
        "target_level": profile.target_level,
    }


def agreement_form_open(mentorship: Mentorship, *, now: datetime) -> bool:
    """Whether the mentee finds a form to propose terms on the mentorship page now (as the
    page decides): after the intro meeting, or a renewal in its window with none waiting."""
    if mentorship.state == Mentorship.State.INTRO:
        return intro_held(mentorship)
    return renewal_open(mentorship, now=now) and agreement_proposal(mentorship) is None


def _mentee_side(user: User) -> Any:
    versions = Agreement.objects.order_by("version")
    return (
        Mentorship.objects.filter(mentee__user=user, state__in=Mentorship.HOLDING_A_PLACE)
        .select_related("mentor__user")
        .prefetch_related(Prefetch("agreements", queryset=versions, to_attr="versions"))
    )


def seed_targets_for(*, user: User, now: datetime) -> list[SeedTarget]:
    """The person's live mentorships as the mentee, newest first."""
    return [
        SeedTarget(m, m.mentor.user.display_name, agreement_form_open(m, now=now))
        for m in _mentee_side(user).order_by("-id")
    ]


def agreement_seed_for(*, user: User, mentorship_id: int, now: datetime) -> AgreementSeed:
    """The plan's goals for the agreement form of one of the person's mentorships as the
    mentee: anyone else's (or the mentor side) is not found; a closed form or no goals is
    refused with what to do."""
    mentorship = _mentee_side(user).filter(pk=mentorship_id).first()
    if mentorship is None:
        raise NotFound("No such mentorship.")
    if not agreement_form_open(mentorship, now=now):
        raise RuleBroken(FORM_CLOSED)
    goals = plan_goal_texts(user=user)
    if not goals:
        raise RuleBroken(NO_GOALS)
    return AgreementSeed(mentorship=mentorship, goals=goals)


def career_plan_page_for(*, user: User, now: datetime) -> CareerPlanPage:
    """Everything the plan page shows, for its owner alone."""
    plan = CareerPlan.objects.filter(owner=user).prefetch_related("goals").first()
    goals = list(plan.goals.all()) if plan is not None else []
    return CareerPlanPage(
        plan=plan,
        goals=goals,
        initial=_initial(plan, user),
        can_add_goal=len(goals) < MAX_GOALS,
        max_goals=MAX_GOALS,
        seed_targets=seed_targets_for(user=user, now=now) if goals else [],
    )


def plan_goal_texts(*, user: User) -> list[str]:
    """The person's goals, in order, as plain text (what seeds an agreement)."""
    return list(
        PlanGoal.objects.filter(plan__owner=user)
        .order_by("position", "id")
        .values_list("text", flat=True)
    )


def export_for(user: User) -> dict[str, Any]:
    """What the person's data download holds of their career plan (empty if none)."""
    plan = CareerPlan.objects.filter(owner=user).prefetch_related("goals").first()
    if plan is None:
        return {}
    return {
        "target_industry": plan.get_target_industry_display() if plan.target_industry else "",
        "target_function": plan.get_target_function_display() if plan.target_function else "",
        "target_level": plan.get_target_level_display() if plan.target_level else "",
        "target_organization_kind": (
            plan.get_target_organization_kind_display() if plan.target_organization_kind else ""
        ),
        "target_title": plan.target_title,
        "target_by": plan.target_by.isoformat() if plan.target_by else None,
        "brings_today": plan.brings_today,
        "goals": [goal.text for goal in plan.goals.all()],
        "created_at": plan.created_at.isoformat(),
        "updated_at": plan.updated_at.isoformat(),
    }
