"""What every export hands the view: a file name, a header and the rows, as an iterator the
response pulls from while it streams (rows come from `values_list(...).iterator()`, so no
model instance is built and nothing is held in memory), and the words shared by the rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tandem.accounts.models import is_deleted_email, name_of
from tandem.reports.scope import Scope

CHUNK = 2000  # rows fetched from the database at a time

Row = Sequence[object]


@dataclass(frozen=True)
class Export:
    filename: str
    header: Sequence[str]
    rows: Iterator[Row]

    def lines(self) -> Iterator[Row]:
        """The header, then the rows: what `csv_response` writes."""
        yield self.header
        yield from self.rows


Builder = Callable[[Scope], Export]

# The user fields a name is made of (what `User.display_name` reads), from a path to the user.
NAME_FIELDS = ("first_name", "last_name", "email")


def name_fields(user_path: str) -> tuple[str, str, str]:
    """`profile__user` → the three fields `person` turns into a name."""
    first, last, email = (f"{user_path}__{name}" for name in NAME_FIELDS)
    return first, last, email


def person(first: str, last: str, email: str) -> str:
    """A name as `User.display_name` shows it: the full name, else the email before the @;
    "a former member" for a deleted account."""
    return name_of(first, last, email, deleted=is_deleted_email(email))


def day(moment: datetime | None) -> str:
    """The UTC day of a moment, ISO ("2026-03-04"); blank when it has not happened."""
    return moment.astimezone(UTC).date().isoformat() if moment else ""


def moment_utc(moment: datetime | None) -> str:
    """A moment in UTC, ISO to the second ("2026-03-04T09:30:00+00:00")."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat() if moment else ""


def filename(scope: Scope, what: str, *, dated: bool = True) -> str:
    """`<program>-<what>[-<from>-to-<to>].csv`: the range is in the name of an export it chose."""
    f = scope.filters
    span = f"-{f.start.isoformat()}-to-{f.end.isoformat()}" if dated else ""
    return f"{scope.program.slug}-{what}{span}.csv"
