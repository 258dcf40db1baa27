"""The home page's own reads, as rows of the columns it shows, their SQL compiled once.

Every person's home page asks the same questions with different ids and days, and building and
compiling a query through the ORM cost more CPU than running it (a home page was ~80 ms of
CPU for ~25 queries). Each read here is built once per process and database through the ORM,
with placeholders (`Slot`, see `tandem.core.compiled`) where the person's ids and
the day's moments go, and run again with each request's values. The rows are values as the
database gives them: `moment` and `day` read SQLite's text as PostgreSQL's types.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from django.db.models import DateField, DateTimeField, IntegerField, Max, Q, QuerySet

from tandem.accounts.models import name_of
from tandem.core.compiled import Slot, compiled, run, sql_of
from tandem.core.moments import safe_moment
from tandem.meetings.models import ActionItem, Meeting
from tandem.mentorships.models import Agreement, Ask, Goal, Mentorship
from tandem.mentorships.rules import LIVE
from tandem.mentorships.selectors.mentorships import NAME_FIELDS, named_user

SHOWN = 5  # rows per section: the rest are one click away on their own pages

# The values each request gives the compiled reads.
ME = Slot("me", IntegerField())  # the person's profile id
USER = Slot("user", IntegerField())  # their account id
RECENT_SINCE = Slot("recent_since", DateTimeField())  # answers decided since then are recent
DUE_BY = Slot("due_by", DateField())  # action items due by then count as due
QUIET_SINCE = Slot("quiet_since", DateTimeField())  # goals untouched since then are quiet

NAMES = len(NAME_FIELDS)  # the columns each name takes in a row


def name(row: tuple[Any, ...], start: int) -> str:
    """The person whose name columns (`named_user`) start at `start` in `row`, in words."""
    first, last, email, deleted_at = row[start : start + NAMES]
    return name_of(first, last, email, deleted=deleted_at is not None)


def moment(value: datetime | str | None) -> datetime | None:
    """A stored time, aware and safe to show (SQLite's are naive UTC: datetimes, or text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return safe_moment(value)


def day(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _theirs(path: str = "") -> Q:
    """Rows of the person's mentorships, either side (their profile id against each side's
    own indexed column, as `mentorships_of` does)."""
    return Q(**{f"{path}mentee_id": ME}) | Q(**{f"{path}mentor_id": ME})


def _asks() -> QuerySet[Any, Any]:
    """Asks to or from the person, waiting or decided lately, oldest first."""
    return (
        Ask.objects.filter(Q(mentor_id=ME) | Q(mentee_id=ME))
        .filter(Q(state=Ask.State.PENDING) | Q(decided_at__gte=RECENT_SINCE))
        .order_by("sent_at", "id")
        .values_list(
            "id", "state", "mentee_id", "intro_minutes", "sent_at", "followed_up_at",
            "mentorship__id", *named_user("mentee__user"), *named_user("mentor__user"),
        )
    )  # fmt: skip


def _live() -> QuerySet[Any, Any]:
    """The person's active and paused mentorships (those with a health), newest first."""
    return (
        Mentorship.objects.filter(_theirs(), state__in=LIVE)
        .order_by("-created_at", "-id")
        .values_list("id", "mentee_id", *named_user("mentee__user"), *named_user("mentor__user"))
    )


def _agreements() -> QuerySet[Any, Any]:
    """Proposals (first agreements and renewals) the other side made, oldest first."""
    return (
        Agreement.objects.filter(_theirs("mentorship__"), state=Agreement.State.PROPOSED)
        .exclude(proposed_by_id=USER)
        .order_by("created_at", "id")
        .values_list(
            "mentorship_id", "version", "mentorship__mentee_id",
            *named_user("mentorship__mentee__user"), *named_user("mentorship__mentor__user"),
        )
    )  # fmt: skip


def _meetings() -> QuerySet[Any, Any]:
    """Meetings offered or booked, soonest first."""
    S = Meeting.State
    return (
        Meeting.objects.filter(
            _theirs("mentorship__"), state__in=(S.PROPOSED, S.RESCHEDULED, S.SCHEDULED)
        )
        .order_by("starts_at", "id")
        .values_list(
            "id", "state", "starts_at", "minutes", "proposed_by_id", "mentorship__mentee_id",
            *named_user("mentorship__mentee__user"), *named_user("mentorship__mentor__user"),
        )
    )  # fmt: skip


def _actions_due() -> QuerySet[Any, Any]:
    """The person's open action items of live mentorships due soon or overdue."""
    return (
        ActionItem.objects.filter(
            owner_id=USER, status=ActionItem.Status.OPEN, due_on__lte=DUE_BY,
            mentorship__state__in=LIVE,
        )
        .order_by("due_on", "id")
        .values_list("mentorship_id", "text", "due_on")[:SHOWN]
    )  # fmt: skip


def _quiet_goals() -> QuerySet[Any, Any]:
    """Open or moving goals of active mentorships that nobody has updated for a while."""
    return (
        Goal.objects.filter(
            # The mentee's goals from the agreement, and a mentor's own learning goals.
            Q(mentorship__mentee_id=ME, is_learning_goal=False)
            | Q(owner_id=USER, is_learning_goal=True),
            mentorship__state=Mentorship.State.ACTIVE,
            status__in=(Goal.Status.OPEN, Goal.Status.PROGRESSING),
            created_at__lte=QUIET_SINCE,
        )
        .annotate(last_update=Max("updates__created_at"))
        .filter(Q(last_update__isnull=True) | Q(last_update__lte=QUIET_SINCE))
        .order_by("mentorship_id", "id")
        .values_list("mentorship_id", "text")[:SHOWN]
    )


_READS: dict[str, Callable[[], QuerySet[Any, Any]]] = {
    "asks": _asks,
    "live": _live,
    "agreements": _agreements,
    "meetings": _meetings,
    "actions_due": _actions_due,
    "quiet_goals": _quiet_goals,
}


def read(what: str, values: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of one of the home page's reads, its SQL compiled once per process."""
    build = _READS[what]
    return run(compiled(f"home:{what}", "", lambda: sql_of(build())), values)
