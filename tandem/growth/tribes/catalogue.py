"""Which tribes there are: one by interest for each category of the curated skills taxonomy,
and one by profession for each job function whose name no category already has (a "Data &
analytics" tribe twice would split the people who belong together).

The rows are made by `tribes_derive`, which takes its model classes as arguments so the data
migration can pass its historical models and the service (`tribes_sync`, also the
`sync_tribes` command) the real ones. It creates and renames, never deletes: a tribe keeps its
members. Run `manage.py sync_tribes` after the taxonomy gains a category (or add a data
migration that calls it, as 0002 does).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandem.organizations.choices import JobFunction

INTEREST, PROFESSION = "interest", "profession"


@dataclass(frozen=True)
class Derived:
    created: int
    updated: int


def profession_slug(function: str) -> str:
    return "work-" + function.replace("_", "-")


def tribes_derive(*, tribe_model: Any, category_model: Any) -> Derived:
    """Make (or rename) a tribe for every category and every job function not named by one."""
    created = updated = 0
    taken: set[str] = set()
    for position, category in enumerate(category_model.objects.order_by("position", "id")):
        taken.add(category.name.casefold())
        _, made = tribe_model.objects.update_or_create(
            category=category,
            defaults={"slug": category.slug, "name": category.name, "kind": INTEREST,
                      "function": "", "position": position},
        )  # fmt: skip
        created, updated = created + made, updated + (not made)
    for position, (function, label) in enumerate(JobFunction.choices):
        if str(label).casefold() in taken:
            continue
        _, made = tribe_model.objects.update_or_create(
            function=function,
            defaults={"slug": profession_slug(function), "name": str(label),
                      "kind": PROFESSION, "category": None, "position": position},
        )  # fmt: skip
        created, updated = created + made, updated + (not made)
    return Derived(created=created, updated=updated)
