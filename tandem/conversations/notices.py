"""What a new message tells the other side, and how a read thread clears those notices.

A flood is coalesced by the notice's cause: it names the thread and how far the recipient
had read it ("thread:12:after:340"). Every message written while they have not opened the
thread since has the same cause, so `notify` (idempotent on recipient, kind and cause) makes
one notice and sends at most one email, or one digest line, whatever their preference. Once
they read the thread the cause moves on, and the next message is news again.

The notice carries no words of the message: messages stay on their page, so no email,
digest or notification row holds a copy, and a message staff hide is hidden everywhere.
"""

from __future__ import annotations

from datetime import datetime

from tandem.accounts.models import User
from tandem.conversations.models import Message, ReadMark, Thread
from tandem.conversations.relationships import Relationship
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification
from tandem.notifications.services import notifications_mark_read, notify


def _cause_prefix(thread: Thread) -> str:
    return f"thread:{thread.pk}:"


def message_received(
    message: Message, *, relationship: Relationship, author: User, recipient: User,
    now: datetime,
) -> None:  # fmt: skip
    """Tell the other side, once until they have read the thread again."""
    thread = message.thread
    seen = (
        ReadMark.objects.filter(thread=thread, reader=recipient)
        .values_list("seen_up_to", flat=True)
        .first()
    )
    where = (
        "in your mentorship's conversation"
        if relationship.mentorship is not None
        else "about the intro request between you"
    )
    notify(
        recipient=recipient, kind=Kind.MESSAGE_RECEIVED,
        cause=f"{_cause_prefix(thread)}after:{seen or 0}",
        title=f"{author.display_name} sent you a message",
        body=(
            f"There's a new message {where}. Open the conversation to read it and reply. "
            "Until you do, anything else they write waits there without another notice."
        ),
        url=relationship.thread_url, now=now, actor=author,
    )  # fmt: skip


def message_notices_read(*, thread: Thread, reader: User, now: datetime) -> None:
    """Reading the thread reads its notices too, so the badge and the thread agree."""
    unread = Notification.objects.filter(
        recipient=reader, kind=Kind.MESSAGE_RECEIVED, read_at__isnull=True,
        cause__startswith=_cause_prefix(thread),
    ).values_list("pk", flat=True)  # fmt: skip
    ids = list(unread)
    if ids:
        notifications_mark_read(user=reader, notification_ids=ids, now=now)
