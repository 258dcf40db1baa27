"""Reads for the journal: one page selector per page, always through the owner. Someone
else's entry is a NotFound (a 404 that says nothing about whether it exists)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator

from tandem.accounts.models import User
from tandem.core.errors import NotFound
from tandem.growth.journal.models import JournalEntry
from tandem.growth.journal.prompts import fresh_eyes_prompt, question_draft
from tandem.growth.sharing import ShareTarget, share_targets_for

PAGE_SIZE = 20


def journal_page_for(*, owner: User, page_number: str | None) -> Page[JournalEntry]:
    """One page of the owner's entries, newest first (a bad page number gives a real page)."""
    entries = JournalEntry.objects.filter(owner=owner).order_by("-happened_on", "-id")
    return Paginator(entries, PAGE_SIZE).get_page(page_number)


def journal_entry_for(*, owner: User, entry_id: int) -> JournalEntry:
    """One of the owner's entries."""
    entry = JournalEntry.objects.filter(pk=entry_id, owner=owner).first()
    if entry is None:
        raise NotFound("No such journal entry.")
    return entry


@dataclass(frozen=True)
class EntryPage:
    """An entry with the fresh-eyes prompt for its kind."""

    entry: JournalEntry
    prompt: str


def entry_page_for(*, owner: User, entry_id: int) -> EntryPage:
    entry = journal_entry_for(owner=owner, entry_id=entry_id)
    return EntryPage(entry=entry, prompt=fresh_eyes_prompt(entry.kind))


@dataclass(frozen=True)
class SharePage:
    """What the share page shows: the entry (to its owner), where the question could go, and
    a first draft of the question."""

    entry: JournalEntry
    targets: list[ShareTarget]  # every live mentorship; those without a meeting ahead say so
    draft: str

    @property
    def with_meeting(self) -> list[ShareTarget]:
        return [target for target in self.targets if target.meeting is not None]


def share_page_for(*, owner: User, entry_id: int, now: datetime) -> SharePage:
    entry = journal_entry_for(owner=owner, entry_id=entry_id)
    return SharePage(
        entry=entry, targets=share_targets_for(owner, now=now), draft=question_draft(entry.kind)
    )


def export_for(user: User) -> dict[str, Any]:
    """The person's journal for their data download (plain values, ready for JSON)."""
    entries = JournalEntry.objects.filter(owner=user).order_by("-happened_on", "-id")
    return {
        "journal_entries": [
            {
                "happened_on": entry.happened_on,
                "kind": entry.kind,
                "what_happened": entry.text,
                "with_fresh_eyes": entry.fresh_eyes,
                "written_at": entry.created_at,
                "changed_at": entry.updated_at,
            }
            for entry in entries
        ]
    }
