"""Components too big for the exact solve: a heuristic with an upper bound.

The bipartite double cover (every person on both sides, every pair both ways) solved by the
min-cost flow of `flow.py` is the fractional-matching relaxation, so half its optimum is an
upper bound. Its pairs used both ways are kept, except in a region around the people it left
fractional or free (and their neighbours on a sparse graph of the relaxation's pairs plus
each person's best few), which the blossom algorithm re-solves exactly; then greedy fills
what is left. The region must fit `exact_limit` too, so "best few" shrinks to fit; when not
even the bare fractional part fits (pools far past 10,000 at the default) its components are
filled greedily and the gap grows: at 10,000 people, 0.4 % with a limit of 2,000, 1 % with
300.
"""

from __future__ import annotations

import numpy as np

from tandem.matching.engine.flow import flow_max_score
from tandem.matching.engine.instance import Instance, IntArray
from tandem.matching.engine.pool.exact import component_sizes, exact_or_greedy
from tandem.matching.engine.pool.graph import BoolArray, Graph, greedy_fill, places_used, subgraph

SPARSE_KEEP = 5  # the heuristic's sparse graph: each person's best pairs, plus the relaxation's
REGION_HOPS = 1  # how far the re-solved region reaches past the fractional part


def _relaxation(graph: Graph) -> tuple[IntArray, float]:
    """Per pair, how many of its two directions the double cover uses (0–2); half its optimum."""
    n, m = graph.n, graph.lo.shape[0]
    tails = np.concatenate([graph.lo, graph.hi])
    heads = np.concatenate([graph.hi, graph.lo])
    order = np.lexsort((heads, tails))
    scores = np.concatenate([graph.score, graph.score])[order]
    names = tuple(str(p) for p in range(n))
    cover = Instance(
        mentee_ids=names,
        mentor_ids=names,
        mentee_capacity=graph.capacity,
        mentor_capacity=graph.capacity,
        edge_mentee=tails[order],
        edge_mentor=heads[order],
        score=scores,
        mentee_pref=scores,
        mentor_pref=scores,
    )
    arcs = order[flow_max_score(cover)]
    uses = np.bincount(arcs % m, minlength=m).astype(np.int64)
    return uses, float(graph.score[arcs % m].sum()) / 2.0


def _rank(graph: Graph) -> IntArray:
    """Each pair's rank among the better of its two people's pairs by score (0 = someone's best)."""
    m = graph.lo.shape[0]
    best = np.full(m, m, dtype=np.int64)
    for side in (graph.lo, graph.hi):
        order = np.lexsort((-graph.score, side))
        first = np.searchsorted(side[order], np.arange(graph.n))
        rank = np.empty(m, dtype=np.int64)
        rank[order] = np.arange(m) - first[side[order]]
        best = np.minimum(best, rank)
    return best


def _region(graph: Graph, whole: BoolArray, sparse: BoolArray) -> BoolArray:
    """People the relaxation left with room, their neighbours on `sparse`, and their partners."""
    region = places_used(graph, whole) < graph.capacity
    for _ in range(REGION_HOPS):
        grown = region.copy()
        grown[graph.hi[sparse & region[graph.lo]]] = True
        grown[graph.lo[sparse & region[graph.hi]]] = True
        near = whole & (grown[graph.lo] | grown[graph.hi])  # keep their partners with them
        grown[graph.lo[near]] = True
        grown[graph.hi[near]] = True
        region = grown
    return region


def heuristic(graph: Graph, exact_limit: int, biggest: float) -> tuple[BoolArray, float]:
    """A good b-matching and an upper bound on the best (see the module docstring).

    The re-solved region uses each person's best `k` pairs besides the relaxation's, for the
    largest k up to SPARSE_KEEP whose region the exact solve can take in one piece.
    """
    uses, bound = _relaxation(graph)
    whole = uses == 2
    rank = _rank(graph)
    for keep in range(SPARSE_KEEP, -1, -1):
        sparse = (uses > 0) | (rank < keep)
        region = _region(graph, whole, sparse)
        inside = region[graph.lo] & region[graph.hi]
        fixed = whole & ~inside
        room = graph.capacity - places_used(graph, fixed)
        local = sparse & inside & (room[graph.lo] > 0) & (room[graph.hi] > 0)
        part = subgraph(graph, local, room)
        if keep == 0 or component_sizes(part)[1].max(initial=0) <= exact_limit:
            break
    chosen = fixed.copy()
    chosen[local] = exact_or_greedy(part, exact_limit, biggest)
    return greedy_fill(graph, chosen), bound
