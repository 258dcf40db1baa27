"""Forms shared by every app: the field renderer (label, field, errors, then help — no colons),
and putting a service's refusal back on the form that asked for it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates

from tandem.core.errors import DomainError


class TandemFormRenderer(DjangoTemplates):
    """Renders each field with core/forms/field.html (app templates can be found)."""

    field_template_name = "core/forms/field.html"


def add_refusal(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's refusal on the form: on its field when the form has it, else on top."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class PageForm(forms.Form):
    """A form that shares its page with others: ids get the form's own prefix, so two
    fields called "text" never share an id (or a label)."""

    id_prefix = "form"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
