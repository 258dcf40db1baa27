"""Reading the command line's INSTANCE.json: msgspec first, the careful reading on any doubt.

msgspec decodes the text straight into typed structs and checks every type on the way, in C
(about 4× faster than `json.loads` and the same checks on its lists). When it accepts the
document, only value checks are left (negative capacities, repeated ids, unknown ids,
non-finite numbers, repeated pairs), and `checks` does them with numpy. When it refuses the
document, or cannot tell (a four-element edge, a capacity beyond int64), the text is read
again with the standard library and checked by `instance_from_data`, which reports the same
first problem, in the same words, as always: errors are rare and may take the slower road.
"""

from __future__ import annotations

import gc
import json
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from itertools import repeat
from operator import attrgetter
from typing import Annotated, Any

import msgspec
import numpy as np

from tandem.matching.engine.instance.checks import (
    Edges,
    People,
    edges_from_data,
    edges_problem,
    people_checked,
    people_from_data,
)
from tandem.matching.engine.instance.model import FloatArray, Instance, InstanceError, IntArray


class _Person(msgspec.Struct, gc=False):
    id: Annotated[str, msgspec.Meta(min_length=1)]
    capacity: int = 1


class _Edge(msgspec.Struct, array_like=True, forbid_unknown_fields=True, gc=False):
    """[mentee, mentor, score]: the usual edge, tried first (two columns fewer to read)."""

    mentee: str
    mentor: str
    score: float


class _EdgeWithPrefs(msgspec.Struct, array_like=True, forbid_unknown_fields=True, gc=False):
    """[mentee, mentor, score] or [..., mentee_pref, mentor_pref]."""

    mentee: str
    mentor: str
    score: float
    # JSON has no NaN (msgspec refuses the literal), so NaN here means "not given".
    mentee_pref: float = math.nan
    mentor_pref: float = math.nan


class _Document(msgspec.Struct, gc=False):
    mentees: list[_Person]
    mentors: list[_Person]
    edges: list[_Edge]


class _DocumentWithPrefs(msgspec.Struct, gc=False):
    mentees: list[_Person]
    mentors: list[_Person]
    edges: list[_EdgeWithPrefs]


_DECODERS = (msgspec.json.Decoder(_Document), msgspec.json.Decoder(_DocumentWithPrefs))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hundreds of thousands of new objects, none in a cycle: the cycle collector only costs."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _assemble(mentees: People, mentors: People, edges: Edges, order: IntArray) -> Instance:
    return Instance(
        mentee_ids=mentees.ids,
        mentor_ids=mentors.ids,
        mentee_capacity=mentees.capacity,
        mentor_capacity=mentors.capacity,
        edge_mentee=edges.mentee[order],
        edge_mentor=edges.mentor[order],
        score=edges.score[order],
        mentee_pref=edges.mentee_pref[order],
        mentor_pref=edges.mentor_pref[order],
    )


def _typed_people(people: list[_Person], side: str) -> People | None:
    ids = list(map(attrgetter("id"), people))
    try:
        capacity = np.fromiter(map(attrgetter("capacity"), people), np.int64, len(people))
    except OverflowError:
        return None
    return people_checked(ids, capacity, side)


def _floats(edges: list[Any], field: str) -> FloatArray:
    return np.fromiter(map(attrgetter(field), edges), dtype=np.float64, count=len(edges))


def _ids(edges: list[Any], field: str, people: People) -> IntArray:
    """Each edge's person index, -1 when unknown (a dict lookup looped in C)."""
    found = map(people.index.get, map(attrgetter(field), edges), repeat(-1))
    return np.fromiter(found, dtype=np.int64, count=len(edges))


def _from_document(document: _Document | _DocumentWithPrefs) -> Instance | None:
    """The instance from a well-typed document, or None when only the careful reading can tell.

    Every type is right, so the first problem is the first value problem: the mentees', then
    the mentors', then the edges'.
    """
    mentees = _typed_people(document.mentees, "mentees")
    mentors = None if mentees is None else _typed_people(document.mentors, "mentors")
    if mentees is None or mentors is None:
        return None
    raw: list[Any] = document.edges
    score = mentee_pref = mentor_pref = _floats(raw, "score")
    if isinstance(document, _DocumentWithPrefs):
        mentee_pref, mentor_pref = _floats(raw, "mentee_pref"), _floats(raw, "mentor_pref")
        given = ~np.isnan(mentee_pref)
        if (given != ~np.isnan(mentor_pref)).any():
            return None  # a four-element edge
        mentee_pref = np.where(given, mentee_pref, score)
        mentor_pref = np.where(given, mentor_pref, score)
    edges = Edges(
        mentee=_ids(raw, "mentee", mentees),
        mentor=_ids(raw, "mentor", mentors),
        score=score,
        mentee_pref=mentee_pref,
        mentor_pref=mentor_pref,
    )
    problem, order, _ = edges_problem(
        edges, len(mentors.ids), lambda i: (raw[i].mentee, raw[i].mentor)
    )
    if problem:
        raise InstanceError(problem)
    return _assemble(mentees, mentors, edges, order)


def instance_from_data(data: Any) -> Instance:
    """Build and check an instance from parsed JSON (the CLI's INSTANCE format)."""
    if not isinstance(data, Mapping):
        raise InstanceError('the instance must be a JSON object with "mentees", "mentors", "edges"')
    for key in ("mentees", "mentors", "edges"):
        if key not in data:
            raise InstanceError(f'the instance has no "{key}"')
    with _collector_paused():
        mentees = people_from_data(data["mentees"], "mentees")
        mentors = people_from_data(data["mentors"], "mentors")
        edges, order = edges_from_data(data["edges"], mentees, mentors)
    for people in (mentees, mentors):
        if people.too_large:
            raise InstanceError(people.too_large)
    return _assemble(mentees, mentors, edges, order)


def instance_from_json(text: str | bytes) -> Instance:
    """Parse and check the CLI's INSTANCE.json text."""
    with _collector_paused():
        for decoder in _DECODERS:
            try:
                document = decoder.decode(text)
            except msgspec.DecodeError:  # malformed, or a type msgspec refuses
                continue
            instance = _from_document(document)
            if instance is not None:
                return instance
            break
        # Read it carefully: the same first problem, in the same words, as always.
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InstanceError(f"not valid JSON: {error.msg} at line {error.lineno}") from error
        return instance_from_data(data)
