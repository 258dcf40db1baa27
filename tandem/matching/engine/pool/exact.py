"""The exact solve: Edmonds' blossom algorithm, with capacities by copies and a gadget,
component by component.

* Edmonds' blossom algorithm (`rustworkx.max_weight_matching`, in Rust) on integer weights,
  scores scaled so the largest is 2**40 (the optimum over the integers is the optimum over
  the scores to about 1e-12, as in `flow.py`). Connected components are solved apart, small
  ones batched together, because the algorithm's cost grows faster than the graph.
* Capacity above 1, exactly: person p becomes `min(capacity, degree)` copies. A pair where
  one side has a single copy is an edge to each copy of the other; a pair where both sides
  have several copies becomes the gadget u-copies – a – b – v-copies, every edge weighing the
  pair's score w: a matching either takes a–b (w, pair unused) or a and b each to a copy
  (2w, pair used once), so the pair adds exactly w and can never be used twice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import rustworkx as rx

from tandem.matching.engine.instance import FloatArray, IntArray
from tandem.matching.engine.pool.graph import (
    BoolArray,
    Graph,
    components,
    greedy_fill,
    subgraph,
)

BATCH_NODES = 1_000  # small components solved together, up to this many solver nodes a call
SCALE_TO = 2**40  # the largest score becomes this integer weight


def _weights(score: FloatArray, biggest: float) -> list[int]:
    """Scores as positive integers, the largest near SCALE_TO."""
    return [int(w) for w in np.maximum(np.rint(score * (SCALE_TO / biggest)), 1).tolist()]


@dataclass(frozen=True)
class _Reduction:
    """The solver graph of a b-matching: place copies, and gadgets where both sides have many."""

    nodes: int
    tails: IntArray
    heads: IntArray
    edge: IntArray  # which pair each solver edge belongs to
    direct: BoolArray  # solver edges that mean "this pair is used" when matched
    gadget_a: IntArray  # per gadget pair: its a and b nodes, and the pair
    gadget_b: IntArray
    gadget_edge: IntArray


def _copies(capacity: IntArray, lo: IntArray, hi: IntArray, n: int) -> tuple[IntArray, IntArray]:
    """(places each person needs, index of their first copy): capacity capped at degree."""
    degree = np.bincount(lo, minlength=n) + np.bincount(hi, minlength=n)
    places = np.minimum(capacity, degree)
    first = np.concatenate([[0], np.cumsum(places)[:-1]]).astype(np.int64)
    return places.astype(np.int64), first


def _reduction(graph: Graph) -> _Reduction:
    places, first = _copies(graph.capacity, graph.lo, graph.hi, graph.n)
    copies_lo, copies_hi = places[graph.lo], places[graph.hi]
    both = (copies_lo >= 2) & (copies_hi >= 2)
    plain = np.flatnonzero(~both)
    # A plain pair links each copy of one side to the single copy of the other.
    fan = np.maximum(copies_lo[plain], copies_hi[plain])
    edge = np.repeat(plain, fan)
    k = np.arange(edge.size) - np.repeat(np.cumsum(fan) - fan, fan)
    one_lo = copies_lo[edge] == 1
    tails = first[graph.lo[edge]] + np.where(one_lo, 0, k)
    heads = first[graph.hi[edge]] + np.where(one_lo, k, 0)
    # Gadgets: u-copies – a – b – v-copies.
    gadget = np.flatnonzero(both)
    base = int(places.sum())
    a_nodes = base + 2 * np.arange(gadget.size, dtype=np.int64)
    b_nodes = a_nodes + 1
    parts_t, parts_h, parts_e = [tails, a_nodes], [heads, b_nodes], [edge, gadget]
    for side, node in ((graph.lo, a_nodes), (graph.hi, b_nodes)):
        count = places[side[gadget]]
        which = np.repeat(np.arange(gadget.size), count)
        k = np.arange(which.size) - np.repeat(np.cumsum(count) - count, count)
        parts_t.append(first[side[gadget[which]]] + k)
        parts_h.append(node[which])
        parts_e.append(gadget[which])
    direct = np.zeros(sum(p.size for p in parts_e), dtype=bool)
    direct[: edge.size] = True
    return _Reduction(
        nodes=base + 2 * gadget.size,
        tails=np.concatenate(parts_t),
        heads=np.concatenate(parts_h),
        edge=np.concatenate(parts_e),
        direct=direct,
        gadget_a=a_nodes,
        gadget_b=b_nodes,
        gadget_edge=gadget,
    )


def blossom(graph: Graph, biggest: float) -> BoolArray:
    """Which pairs a maximum-score b-matching uses (exact; see the module docstring)."""
    chosen = np.zeros(graph.lo.shape[0], dtype=bool)
    if not chosen.size:
        return chosen
    red = _reduction(graph)
    weights = _weights(graph.score[red.edge], biggest)
    solver = rx.PyGraph(multigraph=False)
    solver.add_nodes_from(range(red.nodes))
    solver.add_edges_from(list(zip(red.tails.tolist(), red.heads.tolist(), weights, strict=True)))
    mate = np.full(red.nodes, -1, dtype=np.int64)
    for u, v in rx.max_weight_matching(solver, weight_fn=int):
        mate[u], mate[v] = v, u
    used = red.direct & (mate[red.tails] == red.heads)
    chosen[red.edge[used]] = True
    a, b = red.gadget_a, red.gadget_b
    chosen[red.gadget_edge[(mate[a] >= 0) & (mate[b] >= 0) & (mate[a] != b)]] = True
    return chosen


# --- component by component -------------------------------------------------------------------


def component_sizes(graph: Graph) -> tuple[IntArray, IntArray]:
    """(component of each person, solver nodes of each component)."""
    person_label = components(graph)
    places, _ = _copies(graph.capacity, graph.lo, graph.hi, graph.n)
    both = (places[graph.lo] >= 2) & (places[graph.hi] >= 2)
    n_labels = int(person_label.max(initial=-1)) + 1
    size = np.bincount(person_label, weights=places, minlength=n_labels)
    size += 2 * np.bincount(person_label[graph.lo], weights=both, minlength=n_labels)
    return person_label, size.astype(np.int64)


def _batches(size: IntArray, cap: int) -> IntArray:
    """Batch number of each component, so that a batch holds about `cap` solver nodes."""
    before = np.cumsum(size) - size
    return (before // max(cap, 1)).astype(np.int64)


def exact_components(
    graph: Graph, exact_limit: int, biggest: float
) -> tuple[BoolArray, IntArray, BoolArray]:
    """(chosen pairs, component of each pair, which components are small enough).

    The components of at most `exact_limit` solver nodes are solved exactly, several to a
    call; the pairs of bigger ones are left unchosen for the caller.
    """
    person_label, size = component_sizes(graph)
    label = person_label[graph.lo]
    small = size <= exact_limit
    batch = np.where(small, _batches(np.where(small, size, 0), BATCH_NODES), -1)
    edge_batch = batch[label]
    chosen = np.zeros(graph.lo.shape[0], dtype=bool)
    for number in np.unique(edge_batch[edge_batch >= 0]).tolist():
        keep = edge_batch == number
        chosen[keep] = blossom(subgraph(graph, keep), biggest)
    return chosen, label, small


def exact_or_greedy(graph: Graph, exact_limit: int, biggest: float) -> BoolArray:
    """Small components solved exactly, bigger ones filled greedily."""
    if graph.lo.shape[0] == 0:
        return np.zeros(0, dtype=bool)
    chosen, label, small = exact_components(graph, exact_limit, biggest)
    for component in np.unique(label[~small[label]]).tolist():
        keep = label == component
        part = subgraph(graph, keep)
        chosen[keep] = greedy_fill(part, np.zeros(part.lo.shape[0], dtype=bool))
    return chosen
