"""The names and timezones of the people a batch of notices is for, read once for them all.

The sweep nudges thousands of people at a time; loading each User and Profile would cost a
query (or a model) per person, so this reads the few columns the words need in batches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from tandem.accounts.models import User, name_of
from tandem.core.zones import zone_named

BATCH = 500


@dataclass(frozen=True)
class _Person:
    name: str
    first_name: str
    zone: ZoneInfo


class Recipients:
    """Display names and timezones of these users (batched queries on creation)."""

    def __init__(self, user_ids: Iterable[int]) -> None:
        ids = sorted(set(user_ids))
        self._people: dict[int, _Person] = {}
        for start in range(0, len(ids), BATCH):
            for pk, first, last, email, deleted_at, zone in User.objects.filter(
                pk__in=ids[start : start + BATCH]
            ).values_list(
                "id", "first_name", "last_name", "email", "deleted_at", "profile__timezone"
            ):
                # The same words as User.display_name, without loading the users.
                name = name_of(first, last, email, deleted=deleted_at is not None)
                self._people[pk] = _Person(
                    name=name, first_name=first or name, zone=zone_named(zone)
                )

    def name(self, user_id: int) -> str:
        return self._people[user_id].name

    def first_name(self, user_id: int) -> str:
        return self._people[user_id].first_name

    def when(self, user_id: int, moment: datetime) -> str:
        """ "Tuesday 3 November at 14:00 (Europe/London)", in that person's own timezone."""
        zone = self._people[user_id].zone
        local = moment.astimezone(zone)
        return f"{local:%A} {local.day} {local:%B} at {local:%H:%M} ({zone.key})"
