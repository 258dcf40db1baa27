"""The promotion plan's pages for the phone walk: the plan and the map for everyone onboarded
(the mentee's full, one row of each kind with long words, everyone else's empty), and each
kind of row's edit page for the mentee."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tandem.growth.promotion import services
from tandem.growth.promotion.models import Decider, Opportunity, SkillToGain, VisibilityAction
from tandem.skills.models import Skill
from tests.e2e.site_pages import MENTEE, ONBOARDED, Page, Viewer

NS = "growth:growth_promotion"
# Long unbroken words are what pushes a phone's page sideways.
LONG = "Interdepartmental-stakeholder-alignment-workshop"


def _filled(viewer: Viewer) -> None:
    """The mentee's plan gets one row of each kind (once); other people's stay empty."""
    owner = viewer.user
    if (
        viewer.role != MENTEE
        or owner is None
        or SkillToGain.objects.filter(plan__owner=owner).exists()
    ):
        return
    services.skill_to_gain_add(
        owner=owner, skill=Skill.objects.get(slug="stakeholder-management"),
        how_to_show=f"Run the {LONG} for the spring planning",
    )  # fmt: skip
    services.visibility_action_add(owner=owner, what=f"Present the {LONG}", whom="Finance")
    for relation in Decider.Relation.values:
        services.decider_add(
            owner=owner, name=f"Director {relation}", relation=relation, next_step=LONG
        )
    services.opportunity_add(owner=owner, what=f"A new {LONG} team", when="Next spring")


def _plan(viewer: Viewer) -> Iterable[tuple[str, dict[str, Any]]]:
    _filled(viewer)
    return [("full" if viewer.role == MENTEE else "empty", {})]


def _rows(model: Any) -> Any:
    def fill(viewer: Viewer) -> Iterable[tuple[str, dict[str, Any]]]:
        _filled(viewer)
        row = model.objects.filter(plan__owner=viewer.user).order_by("id").first()
        return [("", {"item_id": row.pk})] if row is not None else []

    return fill


PAGES: dict[str, Page] = {
    f"{NS}:plan": Page(ONBOARDED, _plan),
    f"{NS}:map": Page(ONBOARDED, _plan),
    f"{NS}:skill_edit": Page(frozenset({MENTEE}), _rows(SkillToGain)),
    f"{NS}:visibility_edit": Page(frozenset({MENTEE}), _rows(VisibilityAction)),
    f"{NS}:decider_edit": Page(frozenset({MENTEE}), _rows(Decider)),
    f"{NS}:opportunity_edit": Page(frozenset({MENTEE}), _rows(Opportunity)),
}
NOT_PAGES: dict[str, str] = {
    f"{NS}:skills_to_profile": "POST only (from the plan page)",
    f"{NS}:visibility_done": "POST only (from the plan page)",
    **{f"{NS}:{key}_add": "POST only (the plan page's form)" for key in (
        "skill", "visibility", "decider", "opportunity")},
    **{f"{NS}:{key}_remove": "POST only (from the plan and edit pages)" for key in (
        "skill", "visibility", "decider", "opportunity")},
}  # fmt: skip
