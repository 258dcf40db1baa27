"""How reported content is removed, told to this app by the apps that own the content.

Asks, messages and profiles live in apps above moderation, which cannot import them. Each of
those apps registers one remover per `Report.TargetKind` in its `AppConfig.ready()`; staff's
"remove" action calls it by kind. A remover hides or replaces the content with the owning
app's own rules and says whether anything changed (False when it was gone or removed already).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tandem.accounts.models import User
from tandem.core.errors import DomainError

# remover(target_id=..., staff=..., now=...) -> whether the content was removed just now.
Remover = Callable[..., bool]

_removers: dict[str, Remover] = {}


def remover_register(kind: str, remover: Remover) -> None:
    """Called once per kind from an AppConfig.ready(); registering again replaces it."""
    _removers[kind] = remover


def content_remove(*, kind: str, target_id: int, staff: User, now: datetime) -> bool:
    """Remove one reported thing through its app's remover."""
    remover = _removers.get(kind)
    if remover is None:
        raise DomainError(f"Tandem doesn't know how to remove {kind} content yet.")
    return remover(target_id=target_id, staff=staff, now=now)
