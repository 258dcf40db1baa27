"""The instance reading as it was, one entry at a time: the reference the array checks follow.

Kept verbatim (only the result is reduced to plain values) so that property tests can
compare the vectorized checks with it on random, often broken, instances.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from tandem.matching.engine import InstanceError

Edges = dict[tuple[str, str], tuple[float, float, float]]


def _people(raw: Any, side: str) -> dict[str, int]:
    if not isinstance(raw, list):
        raise InstanceError(f'"{side}" must be a list of {{"id": ..., "capacity": ...}} objects')
    people: dict[str, int] = {}
    for item in raw:
        if not isinstance(item, Mapping) or "id" not in item:
            raise InstanceError(f'every entry of "{side}" needs an "id"')
        person_id = item["id"]
        if not isinstance(person_id, str) or not person_id:
            raise InstanceError(f'ids in "{side}" must be non-empty strings, got {person_id!r}')
        capacity = item.get("capacity", 1)
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise InstanceError(f"capacity of {person_id!r} must be a whole number")
        if capacity < 0:
            raise InstanceError(f"capacity of {person_id!r} is negative ({capacity})")
        if person_id in people:
            raise InstanceError(f'{person_id!r} appears twice in "{side}"')
        people[person_id] = capacity
    return people


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InstanceError(f"{what} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise InstanceError(f"{what} must be a finite number, got {value!r}")
    return number


def reference_read(data: Any) -> tuple[dict[str, int], dict[str, int], Edges]:
    """Capacities by id on both sides and the edges by pair; InstanceError as it always was."""
    if not isinstance(data, Mapping):
        raise InstanceError('the instance must be a JSON object with "mentees", "mentors", "edges"')
    for key in ("mentees", "mentors", "edges"):
        if key not in data:
            raise InstanceError(f'the instance has no "{key}"')
    mentees = _people(data["mentees"], "mentees")
    mentors = _people(data["mentors"], "mentors")
    if not isinstance(data["edges"], list):
        raise InstanceError('"edges" must be a list of [mentee, mentor, score] lists')
    edges: Edges = {}
    for n, edge in enumerate(data["edges"]):
        if not isinstance(edge, list) or len(edge) not in (3, 5):
            raise InstanceError(
                f"edge {n} must be [mentee, mentor, score] or "
                "[mentee, mentor, score, mentee_pref, mentor_pref]"
            )
        mentee, mentor = edge[0], edge[1]
        if mentee not in mentees:
            raise InstanceError(f"edge {n} names an unknown mentee {mentee!r}")
        if mentor not in mentors:
            raise InstanceError(f"edge {n} names an unknown mentor {mentor!r}")
        score = _number(edge[2], f"the score of edge {n}")
        prefs = (
            (_number(edge[3], f"the mentee preference of edge {n}"),
             _number(edge[4], f"the mentor preference of edge {n}"))
            if len(edge) == 5 else (score, score)
        )  # fmt: skip
        if (mentee, mentor) in edges:
            raise InstanceError(f"edge {n} repeats the pair {mentee!r}–{mentor!r}")
        edges[(mentee, mentor)] = (score, *prefs)
    # The old build step made int64 arrays of the capacities: a bigger integer crashed there.
    np.array([*mentees.values(), *mentors.values()], dtype=np.int64)
    return mentees, mentors, edges
