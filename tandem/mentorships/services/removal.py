"""Staff remove a reported ask (moderation's "remove" action, registered in apps.py).

The ask's note is replaced with a plain line, so neither side reads the words again; its state
is left to the lifecycle (the mentor can still decline, and a pending ask lapses as usual).
"""

from __future__ import annotations

from datetime import datetime

from tandem.accounts.models import User
from tandem.mentorships.models import Ask

REMOVED = "This request was removed by Tandem's team."


def ask_remove(*, target_id: int, staff: User, now: datetime) -> bool:
    """Whether the ask's words were removed just now (False: gone, or removed already)."""
    return bool(Ask.objects.filter(pk=target_id).exclude(note=REMOVED).update(note=REMOVED))
