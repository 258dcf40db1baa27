"""People as the pages' rows show them: read as a few columns, shown by name and avatar.

A page that lists asks or mentorships reads each person as the columns their name takes
(`named_user`), not as a whole user and profile, and works out here what its row prints (the
name, the avatar's letters and colour, the day), so the template prints values: no tag,
include or filter per row.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from django.utils import formats, timezone

from tandem.accounts.models import name_of
from tandem.core.templatetags.display import AVATAR_COLOURS, initials

NAME_FIELDS = ("first_name", "last_name", "email", "deleted_at")  # what User.display_name reads
NAMES = len(NAME_FIELDS)  # the columns a name takes in a row


def named_user(path: str) -> tuple[str, ...]:
    """For `.only()` or `values_list()`: the user at `path` as a page shows them, by name (what
    `display_name` reads). A page reading whole users and profiles compiled and built dozens of
    columns it never showed (the password hash among them)."""
    return tuple(f"{path}__{field}" for field in NAME_FIELDS)


def name_in(row: tuple[Any, ...], start: int) -> str:
    """The person whose name columns (`named_user`) start at `start` in `row`, in words."""
    first, last, email, deleted_at = row[start : start + NAMES]
    return name_of(first, last, email, deleted=deleted_at is not None)


def avatar_of(name: str, user_id: int) -> tuple[str, int]:
    """The avatar's letters and colour, as `{% avatar %}` draws them for this user."""
    return initials(name), user_id % AVATAR_COLOURS


def moment(value: datetime | str) -> datetime:
    """A stored time read as a raw column, aware (SQLite gives naive UTC, as text or not)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def day(value: date | str | None) -> date | None:
    """A stored day read as a raw column (SQLite's is text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def shown_day(at: datetime, format: str) -> str:
    """`at` as the `date` filter prints it with this format: in the viewer's timezone."""
    return formats.date_format(timezone.localtime(at), format)
