"""The admin's autocomplete boxes, given a value their field cannot take, show nothing chosen
instead of failing.

Why: an autocomplete box (a ModelAdmin's `autocomplete_fields`) looks up the rows it shows as
chosen with `<to_field>__in=[…the values in the form…]`, without checking them first
(`AutocompleteMixin.optgroups` in django/contrib/admin/widgets.py). The values come from the
query string on an add page (`?user=abc` prefills the form) or from the posted form when it is
shown again with its errors, so `abc`, a NUL or a date in an id field made the page a server
error (ValueError: "Field 'id' expected a number") before the form could say anything.

What: `install()` (called once from CoreConfig.ready) wraps that one method for the whole admin,
Django's own pages and every app's, so values the target column cannot read are left out of
the lookup. The box then shows nothing chosen and, on a POST, the form gives its usual
"Select a valid choice" under the field. Numbers too big for the column are already harmless
(`tandem.core.lookups`). Other admin widgets (plain selects, raw-id boxes, filter_horizontal)
compare text or check their lookups already and need nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError
from django.db.models import Field


def _readable_by(target: Field[Any, Any], value: object) -> bool:
    """Whether `target` (the column the box's values name) can read `value` in a query."""
    try:
        target.get_prep_value(target.to_python(value))
    except (ValidationError, ValueError, TypeError):
        return False
    return True


def _target_of(widget: AutocompleteMixin) -> Field[Any, Any]:
    """The column on the related model that the box's values name (its primary key unless
    the foreign key says `to_field`), as `AutocompleteMixin.optgroups` finds it."""
    opts = widget.field.remote_field.model._meta
    name = getattr(widget.field.remote_field, "field_name", opts.pk.attname)
    target: Field[Any, Any] = opts.get_field(name)
    return target


def _only_readable(optgroups: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(
        self: AutocompleteMixin, name: str, value: Iterable[object], attr: Any = None
    ) -> Any:
        target = _target_of(self)
        return optgroups(self, name, [v for v in value if _readable_by(target, v)], attr)

    wrapped.__doc__ = optgroups.__doc__
    wrapped.__wrapped__ = optgroups  # type: ignore[attr-defined]
    wrapped.tandem_only_readable = True  # type: ignore[attr-defined]
    return wrapped


def install() -> None:
    """Wrap `AutocompleteMixin.optgroups` (once, however often it is called)."""
    if getattr(AutocompleteMixin.optgroups, "tandem_only_readable", False):
        return
    AutocompleteMixin.optgroups = _only_readable(AutocompleteMixin.optgroups)  # type: ignore[method-assign]
