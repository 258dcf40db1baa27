"""Profile forms: field-level validation with messages written for people, not for Django."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.urls import reverse_lazy

from tandem.core.names import NOTHING_TO_READ, ORGANIZATION_NAME_MAX, NameField, clean_name
from tandem.profiles.choices import FocusArea, MentoringType, Proficiency
from tandem.profiles.models import MAX_CAPACITY, MAX_HOURS_PER_MONTH, Language, Profile
from tandem.profiles.services import NO_ROLE


@lru_cache(maxsize=1)
def timezone_names() -> frozenset[str]:
    """Every IANA timezone name this machine knows."""
    return frozenset(available_timezones())


def sorted_timezones() -> list[str]:
    """Timezone names for the datalist, alphabetically."""
    return sorted(timezone_names())


class ProfileForm(forms.ModelForm):
    """Every field a person edits on their own profile; the onboarding steps use subsets."""

    organization_name = NameField(
        label="Organization", limit=ORGANIZATION_NAME_MAX, required=False,
        help_text="Where you work or study. Leave empty if you'd rather not say.",
        widget=forms.TextInput(attrs={
            "list": "organization-options", "autocomplete": "off",
            "hx-get": reverse_lazy("profiles:organization_suggestions"),
            "hx-trigger": "input changed delay:250ms", "hx-target": "#organization-options",
            "hx-swap": "innerHTML", "hx-sync": "this:replace",
        }),
    )  # fmt: skip
    competitor_names = forms.CharField(
        label="Organizations never to match me with", max_length=1000, required=False,
        help_text="Comma-separated, e.g. your employer's competitors.",
    )  # fmt: skip
    focus_areas_sought = forms.MultipleChoiceField(
        label="What would you like help with?", choices=FocusArea.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    mentoring_types_sought = forms.MultipleChoiceField(
        label="Kinds of mentoring you're looking for", choices=MentoringType.choices,
        required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    focus_areas_offered = forms.MultipleChoiceField(
        label="What can you help with?", choices=FocusArea.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    mentoring_types_offered = forms.MultipleChoiceField(
        label="Kinds of mentoring you offer", choices=MentoringType.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    languages = forms.ModelMultipleChoiceField(
        label="Languages you can hold a conversation in", queryset=Language.objects.all(),
        required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-grid"}),
    )  # fmt: skip
    capacity = forms.IntegerField(
        label="How many mentees at once, at most", min_value=0, max_value=MAX_CAPACITY,
        error_messages={
            "min_value": "Capacity can't be negative; use 0 if you have no room right now.",
            "max_value": f"Keep it to {MAX_CAPACITY} mentees or fewer.",
        },
    )  # fmt: skip
    hours_per_month = forms.IntegerField(
        label="Hours a month you can give", min_value=0, max_value=MAX_HOURS_PER_MONTH,
        error_messages={
            "min_value": "Hours can't be negative.",
            "max_value": f"At most {MAX_HOURS_PER_MONTH} hours a month.",
        },
    )  # fmt: skip
    years_experience = forms.IntegerField(
        label="Years of experience", min_value=0, max_value=70,
        error_messages={"min_value": "Years can't be negative.", "max_value": "At most 70."},
    )  # fmt: skip
    timezone = forms.CharField(
        label="Timezone", max_length=64,
        widget=forms.TextInput(attrs={"list": "timezone-options", "autocomplete": "off"}),
        help_text="Your city's timezone, e.g. Europe/London or America/New_York.",
    )  # fmt: skip

    class Meta:
        model = Profile
        fields = [
            "is_mentee", "is_mentor", "headline", "job_title", "industry", "function", "level",
            "years_experience", "bio", "goals", "target_industry", "target_function",
            "target_level", "focus_areas_sought", "mentoring_types_sought",
            "focus_areas_offered", "mentoring_types_offered", "hours_per_month", "capacity",
            "is_paused", "languages", "timezone", "city", "country", "meeting_mode",
            "contact_channel", "contact_detail", "visibility", "manager_email",
        ]  # fmt: skip
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 4}),
            "meeting_mode": forms.RadioSelect,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "headline": "One line people see first, e.g. “Data analyst moving into product”.",
            "goals": "A few sentences: where you want to be and what you'd like to learn.",
            "bio": "What you know well and what you've done; mentees read this first.",
            "contact_detail": "Shared only with people whose request you accept.",
            "is_paused": "Stay listed but take no new requests for now.",
            "manager_email": "Optional. We never match you with your own reporting line; "
            "your manager doesn't need to be on Tandem.",
        }
        error_messages = {
            "level": {"invalid_choice": "Pick a level from 1 (entry) to 10 (C-suite)."},
            "target_level": {"invalid_choice": "Pick a level from 1 (entry) to 10 (C-suite)."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        profile: Profile = self.instance
        if profile.pk and not self.is_bound:
            self.initial["organization_name"] = (
                profile.organization.name if profile.organization else ""
            )
            self.initial["competitor_names"] = ", ".join(o.name for o in profile.competitors.all())
            if "languages" in self.fields and not profile.languages.exists():
                # Most members mentor in English; a sensible default they can untick.
                self.initial["languages"] = list(Language.objects.filter(code="en"))

    def clean_timezone(self) -> str:
        value: str = self.cleaned_data["timezone"].strip()
        if value not in timezone_names():
            raise forms.ValidationError(
                "We don't know that timezone. Pick one from the list, e.g. Europe/London."
            )
        return value

    def clean_competitor_names(self) -> list[str]:
        """Each name cleaned like any other (`clean_name`); the service checks the rest."""
        parts = str(self.cleaned_data.get("competitor_names", "")).split(",")
        names = [clean_name(part) for part in parts]
        if any(part.strip() and not name for part, name in zip(parts, names, strict=True)):
            raise forms.ValidationError(NOTHING_TO_READ)  # a name of invisible characters
        return [name for name in names if name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The service enforces this too; checking here shows it with the other field errors.
        if "is_mentee" in self.fields and not (data.get("is_mentee") or data.get("is_mentor")):
            raise forms.ValidationError(NO_ROLE)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """Cleaned values, shaped for `profile_update`."""
        data = self.cleaned_data
        model_fields = {
            name: data[name]
            for name in self._meta.fields or []
            if name in data and name != "languages"
        }
        kwargs: dict[str, Any] = {"fields": model_fields}
        if "organization_name" in self.fields:
            kwargs["organization_name"] = data.get("organization_name", "")
        if "languages" in self.fields:
            kwargs["languages"] = data.get("languages", [])
        if "competitor_names" in self.fields:
            kwargs["competitor_names"] = data.get("competitor_names", [])
        return kwargs


def _step_form(name: str, fields: list[str], extra: list[str]) -> type[ProfileForm]:
    """A ProfileForm limited to some fields (model fields plus extra form-only fields)."""
    meta = type("Meta", (ProfileForm.Meta,), {"fields": fields})
    form_class: type[ProfileForm] = type(name, (ProfileForm,), {"Meta": meta})
    for field_name in ("organization_name", "competitor_names"):
        if field_name not in extra:
            del form_class.base_fields[field_name]
    for field_name in list(form_class.base_fields):
        if field_name not in fields and field_name not in extra:
            del form_class.base_fields[field_name]
    return form_class


# Onboarding asks only what matching needs first; the rest waits for the profile page, which
# says what is still missing (profiles/completeness.py).
AboutStepForm = _step_form(
    "AboutStepForm",
    ["is_mentee", "is_mentor", "job_title", "level", "function", "industry", "timezone"],
    ["organization_name"],
)  # fmt: skip
LearnStepForm = _step_form(
    "LearnStepForm",
    ["focus_areas_sought", "target_function", "target_level", "goals"],
    [],
)  # fmt: skip
OfferStepForm = _step_form(
    "OfferStepForm",
    ["focus_areas_offered", "capacity", "hours_per_month", "bio"],
    [],
)  # fmt: skip


class SkillAddForm(forms.Form):
    """Add one skill by typing it (an alias works) or picking a suggestion."""

    skill = forms.CharField(label="Add a skill", max_length=120, required=False)
    pick = forms.CharField(max_length=120, required=False, widget=forms.HiddenInput)
    proficiency = forms.TypedChoiceField(
        choices=Proficiency.choices, coerce=int, required=False, initial=Proficiency.ADVANCED
    )
    # "Keep my own words": store text that names no skill for staff to map later.
    keep = forms.BooleanField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = (data.get("pick") or data.get("skill") or "").strip()
        if not text:
            self.add_error("skill", "Type a skill, e.g. Python or public speaking.")
        data["text"] = text
        return data


class ProficiencyForm(forms.Form):
    """Change how well a mentor knows an offered skill."""

    proficiency = forms.TypedChoiceField(choices=Proficiency.choices, coerce=int)
