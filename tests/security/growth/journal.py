"""The journal's rows: the journal and a new entry are everyone's own; an entry (its page,
deleting it, sharing from it) is its owner's, the mentee's here, with SECRET in its text so
the walks would catch it on anyone else's page."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.growth.journal.services import journal_entry_add
from tests.security.routes import Route
from tests.security.world import MENTEE, SECRET, SIGNED_IN, World

OWNER = frozenset({MENTEE})


def _mentees_entry(world: World) -> dict[str, Any]:
    now = timezone.now()
    entry = journal_entry_add(
        owner=world.users[MENTEE], happened_on=timezone.localdate(now), kind="new_manager",
        text=f"{SECRET} journal", fresh_eyes=f"{SECRET} fresh eyes", now=now,
    )  # fmt: skip
    return {"entry_id": entry.pk}


ROUTES: dict[str, Route] = {
    "growth:growth_journal:journal": Route(SIGNED_IN),
    "growth:growth_journal:add": Route(SIGNED_IN),
    "growth:growth_journal:edit": Route(OWNER, _mentees_entry),
    "growth:growth_journal:delete": Route(OWNER, _mentees_entry, post_only=True),
    "growth:growth_journal:share": Route(OWNER, _mentees_entry),
}
