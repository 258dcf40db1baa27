from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from tandem.growth.careers.models import CareerPlan
from tandem.growth.careers.services import career_plan_save, plan_goal_add
from tests.e2e.site_pages import ONBOARDED, Args, Page, Viewer


def _plans(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    """The page with a plan and its three goals, the fullest it gets (the journey in
    test_growth_career_plan.py sees it empty first)."""
    if viewer.user is None:
        return
    if not CareerPlan.objects.filter(owner=viewer.user).exists():
        _plan_for(viewer)
    yield "a plan with three goals", {}


def _plan_for(viewer: Viewer) -> None:
    assert viewer.user is not None
    now = timezone.now()
    career_plan_save(
        owner=viewer.user, target_industry="finance", target_function="finance", target_level=8,
        target_organization_kind="large_company", target_title="Finance director",
        brings_today="Eight years of audit work, and a team that trusts me at quarter end.",
        now=now,
    )  # fmt: skip
    for text in ("Lead the next budget round", "Present to the board once", "Find a sponsor"):
        plan_goal_add(owner=viewer.user, text=text, now=now)


PAGES: dict[str, Page] = {
    "growth:growth_careers:plan": Page(ONBOARDED, _plans),
}
NOT_PAGES: dict[str, str] = {
    "growth:growth_careers:goal_add": "POST only: adds a goal, then back to the plan",
    "growth:growth_careers:goal_remove": "POST only: drops a goal, then back to the plan",
    "growth:growth_careers:agreement_seed": (
        "POST only: keeps the goals for the agreement form, then on to the mentorship page"
    ),
}
