"""The pool as a graph: pairs as parallel arrays, the input checks, and small operations on it
(sub-graphs, connected components, places used, a greedy fill)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import rustworkx as rx

from tandem.matching.engine.instance import FloatArray, InstanceError, IntArray

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Graph:
    """Pairs as parallel arrays with lo < hi, sorted by (lo, hi), and each person's places."""

    n: int
    lo: IntArray
    hi: IntArray
    score: FloatArray
    capacity: IntArray

    def keys(self) -> IntArray:
        return self.lo * max(self.n, 1) + self.hi


# --- checking the input ---------------------------------------------------------------------


def _as_int_array(values: Any, what: str) -> IntArray:
    array = np.asarray(values)
    if array.ndim != 1:
        raise InstanceError(f"{what} must be a one-dimensional array")
    whole = np.issubdtype(array.dtype, np.integer) or (
        np.issubdtype(array.dtype, np.floating) and bool((array == np.round(array)).all())
    )
    if array.size and not whole:
        raise InstanceError(f"{what} must hold whole numbers")
    return array.astype(np.int64)


def checked_graph(n: int, i: Any, j: Any, score: Any, capacity: Any | None) -> Graph:
    """The pairs normalised (lo < hi) and sorted, the capacities checked."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
        raise InstanceError(f"the number of people must be a whole number ≥ 0, got {n!r}")
    n = int(n)
    a, b = _as_int_array(i, "i"), _as_int_array(j, "j")
    values = np.asarray(score, dtype=np.float64)
    if not (a.shape == b.shape == values.shape):
        raise InstanceError("i, j and score must have the same length")
    outside = np.flatnonzero((a < 0) | (a >= n) | (b < 0) | (b >= n))
    if outside.size:
        e = int(outside[0])
        raise InstanceError(f"edge {e} names an unknown person ({a[e]}, {b[e]}; n = {n})")
    selfish = np.flatnonzero(a == b)
    if selfish.size:
        e = int(selfish[0])
        raise InstanceError(f"edge {e} pairs person {a[e]} with themselves")
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        raise InstanceError(f"the score of edge {int(bad[0])} must be a finite number")
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((hi, lo))
    keys = lo[order] * max(n, 1) + hi[order]
    repeats = np.flatnonzero(keys[1:] == keys[:-1])
    if repeats.size:
        e = int(order[repeats[0] + 1])
        raise InstanceError(f"edge {e} repeats the pair {lo[e]}–{hi[e]}")
    if capacity is None:
        places = np.ones(n, dtype=np.int64)
    else:
        places = _as_int_array(capacity, "capacity")
        if places.shape[0] != n:
            raise InstanceError(f"capacity has {places.shape[0]} entries for {n} people")
        negative = np.flatnonzero(places < 0)
        if negative.size:
            p = int(negative[0])
            raise InstanceError(f"the capacity of person {p} is negative ({places[p]})")
    return Graph(n, lo[order], hi[order], values[order], places)


def pair_lookup(
    graph: Graph, pairs: Iterable[tuple[int, int]], what: str, *, must_exist: bool
) -> IntArray:
    """Edge indices of (person, person) pairs, in either order; unknown people are an error."""
    found: list[int] = []
    keys = graph.keys()
    for pair in dict.fromkeys(tuple(int(p) for p in pair) for pair in pairs):
        if len(pair) != 2:
            raise InstanceError(f"a {what} pair must be two people, got {pair!r}")
        u, v = pair
        if not (0 <= u < graph.n and 0 <= v < graph.n):
            raise InstanceError(f"the {what} pair {u}–{v} names an unknown person")
        if u == v:
            raise InstanceError(f"the {what} pair {u}–{v} pairs a person with themselves")
        key = min(u, v) * max(graph.n, 1) + max(u, v)
        at = int(np.searchsorted(keys, key))
        if at < keys.shape[0] and keys[at] == key:
            found.append(at)
        elif must_exist:
            raise InstanceError(f"the {what} pair {u}–{v} is not a possible pair")
    return np.array(sorted(set(found)), dtype=np.int64)


# --- operations on the graph ----------------------------------------------------------------


def subgraph(graph: Graph, keep: BoolArray, capacity: IntArray | None = None) -> Graph:
    return Graph(
        graph.n,
        graph.lo[keep],
        graph.hi[keep],
        graph.score[keep],
        graph.capacity if capacity is None else capacity,
    )


def components(graph: Graph) -> IntArray:
    """Component label of each person (people without pairs get labels of their own)."""
    people = rx.PyGraph(multigraph=False)
    people.add_nodes_from(range(graph.n))
    people.add_edges_from_no_data(list(zip(graph.lo.tolist(), graph.hi.tolist(), strict=True)))
    label = np.zeros(graph.n, dtype=np.int64)
    for number, members in enumerate(rx.connected_components(people)):
        label[list(members)] = number
    return label


def places_used(graph: Graph, chosen: BoolArray) -> IntArray:
    return np.bincount(graph.lo[chosen], minlength=graph.n) + np.bincount(
        graph.hi[chosen], minlength=graph.n
    )


def greedy_fill(graph: Graph, chosen: BoolArray) -> BoolArray:
    """Add pairs best first while both people have room (never a chosen pair again)."""
    room = graph.capacity.copy()
    np.subtract.at(room, graph.lo[chosen], 1)
    np.subtract.at(room, graph.hi[chosen], 1)
    out = chosen.copy()
    candidates = np.flatnonzero(~chosen & (room[graph.lo] > 0) & (room[graph.hi] > 0))
    order = candidates[np.argsort(-graph.score[candidates], kind="stable")]
    pairs = zip(order.tolist(), graph.lo[order].tolist(), graph.hi[order].tolist(), strict=True)
    for e, u, v in pairs:
        if room[u] > 0 and room[v] > 0:
            room[u] -= 1
            room[v] -= 1
            out[e] = True
    return out
