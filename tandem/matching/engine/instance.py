"""A bulk-matching instance: mentees, mentors, their capacities and the possible pairs.

Pairs without an edge are impossible. Ids are sorted once on the way in, so every solver
breaks ties the same way: by id.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class InstanceError(ValueError):
    """The instance is malformed; the message is one line meant for a person."""


@dataclass(frozen=True)
class Instance:
    """Edges are parallel arrays sorted by (mentee index, mentor index)."""

    mentee_ids: tuple[str, ...]
    mentor_ids: tuple[str, ...]
    mentee_capacity: IntArray
    mentor_capacity: IntArray
    edge_mentee: IntArray
    edge_mentor: IntArray
    score: FloatArray
    mentee_pref: FloatArray
    mentor_pref: FloatArray

    @property
    def n_edges(self) -> int:
        """How many possible pairs there are."""
        return int(self.score.shape[0])

    def without_edges(self, keep: npt.NDArray[np.bool_]) -> Instance:
        """The same people with only the edges where `keep` is true."""
        return Instance(
            self.mentee_ids,
            self.mentor_ids,
            self.mentee_capacity,
            self.mentor_capacity,
            self.edge_mentee[keep],
            self.edge_mentor[keep],
            self.score[keep],
            self.mentee_pref[keep],
            self.mentor_pref[keep],
        )

    def with_capacities(self, mentee: IntArray, mentor: IntArray) -> Instance:
        """The same edges with other capacities."""
        return Instance(
            self.mentee_ids,
            self.mentor_ids,
            mentee,
            mentor,
            self.edge_mentee,
            self.edge_mentor,
            self.score,
            self.mentee_pref,
            self.mentor_pref,
        )


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


def instance_from_data(data: Any) -> Instance:
    """Build and check an instance from parsed JSON (the CLI's INSTANCE format)."""
    if not isinstance(data, Mapping):
        raise InstanceError('the instance must be a JSON object with "mentees", "mentors", "edges"')
    for key in ("mentees", "mentors", "edges"):
        if key not in data:
            raise InstanceError(f'the instance has no "{key}"')
    mentees = _people(data["mentees"], "mentees")
    mentors = _people(data["mentors"], "mentors")
    if not isinstance(data["edges"], list):
        raise InstanceError('"edges" must be a list of [mentee, mentor, score] lists')
    edges: dict[tuple[str, str], tuple[float, float, float]] = {}
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
    return instance_build(mentees=mentees, mentors=mentors, edges=edges)


def instance_build(
    *,
    mentees: Mapping[str, int],
    mentors: Mapping[str, int],
    edges: Mapping[tuple[str, str], tuple[float, float, float]],
) -> Instance:
    """An instance from capacities by id and {(mentee, mentor): (score, pref_a, pref_x)}."""
    mentee_ids = tuple(sorted(mentees))
    mentor_ids = tuple(sorted(mentors))
    mentee_index = {m: i for i, m in enumerate(mentee_ids)}
    mentor_index = {m: i for i, m in enumerate(mentor_ids)}
    items = sorted(
        (mentee_index[a], mentor_index[x], s, pa, px) for (a, x), (s, pa, px) in dict(edges).items()
    )
    table = np.array(items, dtype=np.float64).reshape(-1, 5)
    return Instance(
        mentee_ids=mentee_ids,
        mentor_ids=mentor_ids,
        mentee_capacity=np.array([mentees[m] for m in mentee_ids], dtype=np.int64),
        mentor_capacity=np.array([mentors[m] for m in mentor_ids], dtype=np.int64),
        edge_mentee=table[:, 0].astype(np.int64),
        edge_mentor=table[:, 1].astype(np.int64),
        score=table[:, 2].copy(),
        mentee_pref=table[:, 3].copy(),
        mentor_pref=table[:, 4].copy(),
    )


def instance_from_json(text: str) -> Instance:
    """Parse the CLI's INSTANCE.json text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstanceError(f"not valid JSON: {error.msg} at line {error.lineno}") from error
    return instance_from_data(data)
