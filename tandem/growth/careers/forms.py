"""The career plan's forms: the plan itself, and one goal at a time."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.forms import PageForm
from tandem.growth.careers.models import (
    MAX_BRINGS_TODAY,
    MAX_GOAL_TEXT,
    MAX_TITLE,
    OrganizationKind,
)
from tandem.growth.careers.services import BLANK_GOAL
from tandem.organizations.choices import Industry, JobFunction
from tandem.profiles.choices import Level

ANY = [("", "Not decided yet")]


class CareerPlanForm(PageForm):
    id_prefix = "plan"

    target_title = forms.CharField(
        label="Job title", max_length=MAX_TITLE, required=False,
        help_text="The role you picture yourself in, e.g. “Head of data”.",
    )  # fmt: skip
    target_level = forms.TypedChoiceField(
        label="Level", choices=ANY + list(Level.choices), coerce=int, empty_value=None,
        required=False,
    )  # fmt: skip
    target_industry = forms.ChoiceField(
        label="Industry", choices=ANY + list(Industry.choices), required=False
    )
    target_function = forms.ChoiceField(
        label="Function", choices=ANY + list(JobFunction.choices), required=False
    )
    target_organization_kind = forms.ChoiceField(
        label="Kind of organization", choices=ANY + list(OrganizationKind.choices),
        required=False,
    )  # fmt: skip
    target_by = forms.DateField(
        label="By when", required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),  # what the input reads
        help_text="A rough date is fine; you can move it.",
    )  # fmt: skip
    brings_today = forms.CharField(
        label="What I bring today", max_length=MAX_BRINGS_TODAY, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Skills, experience, the people who know your work: what you stand on.",
    )  # fmt: skip

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class PlanGoalForm(PageForm):
    id_prefix = "goal"

    text = forms.CharField(
        label="A goal that follows from the plan", max_length=MAX_GOAL_TEXT,
        error_messages={"required": BLANK_GOAL},
        help_text="Concrete and yours, e.g. “Lead one budget round before March”.",
    )  # fmt: skip
