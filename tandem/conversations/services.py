"""Writes for conversations: posting a message, reading a thread, reporting a message, and
the staff's moderation (hide, show again, leave as it is).

Who may write when is in rules.py; every refusal is a DomainError and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction

from tandem.accounts.models import User
from tandem.conversations import notices
from tandem.conversations.models import Message, ReadMark, Report, Thread
from tandem.conversations.relationships import Relationship
from tandem.conversations.rules import message_text_check, posting_refusal, report_check
from tandem.core.errors import IllegalTransition, RuleBroken
from tandem.mentorships.sides import sides_of
from tandem.moderation.models import Report as ModerationReport
from tandem.moderation.reports import report_create

MISSING = "No such conversation."
MODERATE = "conversations.moderate_message"
# The conversation's reasons in the words staff's queue uses for every kind of report.
MODERATION_REASONS: dict[str, str] = {
    Report.Reason.SPAM: ModerationReport.Reason.SPAM,
    Report.Reason.HOSTILE: ModerationReport.Reason.HARASSMENT,
    Report.Reason.UNSAFE: ModerationReport.Reason.HARASSMENT,
    Report.Reason.OTHER: ModerationReport.Reason.OTHER,
}


def _thread_locked(relationship: Relationship) -> Thread:
    """The relationship's thread, made on its first message, locked so two messages sent at
    once are judged one after the other (the pre-acceptance rule)."""
    thread, _ = Thread.objects.get_or_create(
        **relationship.thread_key(),
        defaults={"mentee": relationship.mentee, "mentor": relationship.mentor},
    )
    return Thread.objects.select_for_update().get(pk=thread.pk)


@transaction.atomic
def message_post(*, relationship: Relationship, author: User, text: str, now: datetime) -> Message:
    """One side writes to the other; the other side is told per their preferences."""
    sides = sides_of(relationship, author, missing=MISSING)
    thread = _thread_locked(relationship)
    last_author_id = thread.messages.order_by("-id").values_list("author_id", flat=True).first()
    refusal = posting_refusal(
        relationship=relationship, role=sides.role, last_author_id=last_author_id
    )
    if refusal is not None:
        raise RuleBroken(refusal)
    message = Message.objects.create(
        thread=thread, author=author, text=message_text_check(text), sent_at=now
    )
    notices.message_received(
        message, relationship=relationship, author=author, recipient=sides.other.user, now=now
    )
    return message


@transaction.atomic
def thread_read(*, thread: Thread, reader: User, up_to: int, now: datetime) -> bool:
    """The reader has seen the thread up to message `up_to`; False if they had already.

    The mark only moves forward, so an older page loaded late cannot make read messages new.
    """
    sides_of(thread, reader, missing=MISSING)
    moved = ReadMark.objects.filter(thread=thread, reader=reader, seen_up_to__lt=up_to).update(
        seen_up_to=up_to, read_at=now
    )
    if not moved:
        _, moved = ReadMark.objects.get_or_create(
            thread=thread, reader=reader, defaults={"seen_up_to": up_to, "read_at": now}
        )
    if moved:
        notices.message_notices_read(thread=thread, reader=reader, now=now)
    return bool(moved)


@transaction.atomic
def message_report(
    *, message: Message, reporter: User, reason: str, note: str = "", now: datetime
) -> Report:
    """One side flags the other side's message for staff, with a reason."""
    role = sides_of(message.thread, reporter, missing=MISSING).role
    note = note.strip()
    report_check(message=message, reporter_id=reporter.pk, role=role, reason=reason, note=note)
    report = Report.objects.create(
        message=message, reporter=reporter, reason=reason, note=note, reported_at=now
    )
    # Staff's one queue of reports (moderation) gets it too, where they can also warn or
    # suspend the author; hiding it there or here closes the conversation's report.
    report_create(
        reporter=reporter, person=message.author, target_kind=ModerationReport.TargetKind.MESSAGE,
        target_id=message.pk, context=message.text, reason=MODERATION_REASONS[reason],
        details=note,
    )  # fmt: skip
    return report


def _moderator_check(staff: User) -> None:
    if not (staff.is_active and staff.is_staff and staff.has_perm(MODERATE)):
        raise IllegalTransition("Only staff who moderate messages can do that.")


def _reviewed(messages: Iterable[Message], *, staff: User, now: datetime) -> None:
    Report.objects.filter(message__in=list(messages), reviewed_at__isnull=True).update(
        reviewed_at=now, reviewed_by=staff
    )


@transaction.atomic
def messages_hide(*, messages: Iterable[Message], staff: User, now: datetime) -> int:
    """Staff hide reported messages from both sides; how many were newly hidden."""
    _moderator_check(staff)
    ids = [m.pk for m in messages]
    hidden = Message.objects.filter(pk__in=ids, hidden_at__isnull=True).update(
        hidden_at=now, hidden_by=staff
    )
    _reviewed(Message.objects.filter(pk__in=ids), staff=staff, now=now)
    return hidden


def message_remove(*, target_id: int, staff: User, now: datetime) -> bool:
    """Moderation's "remove" for a reported message (registered in apps.py): hide it."""
    return bool(messages_hide(messages=Message.objects.filter(pk=target_id), staff=staff, now=now))


@transaction.atomic
def messages_show(*, messages: Iterable[Message], staff: User) -> int:
    """Staff undo a hide; how many messages are shown again."""
    _moderator_check(staff)
    ids = [m.pk for m in messages]
    return Message.objects.filter(pk__in=ids, hidden_at__isnull=False).update(
        hidden_at=None, hidden_by=None
    )


@transaction.atomic
def reports_keep(*, reports: Iterable[Report], staff: User, now: datetime) -> int:
    """Staff looked and leave the messages as they are; the reports leave the open list."""
    _moderator_check(staff)
    return Report.objects.filter(pk__in=[r.pk for r in reports], reviewed_at__isnull=True).update(
        reviewed_at=now, reviewed_by=staff
    )
