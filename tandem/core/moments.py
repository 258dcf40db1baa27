"""Times a person proposes (a suggested intro time, a meeting slot), and times read back.

On the way in, `ProposedTimeField` takes a time typed in the viewer's own timezone and accepts
it only between now and a horizon (`TANDEM_PROPOSED_TIME_HORIZON_DAYS`, a year by default), so
"9999-12-31T23:59" is a field message. Typed west of UTC, that time does not even exist in UTC
(the conversion overflows): a field message too, not a server error.

On the way out, `safe_moment` (and `MomentField`, which applies it to every value read from
the database) keeps a stored time away from the ends of the calendar, so showing it in any
timezone, or adding a meeting's length to it, never overflows. A time stored before the
horizon existed is then shown as 31 December 9998 (at worst), never as an error page.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone

# A year away from each end of what Python can hold: room for any timezone and any length.
SAFE_EARLIEST = datetime(2, 1, 1, tzinfo=UTC)
SAFE_LATEST = datetime(9998, 12, 31, tzinfo=UTC)


def proposed_time_horizon() -> timedelta:
    """How far ahead a person may propose a time."""
    return timedelta(days=getattr(settings, "TANDEM_PROPOSED_TIME_HORIZON_DAYS", 365))


def safe_moment(value: datetime) -> datetime:
    """`value` (aware), or the nearest time that can be shown anywhere when it is too near
    the ends of the calendar."""
    if value.tzinfo is None:
        return value
    try:
        utc = value.astimezone(UTC)
    except OverflowError:  # so near an end that it has no UTC time
        return SAFE_LATEST if value.year > 1 else SAFE_EARLIEST
    if SAFE_EARLIEST <= utc <= SAFE_LATEST:
        return value
    return SAFE_LATEST if utc > SAFE_LATEST else SAFE_EARLIEST


def moment_from_iso(text: str) -> datetime:
    """A stored ISO time (e.g. an ask's suggested times), in UTC and safe to show."""
    return safe_moment(datetime.fromisoformat(text)).astimezone(UTC)


class MomentField(models.DateTimeField):
    """A `DateTimeField` whose values are read back through `safe_moment`.

    It is a plain `DateTimeField` to migrations (same column, nothing to migrate)."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return safe_moment(value) if isinstance(value, datetime) else value

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs


class ProposedTimeField(forms.DateTimeField):
    """A time a person proposes, typed in their own timezone: after now and within the horizon.

    Cleaned to UTC. `now` may be given (tests, a page's own clock); else the real clock."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {
        "past": "Suggest a time in the future.",
        "too_far": "Suggest a time within the next %(days)s days.",
    }

    def __init__(self, *args: Any, now: datetime | None = None, **kwargs: Any) -> None:
        self.now = now
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> datetime | None:
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError:  # e.g. 31 December 9999, 23:59 west of UTC: no such UTC time
            raise self._too_far() from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        now = self.now or timezone.now()
        if value <= now:
            raise forms.ValidationError(self.error_messages["past"], code="past")
        if value > now + proposed_time_horizon():
            raise self._too_far()

    def _too_far(self) -> forms.ValidationError:
        days = proposed_time_horizon().days
        return forms.ValidationError(
            self.error_messages["too_far"], code="too_far", params={"days": days}
        )
