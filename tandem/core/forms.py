"""Forms shared by every app: the field renderer (label, field, errors, then help — no colons),
putting a service's refusal back on the form that asked for it, and blank forms made and
rendered once per process (`blank_form`, `BlankOnce`)."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

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


FormT = TypeVar("FormT", bound=forms.Form)

_BLANK: dict[tuple[Any, ...], forms.Form] = {}
_BLANK_MAX = 2048  # (form, timezone, language, start values) kept; then start again


def blank_form(form_class: type[FormT], **initial: Any) -> FormT:
    """A blank form for a page to show, made once per process for its class, the viewer's
    timezone (a time's help names it) and language, and its start values; then shared, as
    a blank form is only read. Making the meeting page's five or so forms took 0.6 ms, each
    field deep-copied from its class; with BlankOnce, each field renders once too."""
    key = (
        form_class, timezone.get_current_timezone_name(), get_language(),
        tuple(sorted(initial.items())),
    )  # fmt: skip
    form = _BLANK.get(key)
    if form is None:
        if len(_BLANK) >= _BLANK_MAX:
            _BLANK.clear()
        form = _BLANK[key] = form_class(initial=initial or None)
    return form  # type: ignore[return-value]


class BlankOnce(forms.BoundField):
    """A field of a blank form renders (label, input, help: core/forms/field.html) once, and
    is then copied: rendering the meeting page's fields through the form templates was a third
    of its CPU. A posted form (its values, its errors) renders each time, as usual."""

    def as_field_group(self) -> SafeString:
        if self.form.is_bound or self.form.errors:
            return super().as_field_group()
        html: SafeString | None = self.__dict__.get("_group")
        if html is None:
            html = self._group = super().as_field_group()
        return html
