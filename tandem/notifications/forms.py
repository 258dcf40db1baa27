"""The preferences form: one radio group per kind of notification."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.notifications.kinds import Delivery, Kind

CHOICE_ERRORS = {
    "required": "Choose how you'd like to hear about this.",
    "invalid_choice": "Choose Immediately, Daily digest or Off.",
}


class PreferencesForm(forms.Form):
    """How to be emailed about each kind; every kind shows in the centre regardless."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=Delivery.IMMEDIATE,
                widget=forms.RadioSelect,
                error_messages=CHOICE_ERRORS,
            )

    def deliveries(self) -> dict[str, str]:
        """The chosen delivery for every kind (after is_valid)."""
        return {kind: self.cleaned_data[kind] for kind in Kind.values}
