"""Staff remove a reported shared note (moderation's "remove" action, registered in apps.py):
its words are replaced with a plain line both sides then read."""

from __future__ import annotations

from datetime import datetime

from tandem.accounts.models import User
from tandem.meetings.models import Note

REMOVED = "This note was removed by Tandem's team."


def note_remove(*, target_id: int, staff: User, now: datetime) -> bool:
    """Whether the note's words were removed just now (False: gone, or removed already)."""
    shared = Note.objects.filter(pk=target_id, is_private=False).exclude(text=REMOVED)
    return bool(shared.update(text=REMOVED, updated_at=now))
