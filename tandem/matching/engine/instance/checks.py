"""Checking an instance's people and edges with array operations, not one entry at a time.

A problem is reported exactly as a reading one entry at a time reports it: the first bad entry
wins, and within an entry the checks run in a fixed order (a person: the id, the capacity's
type, its sign, a repeated id; an edge: its shape, the mentee, the mentor, the score, the two
preferences, a repeated pair). So each check finds its first failing entry over the whole list
at once, and the earliest (entry, check) is the one reported.

Type problems come first: `map` tests the types in C and gives the first malformed entry k.
The entries before k are well typed and are checked with numpy; when none of them is wrong,
entry k is explained by the one-entry checker, which knows what came before it.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import contains, itemgetter, methodcaller
from typing import Any

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.instance.model import FloatArray, InstanceError, IntArray

BoolArray = npt.NDArray[np.bool_]
EDGE_SHAPE = (
    "edge {n} must be [mentee, mentor, score] or [mentee, mentor, score, mentee_pref, mentor_pref]"
)
INT64 = np.iinfo(np.int64)


# --- small vector helpers ---------------------------------------------------------------------


def _first(mask: BoolArray) -> int:
    """Index of the first true entry, or the length when there is none."""
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else int(mask.shape[0])


def _is(values: Sequence[Any], kinds: type | tuple[type, ...]) -> BoolArray:
    """`isinstance` over a list, looped in C."""
    return np.fromiter(map(isinstance, values, repeat(kinds)), dtype=bool, count=len(values))


def _numbers(values: Sequence[Any]) -> tuple[FloatArray, int]:
    """The leading numbers as floats, and where they stop (a non-number, or a huge integer)."""
    end = _first(~_is(values, (int, float)) | _is(values, bool))
    try:
        return np.fromiter(values[:end], dtype=np.float64, count=end), end
    except OverflowError:
        # Only an integer of 309 digits or more gets here; finding it one by one is fine.
        end = next(
            i for i, v in enumerate(values) if isinstance(v, int) and abs(v) > sys.float_info.max
        )
        return np.fromiter(values[:end], dtype=np.float64, count=end), end


def _capacities(values: Sequence[int]) -> tuple[IntArray, int]:
    """Whole numbers as int64, any beyond its range clipped; and the first of those (or len)."""
    try:
        return np.fromiter(values, dtype=np.int64, count=len(values)), len(values)
    except OverflowError:
        # Only an integer beyond ±9.2e18 gets here: clip one by one, remember the first.
        clipped = [min(max(v, int(INT64.min)), int(INT64.max)) for v in values]
        huge = next(i for i, (v, c) in enumerate(zip(values, clipped, strict=True)) if v != c)
        return np.array(clipped, dtype=np.int64), huge


# --- people -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class People:
    """One side, checked: ids sorted, capacities in that order, and each id's index.

    A capacity beyond int64 is only reported when nothing else is wrong (`too_large`): the
    reading one entry at a time accepted it, and only building the arrays failed.
    """

    ids: tuple[str, ...]
    capacity: IntArray
    index: dict[str, int]
    too_large: str | None = None


def _people_problem(
    ids: list[str], capacity: IntArray, side: str, given: Sequence[int] | IntArray
) -> str | None:
    """The first negative capacity or repeated id among well-typed people, if any."""
    n = len(ids)
    negative = _first(capacity < 0)
    first_seen = dict(zip(reversed(ids), range(n - 1, -1, -1), strict=True))
    seen_at = np.fromiter(map(first_seen.__getitem__, ids), dtype=np.int64, count=n)
    repeated = _first(seen_at != np.arange(n))
    if negative < n and negative <= repeated:
        return f"capacity of {ids[negative]!r} is negative ({int(given[negative])})"
    if repeated < n:
        return f'{ids[repeated]!r} appears twice in "{side}"'
    return None


def _person_problem(item: Any, side: str) -> str:
    """What is wrong with the first malformed person: its id, or else its capacity's type."""
    if not isinstance(item, Mapping) or "id" not in item:
        return f'every entry of "{side}" needs an "id"'
    person_id = item["id"]
    if not isinstance(person_id, str) or not person_id:
        return f'ids in "{side}" must be non-empty strings, got {person_id!r}'
    return f"capacity of {person_id!r} must be a whole number"


def _sorted_people(ids: list[str], capacity: IntArray, too_large: str | None = None) -> People:
    order = sorted(range(len(ids)), key=ids.__getitem__)
    sorted_ids = tuple(map(ids.__getitem__, order))
    return People(
        ids=sorted_ids,
        capacity=capacity[np.array(order, dtype=np.int64)],
        index=dict(zip(sorted_ids, range(len(ids)), strict=True)),
        too_large=too_large,
    )


def people_checked(ids: list[str], capacity: IntArray, side: str) -> People:
    """Check well-typed people (non-empty string ids, int64 capacities) and sort them by id."""
    problem = _people_problem(ids, capacity, side, capacity)
    if problem:
        raise InstanceError(problem)
    return _sorted_people(ids, capacity)


def people_from_data(raw: Any, side: str) -> People:
    """Check one side of parsed JSON: a list of {"id": ..., "capacity": ...} objects."""
    if not isinstance(raw, list):
        raise InstanceError(f'"{side}" must be a list of {{"id": ..., "capacity": ...}} objects')
    end = _first(~_is(raw, (dict, Mapping)))  # dict first: skips the ABC's Python hook
    end = _first(~np.fromiter(map(contains, raw[:end], repeat("id")), dtype=bool, count=end))
    ids = list(map(itemgetter("id"), raw[:end]))
    end = _first(~_is(ids, str))
    end = _first(np.fromiter(map(len, ids[:end]), dtype=np.int64, count=end) == 0)
    given = list(map(methodcaller("get", "capacity", 1), raw[:end]))
    end = _first(~_is(given, int) | _is(given, bool))
    ids, given = ids[:end], given[:end]
    capacity, huge = _capacities(given)
    problem = _people_problem(ids, capacity, side, given)
    if problem is None and end < len(raw):
        problem = _person_problem(raw[end], side)
    if problem:
        raise InstanceError(problem)
    # A huge negative capacity was reported above as negative: what is left is too large.
    too_large = f"capacity of {ids[huge]!r} is too large ({given[huge]})" if huge < end else None
    return _sorted_people(ids, capacity, too_large)


# --- edges --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edges:
    """Well-typed edges as columns: people's indices (-1 when unknown) and float numbers."""

    mentee: IntArray
    mentor: IntArray
    score: FloatArray
    mentee_pref: FloatArray
    mentor_pref: FloatArray

    def sorted_pairs(self, n_mentors: int) -> tuple[IntArray, IntArray]:
        """The order by (mentee, mentor) and the sorted pair keys (unknown ids: unique < 0)."""
        n = self.score.shape[0]
        known = (self.mentee >= 0) & (self.mentor >= 0)
        keys = np.where(known, self.mentee * n_mentors + self.mentor, -1 - np.arange(n))
        order = np.argsort(keys, kind="stable")
        return order, keys[order]


def _not_finite(values: FloatArray) -> int:
    return _first(~np.isfinite(values))


def edges_problem(
    edges: Edges, n_mentors: int, ids_of: Callable[[int], tuple[Any, Any]]
) -> tuple[str | None, IntArray, IntArray]:
    """The first problem among well-typed edges (if any), their order and sorted pair keys."""
    n = edges.score.shape[0]
    order, keys = edges.sorted_pairs(n_mentors)
    # The stable sort keeps a repeated pair's copies in file order: all but the first repeat.
    repeats = order[1:][keys[1:] == keys[:-1]]
    # (first failing edge, the check's place in an edge's order, what to say)
    found = [
        (_first(edges.mentee < 0), 1, "edge {n} names an unknown mentee {a!r}"),
        (_first(edges.mentor < 0), 2, "edge {n} names an unknown mentor {x!r}"),
        (_not_finite(edges.score), 3, "the score of edge {n} {finite} {score!r}"),
        (_not_finite(edges.mentee_pref), 4, "the mentee preference of edge {n} {finite} {pa!r}"),
        (_not_finite(edges.mentor_pref), 5, "the mentor preference of edge {n} {finite} {px!r}"),
        (int(repeats.min()) if repeats.size else n, 6, "edge {n} repeats the pair {a!r}–{x!r}"),
    ]
    at, _, text = min(found)
    if at == n:
        return None, order, keys
    mentee, mentor = ids_of(at)
    problem = text.format(
        n=at,
        a=mentee,
        x=mentor,
        finite="must be a finite number, got",
        score=float(edges.score[at]),
        pa=float(edges.mentee_pref[at]),
        px=float(edges.mentor_pref[at]),
    )
    return problem, order, keys


def _number_problem(value: Any, what: str) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{what} must be a number, got {value!r}"
    # An int is finite, but one too big for a float is no usable score either.
    usable = abs(value) <= sys.float_info.max if isinstance(value, int) else math.isfinite(value)
    if usable:
        return None
    return f"{what} must be a finite number, got {value!r}"


def _edge_problem(
    n: int, edge: Any, mentees: People, mentors: People, has_pair: Callable[[int], bool]
) -> str | None:
    """What is wrong with one edge (the first malformed one), given those before it."""
    if not isinstance(edge, list) or len(edge) not in (3, 5):
        return EDGE_SHAPE.format(n=n)
    mentee, mentor = edge[0], edge[1]
    if not isinstance(mentee, str) or mentee not in mentees.index:
        return f"edge {n} names an unknown mentee {mentee!r}"
    if not isinstance(mentor, str) or mentor not in mentors.index:
        return f"edge {n} names an unknown mentor {mentor!r}"
    numbers = [(edge[2], f"the score of edge {n}")]
    if len(edge) == 5:
        numbers += [
            (edge[3], f"the mentee preference of edge {n}"),
            (edge[4], f"the mentor preference of edge {n}"),
        ]
    for value, what in numbers:
        problem = _number_problem(value, what)
        if problem:
            return problem
    if has_pair(mentees.index[mentee] * len(mentors.ids) + mentors.index[mentor]):
        return f"edge {n} repeats the pair {mentee!r}–{mentor!r}"
    return None


def _typed_edges(raw: list[Any], mentees: People, mentors: People) -> tuple[Edges, int]:
    """The leading well-typed edges as columns, and where they stop."""
    end = _first(~_is(raw, list))
    lengths = np.fromiter(map(len, raw[:end]), dtype=np.int64, count=end)
    end = _first((lengths != 3) & (lengths != 5))
    head, lengths = raw[:end], lengths[:end]
    mentee_ids = list(map(itemgetter(0), head))
    mentor_ids = list(map(itemgetter(1), head))
    score, score_end = _numbers(list(map(itemgetter(2), head)))
    long = np.flatnonzero(lengths == 5)
    given = list(map(head.__getitem__, long.tolist()))
    ends = [end, score_end, _first(~_is(mentee_ids, str)), _first(~_is(mentor_ids, str))]
    prefs = []
    for column in (3, 4):
        values, stop = _numbers(list(map(itemgetter(column), given)))
        ends.append(int(long[stop]) if stop < long.size else end)
        prefs.append(values)
    end = min(ends)
    # Three-element edges take the score as both preferences.
    given_before_end = int(np.searchsorted(long, end))
    mentee_pref, mentor_pref = score[:end].copy(), score[:end].copy()
    mentee_pref[long[:given_before_end]] = prefs[0][:given_before_end]
    mentor_pref[long[:given_before_end]] = prefs[1][:given_before_end]
    return Edges(
        mentee=_indices(mentee_ids[:end], mentees.index),
        mentor=_indices(mentor_ids[:end], mentors.index),
        score=score[:end],
        mentee_pref=mentee_pref,
        mentor_pref=mentor_pref,
    ), end


def _indices(ids: Sequence[str], index: dict[str, int]) -> IntArray:
    """Each id's index among the people, -1 for an unknown id (a dict lookup looped in C)."""
    return np.fromiter(map(index.get, ids, repeat(-1)), dtype=np.int64, count=len(ids))


def edges_from_data(raw: Any, mentees: People, mentors: People) -> tuple[Edges, IntArray]:
    """Check the edges of parsed JSON; the columns and their order by (mentee, mentor)."""
    if not isinstance(raw, list):
        raise InstanceError('"edges" must be a list of [mentee, mentor, score] lists')
    edges, end = _typed_edges(raw, mentees, mentors)
    problem, order, keys = edges_problem(edges, len(mentors.ids), lambda i: (raw[i][0], raw[i][1]))
    if problem is None and end < len(raw):

        def has_pair(key: int) -> bool:
            at = int(np.searchsorted(keys, key))
            return at < keys.shape[0] and int(keys[at]) == key

        problem = _edge_problem(end, raw[end], mentees, mentors, has_pair)
        assert problem is not None, "a malformed edge must have a problem"
    if problem:
        raise InstanceError(problem)
    return edges, order
