"""The four kinds of row a promotion plan holds, each with its forms and its service calls,
so the views add, edit and remove any of them the same way."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tandem.accounts.models import User
from tandem.core.forms import PageForm
from tandem.growth.promotion import services
from tandem.growth.promotion.forms import (
    DeciderForm,
    OpportunityForm,
    SkillForm,
    SkillShowForm,
    VisibilityForm,
)
from tandem.growth.promotion.models import (
    Decider,
    Opportunity,
    SkillToGain,
    VisibilityAction,
)

Add = Callable[[User, Mapping[str, Any]], object]
Update = Callable[[Any, User, Mapping[str, Any]], object]


@dataclass(frozen=True)
class Kind:
    """One kind of row: where it sits on the plan page and how it is written."""

    key: str  # URL names start with it; the plan page's form is called f"{key}_form"
    model: type[SkillToGain | VisibilityAction | Decider | Opportunity]
    section: str  # the id of its section on the plan page
    title: str  # the edit page's heading
    add_form: type[PageForm]
    edit_form: type[PageForm]
    add: Add
    update: Update
    added: str  # said after adding one
    initial: Callable[[Any], dict[str, Any]]  # an edit form's values from the row


KINDS: dict[str, Kind] = {
    "skill": Kind(
        "skill", SkillToGain, "skills", "A skill to gain", SkillForm, SkillShowForm,
        add=lambda owner, d: services.skill_to_gain_add(
            owner=owner, skill=d["skill"], how_to_show=d["how_to_show"]),
        update=lambda item, owner, d: services.skill_to_gain_update(
            item=item, owner=owner, how_to_show=d["how_to_show"]),
        added="Added to the skills you'll gain.",
        initial=lambda item: {"how_to_show": item.how_to_show},
    ),
    "visibility": Kind(
        "visibility", VisibilityAction, "visibility", "Getting your work seen",
        VisibilityForm, VisibilityForm,
        add=lambda owner, d: services.visibility_action_add(
            owner=owner, what=d["what"], whom=d["whom"]),
        update=lambda item, owner, d: services.visibility_action_update(
            item=item, owner=owner, what=d["what"], whom=d["whom"]),
        added="Added. Tick it off when it's done.",
        initial=lambda item: {"what": item.what, "whom": item.whom},
    ),
    "decider": Kind(
        "decider", Decider, "deciders", "Someone who decides", DeciderForm, DeciderForm,
        add=lambda owner, d: services.decider_add(
            owner=owner, name=d["name"], relation=d["relation"], next_step=d["next_step"]),
        update=lambda item, owner, d: services.decider_update(
            item=item, owner=owner, name=d["name"], relation=d["relation"],
            next_step=d["next_step"]),
        added="Added to your map of who decides.",
        initial=lambda item: {
            "name": item.name, "relation": item.relation, "next_step": item.next_step},
    ),
    "opportunity": Kind(
        "opportunity", Opportunity, "opportunities", "An opening you see coming",
        OpportunityForm, OpportunityForm,
        add=lambda owner, d: services.opportunity_add(owner=owner, what=d["what"], when=d["when"]),
        update=lambda item, owner, d: services.opportunity_update(
            item=item, owner=owner, what=d["what"], when=d["when"]),
        added="Added to the openings you're watching.",
        initial=lambda item: {"what": item.what, "when": item.when},
    ),
}  # fmt: skip
