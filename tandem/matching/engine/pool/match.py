"""`pool_match`: the entry point. Checks the input, sets locked and forbidden pairs apart,
solves the rest component by component (exactly, or by the heuristic past `exact_limit`)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from tandem.matching.engine.instance import FloatArray, InstanceError, IntArray
from tandem.matching.engine.pool.exact import exact_components
from tandem.matching.engine.pool.graph import (
    BoolArray,
    Graph,
    checked_graph,
    pair_lookup,
    subgraph,
)
from tandem.matching.engine.pool.heuristic import heuristic

DEFAULT_EXACT_LIMIT = 5_000  # solver nodes (people's places plus gadget nodes) per component
BOUND_TOLERANCE = 1e-9  # relative: a total this close to the bound counts as proven optimal


@dataclass(frozen=True)
class PoolResult:
    """The chosen pairs and how good they are known to be."""

    pairs: IntArray  # (m, 2) person indices, i < j, sorted
    scores: FloatArray  # score of each chosen pair
    total: float
    exact: bool  # True when the total is proven optimal
    upper_bound: float  # no matching scores more (== total when exact)
    gap_percent: float  # 100 · (upper_bound − total) / upper_bound; 0 when exact
    seconds: float


def _solve(graph: Graph, exact_limit: int, biggest: float) -> tuple[BoolArray, float, bool]:
    """(chosen pairs, upper bound, proven optimal), component by component.

    Components small enough are solved exactly, several to a call; bigger ones get the
    heuristic and its bound.
    """
    m = graph.lo.shape[0]
    if m == 0:
        return np.zeros(m, dtype=bool), 0.0, True
    chosen, label, small = exact_components(graph, exact_limit, biggest)
    bound, proven = float(graph.score[chosen].sum()), True
    for component in np.unique(label[~small[label]]).tolist():
        keep = label == component
        part = subgraph(graph, keep)
        picked, part_bound = heuristic(part, exact_limit, biggest)
        bound += part_bound
        proven &= float(part.score[picked].sum()) >= part_bound * (1 - BOUND_TOLERANCE)
        chosen[keep] = picked
    return chosen, bound, proven


def pool_match(
    n: int,
    i: IntArray,
    j: IntArray,
    score: FloatArray,
    *,
    capacity: IntArray | None = None,
    locked: Iterable[tuple[int, int]] = (),
    forbidden: Iterable[tuple[int, int]] = (),
    exact_limit: int = DEFAULT_EXACT_LIMIT,
) -> PoolResult:
    """Match people 0..n-1 among themselves over the possible pairs (i[e], j[e]) scoring score[e].

    Each person is in at most `capacity[p]` pairs (1 when not given), no pair twice. Locked
    pairs are always in the result (they must be possible pairs and fit the capacities);
    forbidden pairs never are (a forbidden pair that is no possible pair is simply ignored,
    so a program can pass every past pair). Pairs scoring 0 or less add nothing and are left
    out unless locked. `exact_limit` is the largest component, in solver nodes, solved
    exactly; bigger ones get the heuristic with its bound.
    """
    started = time.perf_counter()
    graph = checked_graph(n, i, j, score, capacity)
    locked_edges = pair_lookup(graph, locked, "locked", must_exist=True)
    forbidden_edges = pair_lookup(graph, forbidden, "forbidden", must_exist=False)
    if np.intersect1d(locked_edges, forbidden_edges).size:
        raise InstanceError("a pair cannot be both locked and forbidden")
    room = graph.capacity - (
        np.bincount(graph.lo[locked_edges], minlength=graph.n)
        + np.bincount(graph.hi[locked_edges], minlength=graph.n)
    )
    over = np.flatnonzero(room < 0)
    if over.size:
        p = int(over[0])
        raise InstanceError(
            f"the locked pairs give person {p} {graph.capacity[p] - room[p]} pairs, "
            f"more than their capacity {graph.capacity[p]}"
        )
    free = (graph.score > 0) & (room[graph.lo] > 0) & (room[graph.hi] > 0)
    free[locked_edges] = False
    free[forbidden_edges] = False
    biggest = float(graph.score[free].max()) if free.any() else 1.0
    picked, bound, proven = _solve(subgraph(graph, free, room), exact_limit, biggest)
    chosen = np.zeros(graph.lo.shape[0], dtype=bool)
    chosen[np.flatnonzero(free)[picked]] = True
    chosen[locked_edges] = True
    scores = graph.score[chosen]
    total = float(scores.sum())
    upper = total if proven else bound + float(graph.score[locked_edges].sum())
    upper = max(upper, total)
    return PoolResult(
        pairs=np.column_stack([graph.lo[chosen], graph.hi[chosen]]).astype(np.int64),
        scores=scores,
        total=total,
        exact=proven,
        upper_bound=upper,
        gap_percent=100.0 * (upper - total) / upper if upper > 0 and not proven else 0.0,
        seconds=time.perf_counter() - started,
    )
