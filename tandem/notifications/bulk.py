"""Bulk notifications (`notify_many`): thousands raised at once, each once per (recipient, kind,
cause), with one email job for all of them. `services` re-exports these names.

A notice with an `actor_id` (a person's doing, not Tandem's) passes the same block and mute
check as `notify`: one query per batch for every (recipient, actor) pair in it, and a notice
whose recipient blocked or muted its actor is dropped. Flood control (coalescing, the daily
cap) stays with `notify`: bulk notices are one per cause, never a stream from one person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.db import connection, transaction

from tandem.moderation.blocks import silenced_pairs
from tandem.notifications.kinds import Kind
from tandem.notifications.links import is_site_path
from tandem.notifications.models import TITLE_MAX_LENGTH, Notification


@dataclass(frozen=True)
class Notice:
    """One notification to raise in bulk (`notify_many`): the same fields as `notify`, by id."""

    recipient_id: int
    kind: str
    cause: str
    title: str
    body: str
    url: str
    actor_id: int | None = None  # the person whose doing it is (blocks and mutes apply)


NOTIFY_BATCH = 300
_KINDS = frozenset(Kind.values)
# Immediate emails of bulk notifications go out in one job; it also picks up any other unsent
# immediate email of the last day (a lost job), which is as far back as news stays news.
PENDING_EMAIL_WINDOW = timedelta(days=1)


# A plain path such as "/mentorships/12/meetings/" is on this site; anything else gets the full
# check (which costs a second over the thousands of notices of a sweep).
_PLAIN_PATH = re.compile(r"/(?:[A-Za-z0-9_-]+/)*")


def _notice_checked(notice: Notice) -> Notice:
    if notice.kind not in _KINDS:
        raise ValueError(f"Unknown notification kind {notice.kind!r}.")
    if not _PLAIN_PATH.fullmatch(notice.url) and not is_site_path(notice.url):
        raise ValueError(f"A notification links to a path on this site, not {notice.url!r}.")
    if len(notice.title) > TITLE_MAX_LENGTH:
        return replace(notice, title=notice.title[: TITLE_MAX_LENGTH - 1] + "…")
    return notice


def _unsilenced(batch: list[Notice]) -> list[Notice]:
    """The batch without the notices whose recipient blocked or muted their actor."""
    silenced = silenced_pairs(
        pairs=((n.recipient_id, n.actor_id) for n in batch if n.actor_id is not None)
    )
    if not silenced:
        return batch
    return [n for n in batch if (n.recipient_id, n.actor_id) not in silenced]


def _notify_batch(batch: list[Notice], *, now: datetime) -> Counter[str]:
    """Insert the notices of one batch that are new; how many were, by kind."""
    unique = {(n.recipient_id, n.kind, n.cause): n for n in _unsilenced(batch)}
    if not unique:
        return Counter()
    # By recipient and kind only, the causes compared here: with the causes in the query too,
    # SQLite probes the unique index for every combination of the three lists.
    existing = set(
        Notification.objects.filter(
            recipient_id__in={key[0] for key in unique}, kind__in={key[1] for key in unique}
        ).values_list("recipient_id", "kind", "cause")
    )
    new = [notice for key, notice in unique.items() if key not in existing]
    if new:
        _insert_new(new, now=now)
    return Counter(n.kind for n in new)


_INSERTED = (
    "recipient_id", "kind", "cause", "title", "body", "url", "created_at", "email_held",
    "actor_id",
)  # fmt: skip


def _insert_new(notices: list[Notice], *, now: datetime) -> None:
    """INSERT … ON CONFLICT DO NOTHING, one statement run for every row (executemany).

    A run racing this one on the same causes is then no error, as with bulk_create's
    ignore_conflicts; but building bulk_create's statements costs about a second for the
    8,000 notifications of a big sweep, and this a few milliseconds (SQLite and PostgreSQL
    both speak ON CONFLICT DO NOTHING).
    """
    quote = connection.ops.quote_name
    # Identifiers quoted from the model, every value a parameter.
    sql = (
        f"INSERT INTO {quote(Notification._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(column) for column in _INSERTED)}) "
        f"VALUES ({', '.join(['%s'] * len(_INSERTED))}) ON CONFLICT DO NOTHING"
    )
    created_at = connection.ops.adapt_datetimefield_value(now)
    with transaction.atomic(), connection.cursor() as cursor:  # one commit, not one a row
        cursor.executemany(
            sql,
            [
                (
                    n.recipient_id,
                    n.kind,
                    n.cause,
                    n.title,
                    n.body,
                    n.url,
                    created_at,
                    False,
                    n.actor_id,
                )
                for n in notices
            ],
        )


def notify_many_by_kind(items: Iterable[Notice], *, now: datetime) -> Counter[str]:
    """`notify_many`, counting the new notifications per kind (for a sweep's report)."""
    created: Counter[str] = Counter()
    batch: list[Notice] = []
    for notice in items:
        batch.append(_notice_checked(notice))
        if len(batch) >= NOTIFY_BATCH:
            created += _notify_batch(batch, now=now)
            batch = []
    if batch:
        created += _notify_batch(batch, now=now)
    if created:
        # Imported here because the task module imports this one.
        from tandem.notifications.tasks import send_pending_emails

        send_pending_emails.enqueue(created_from=(now - PENDING_EMAIL_WINDOW).isoformat())
    return created


def notify_many(items: Iterable[Notice], *, now: datetime) -> int:
    """Raise many notifications at once, each once per (recipient, kind, cause).

    For jobs that notify thousands (the sweep): per batch, one query for the causes already
    raised and one INSERT run over the rest, instead of a savepoint per row; and one email job
    for all of them (`send_pending_emails`) instead of one job per notification. Returns how
    many notifications are new (a run racing this one on the same causes may have inserted a
    few of those itself; none is duplicated).
    """
    return sum(notify_many_by_kind(items, now=now).values())
