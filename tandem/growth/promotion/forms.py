"""Forms for the promotion plan: shape only (the rules are the services'). Several share the
plan page, so each has its own id prefix."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.forms import PageForm
from tandem.growth.promotion.models import NAME_MAX, ROLE_MAX, TEXT_MAX, WHEN_MAX, Decider
from tandem.profiles.choices import Level
from tandem.skills.selectors import skill_closest, skill_resolve


class TargetForm(PageForm):
    id_prefix = "target"
    target_role = forms.CharField(
        label="The role you're aiming for", max_length=ROLE_MAX, required=False,
        help_text="E.g. team lead, senior analyst, head of design.",
    )  # fmt: skip
    target_level = forms.TypedChoiceField(
        label="Its level (optional)", choices=[("", "Not sure yet"), *Level.choices],
        coerce=int, empty_value=None, required=False,
    )  # fmt: skip
    by_when = forms.DateField(
        label="By when (optional)", required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip


class SkillShowForm(PageForm):
    id_prefix = "show"
    how_to_show = forms.CharField(
        label="How you'll show it (optional)", max_length=TEXT_MAX, required=False,
        help_text="Something others can see: lead the next retro, present at the all-hands.",
    )  # fmt: skip


class SkillForm(SkillShowForm):
    """A skill from the taxonomy, typed (a synonym works) or picked from the suggestions."""

    id_prefix = "skill"
    skill = forms.CharField(label="A skill the role needs", max_length=120, required=False)
    field_order = ["skill", "how_to_show"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A suggestion's button sends its name as "pick"; it wins over what was typed.
        text = (self.data.get("pick") or data.get("skill") or "").strip()[:120]
        if not text:
            self.add_error("skill", "Type a skill, e.g. public speaking or budgeting.")
            return data
        skill = skill_resolve(text=text)
        if skill is None:
            closest = [s.name for s in skill_closest(text=text, limit=3)]
            hint = f" Did you mean {', '.join(closest)}?" if closest else " Try another word."
            self.add_error("skill", f"We don't know the skill “{text}” yet.{hint}")
        data["skill"] = skill
        return data


class VisibilityForm(PageForm):
    id_prefix = "visibility"
    what = forms.CharField(
        label="What you'll do", max_length=TEXT_MAX,
        help_text="E.g. demo the new report at the product review.",
    )  # fmt: skip
    whom = forms.CharField(
        label="Whom it should reach (optional)", max_length=TEXT_MAX, required=False,
        help_text="People beyond your own team: another department, the leadership group.",
    )  # fmt: skip


class DeciderForm(PageForm):
    id_prefix = "decider"
    name = forms.CharField(label="Name or role", max_length=NAME_MAX)
    relation = forms.ChoiceField(
        label="How well do they know you?", choices=Decider.Relation.choices,
        initial=Decider.Relation.NOT_YET, widget=forms.RadioSelect,
    )  # fmt: skip
    next_step = forms.CharField(
        label="Your next step with them (optional)", max_length=TEXT_MAX, required=False
    )


class OpportunityForm(PageForm):
    id_prefix = "opportunity"
    what = forms.CharField(
        label="What you see coming", max_length=TEXT_MAX,
        help_text="A new team forming, someone moving on, a project about to start.",
    )  # fmt: skip
    when = forms.CharField(
        label="Roughly when (optional)", max_length=WHEN_MAX, required=False,
        help_text="E.g. after the summer, Q3.",
    )  # fmt: skip
