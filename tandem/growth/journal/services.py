"""Writes for the journal: add, edit and delete one's own entries, and take a question from
one to a meeting's agenda. Every write is the owner's own; anyone else's entry is a NotFound.

"Not in the future" is judged by the date where the person is: `now` in the active timezone
(the viewer's own, set by profiles' middleware on every page; UTC elsewhere).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.core.errors import NotFound, RuleBroken
from tandem.core.text import clean_text
from tandem.growth.journal.models import TEXT_MAX, EntryKind, JournalEntry
from tandem.growth.sharing import share_into_agenda
from tandem.meetings.models import AgendaItem

MAX_ENTRIES = 500  # a journal for years of changes, not a place to pour a whole archive
OLDEST = timedelta(days=366 * 60)  # a working life; an older date is a typo


def _entry_of(*, owner: User, entry_id: int) -> JournalEntry:
    """The owner's entry, locked for the write; anyone else's (or none) is a NotFound."""
    entry = JournalEntry.objects.select_for_update().filter(pk=entry_id, owner=owner).first()
    if entry is None:
        raise NotFound("No such journal entry.")
    return entry


def _checked(
    *, happened_on: date, kind: str, text: str, fresh_eyes: str, now: datetime
) -> dict[str, object]:
    """The entry's fields, cleaned, or a RuleBroken naming the field that is wrong."""
    today = timezone.localdate(now)
    if happened_on > today:
        raise RuleBroken("Pick today or a day before: the journal is for what has happened.",
                         field="happened_on")  # fmt: skip
    if happened_on < today - OLDEST:
        raise RuleBroken("That date is too long ago. Check the year?", field="happened_on")
    if kind not in EntryKind.values:
        raise RuleBroken("Choose what changed.", field="kind")
    text = clean_text(text)
    if not text:
        raise RuleBroken("Write a line or two about what happened.", field="text")
    if len(text) > TEXT_MAX:
        raise RuleBroken(f"Keep it to {TEXT_MAX} characters.", field="text")
    fresh_eyes = clean_text(fresh_eyes)
    if len(fresh_eyes) > TEXT_MAX:
        raise RuleBroken(f"Keep it to {TEXT_MAX} characters.", field="fresh_eyes")
    return {"happened_on": happened_on, "kind": kind, "text": text, "fresh_eyes": fresh_eyes}


@transaction.atomic
def journal_entry_add(
    *, owner: User, happened_on: date, kind: str, text: str, now: datetime,
    fresh_eyes: str = "",
) -> JournalEntry:  # fmt: skip
    """A new entry of the owner's; refused past MAX_ENTRIES (under a lock on the owner's row,
    so two at once cannot both take the last place)."""
    fields = _checked(happened_on=happened_on, kind=kind, text=text, fresh_eyes=fresh_eyes, now=now)
    User.objects.select_for_update().filter(pk=owner.pk).first()
    if JournalEntry.objects.filter(owner=owner).count() >= MAX_ENTRIES:
        raise RuleBroken(
            f"Your journal holds up to {MAX_ENTRIES} entries. Delete a few old ones to make room."
        )
    return JournalEntry.objects.create(owner=owner, **fields)


@transaction.atomic
def journal_entry_edit(
    *, owner: User, entry_id: int, happened_on: date, kind: str, text: str, fresh_eyes: str,
    now: datetime,
) -> JournalEntry:  # fmt: skip
    """Change one of the owner's entries (the fresh-eyes answer is usually written here)."""
    entry = _entry_of(owner=owner, entry_id=entry_id)
    fields = _checked(happened_on=happened_on, kind=kind, text=text, fresh_eyes=fresh_eyes, now=now)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save(update_fields=[*fields, "updated_at"])
    return entry


@transaction.atomic
def journal_entry_delete(*, owner: User, entry_id: int) -> None:
    """Delete one of the owner's entries for good."""
    _entry_of(owner=owner, entry_id=entry_id).delete()


@transaction.atomic
def journal_entry_share(
    *, owner: User, entry_id: int, mentorship_id: int, text: str, now: datetime
) -> AgendaItem:
    """Put the question the owner wrote from their entry on the agenda of the next meeting of
    one of their mentorships. Only `text` goes; the entry itself stays private."""
    _entry_of(owner=owner, entry_id=entry_id)
    return share_into_agenda(owner=owner, mentorship_id=mentorship_id, text=text, now=now)


def journal_delete_all(*, owner: User) -> int:
    """Delete every entry of the owner's (for account deletion); how many went."""
    deleted, _ = JournalEntry.objects.filter(owner=owner).delete()
    return deleted
