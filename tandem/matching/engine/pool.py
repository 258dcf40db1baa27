"""Pool matching: one pool of people matched to itself (peer programs, coffee rounds).

A maximum-score matching on a general (not bipartite) graph: nobody is paired with
themselves, person p is in at most `capacity[p]` pairs, and no pair is made twice.

How:
* Exact: Edmonds' blossom algorithm (`rustworkx.max_weight_matching`, in Rust) on integer
  weights, scores scaled so the largest is 2**40 (the optimum over the integers is the
  optimum over the scores to about 1e-12, as in `flow.py`). Connected components are solved
  apart, small ones batched together, because the algorithm's cost grows faster than the
  graph.
* Capacity above 1, exactly: person p becomes `min(capacity, degree)` copies. A pair where
  one side has a single copy is an edge to each copy of the other; a pair where both sides
  have several copies becomes the gadget u-copies – a – b – v-copies, every edge weighing the
  pair's score w: a matching either takes a–b (w, pair unused) or a and b each to a copy
  (2w, pair used once), so the pair adds exactly w and can never be used twice.
* Past `exact_limit` solver nodes in one component, a heuristic with a bound: the bipartite
  double cover (every person on both sides, every pair both ways) solved by the min-cost flow
  of `flow.py` is the fractional-matching relaxation, so half its optimum is an upper bound.
  Its pairs used both ways are kept, except in a region around the people it left
  fractional or free (and their neighbours on a sparse graph of the relaxation's pairs plus
  each person's best few), which the blossom algorithm re-solves exactly; then greedy fills
  what is left. The result says `exact=False` unless the bound is reached, and the gap.
  The region must fit `exact_limit` too, so "best few" shrinks to fit; when not even the
  bare fractional part fits (pools far past 10,000 at the default) its components are filled
  greedily and the gap grows: at 10,000 people, 0.4 % with a limit of 2,000, 1 % with 300.

Measured on this two-core machine (bench/pool_match.py: each person's 20 best by a
clustered cosine score, about 15 pairs per person once symmetric): the exact blossom took
0.3–0.5 s at 1,000 people, 1–2.5 s at 2,000, 4–10 s at 4,000, 15 s at 6,000 and 42–82 s
at 10,000 (the spread is other jobs on the same cores), so 10,000 is too many for it. The
default `exact_limit` (5,000 solver nodes) keeps an exact solve to about 15 s at worst;
above it, at 10,000 people, the heuristic takes about 5 s and its total is 0.0067 % below
the true optimum (0.014 % below its own bound; greedy is 3.2 % below).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import rustworkx as rx

from tandem.matching.engine.flow import flow_max_score
from tandem.matching.engine.instance import FloatArray, Instance, InstanceError, IntArray

BoolArray = npt.NDArray[np.bool_]

DEFAULT_EXACT_LIMIT = 5_000  # solver nodes (people's places plus gadget nodes) per component
BATCH_NODES = 1_000  # small components solved together, up to this many solver nodes a call
SCALE_TO = 2**40  # the largest score becomes this integer weight
SPARSE_KEEP = 5  # the heuristic's sparse graph: each person's best pairs, plus the relaxation's
REGION_HOPS = 1  # how far the re-solved region reaches past the fractional part
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


@dataclass(frozen=True)
class PoolQuality:
    """What a pool run achieved, in figures a program manager can read (like `QualityReport`)."""

    people: int
    people_matched: int
    matched_percent: float
    pairs: int
    mean_score: float
    min_score: float
    p10_score: float
    unused_places: int  # places offered (sum of capacities) minus places used (2 per pair)
    seconds: float
    exact: bool
    gap_percent: float

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON."""
        return asdict(self)


@dataclass(frozen=True)
class _Graph:
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


def _checked_graph(n: int, i: Any, j: Any, score: Any, capacity: Any | None) -> _Graph:
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
    return _Graph(n, lo[order], hi[order], values[order], places)


def _pair_lookup(
    graph: _Graph, pairs: Iterable[tuple[int, int]], what: str, *, must_exist: bool
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


# --- the exact solve --------------------------------------------------------------------------


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


def _reduction(graph: _Graph) -> _Reduction:
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


def _blossom(graph: _Graph, biggest: float) -> BoolArray:
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


# --- components, the heuristic and its bound ---------------------------------------------------


def _subgraph(graph: _Graph, keep: BoolArray, capacity: IntArray | None = None) -> _Graph:
    return _Graph(
        graph.n,
        graph.lo[keep],
        graph.hi[keep],
        graph.score[keep],
        graph.capacity if capacity is None else capacity,
    )


def _components(graph: _Graph) -> IntArray:
    """Component label of each person (people without pairs get labels of their own)."""
    people = rx.PyGraph(multigraph=False)
    people.add_nodes_from(range(graph.n))
    people.add_edges_from_no_data(list(zip(graph.lo.tolist(), graph.hi.tolist(), strict=True)))
    label = np.zeros(graph.n, dtype=np.int64)
    for number, members in enumerate(rx.connected_components(people)):
        label[list(members)] = number
    return label


def _greedy_fill(graph: _Graph, chosen: BoolArray) -> BoolArray:
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


def _relaxation(graph: _Graph) -> tuple[IntArray, float]:
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


def _rank(graph: _Graph) -> IntArray:
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


def _places_used(graph: _Graph, chosen: BoolArray) -> IntArray:
    return np.bincount(graph.lo[chosen], minlength=graph.n) + np.bincount(
        graph.hi[chosen], minlength=graph.n
    )


def _region(graph: _Graph, whole: BoolArray, sparse: BoolArray) -> BoolArray:
    """People the relaxation left with room, their neighbours on `sparse`, and their partners."""
    region = _places_used(graph, whole) < graph.capacity
    for _ in range(REGION_HOPS):
        grown = region.copy()
        grown[graph.hi[sparse & region[graph.lo]]] = True
        grown[graph.lo[sparse & region[graph.hi]]] = True
        near = whole & (grown[graph.lo] | grown[graph.hi])  # keep their partners with them
        grown[graph.lo[near]] = True
        grown[graph.hi[near]] = True
        region = grown
    return region


def _heuristic(graph: _Graph, exact_limit: int, biggest: float) -> tuple[BoolArray, float]:
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
        room = graph.capacity - _places_used(graph, fixed)
        local = sparse & inside & (room[graph.lo] > 0) & (room[graph.hi] > 0)
        part = _subgraph(graph, local, room)
        if keep == 0 or _component_sizes(part)[1].max(initial=0) <= exact_limit:
            break
    chosen = fixed.copy()
    chosen[local] = _solve(part, exact_limit, biggest, heuristic=False)[0]
    return _greedy_fill(graph, chosen), bound


def _component_sizes(graph: _Graph) -> tuple[IntArray, IntArray]:
    """(component of each person, solver nodes of each component)."""
    person_label = _components(graph)
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


def _solve(
    graph: _Graph, exact_limit: int, biggest: float, *, heuristic: bool = True
) -> tuple[BoolArray, float, bool]:
    """(chosen pairs, upper bound, proven optimal), component by component.

    Components small enough are solved exactly, several to a call; bigger ones get the
    heuristic, or greedy inside the heuristic's own region.
    """
    m = graph.lo.shape[0]
    chosen = np.zeros(m, dtype=bool)
    if m == 0:
        return chosen, 0.0, True
    person_label, size = _component_sizes(graph)
    label = person_label[graph.lo]
    small = size <= exact_limit
    batch = np.where(small, _batches(np.where(small, size, 0), BATCH_NODES), -1)
    edge_batch = batch[label]
    for number in np.unique(edge_batch[edge_batch >= 0]).tolist():
        keep = edge_batch == number
        chosen[keep] = _blossom(_subgraph(graph, keep), biggest)
    bound, proven = float(graph.score[chosen].sum()), True
    for component in np.unique(label[~small[label]]).tolist():
        keep = label == component
        part = _subgraph(graph, keep)
        if heuristic:
            picked, part_bound = _heuristic(part, exact_limit, biggest)
            bound += part_bound
            proven &= float(part.score[picked].sum()) >= part_bound * (1 - BOUND_TOLERANCE)
        else:
            picked = _greedy_fill(part, np.zeros(part.lo.shape[0], dtype=bool))
            proven = False
        chosen[keep] = picked
    return chosen, bound, proven


# --- the entry points ----------------------------------------------------------------------------


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
    graph = _checked_graph(n, i, j, score, capacity)
    locked_edges = _pair_lookup(graph, locked, "locked", must_exist=True)
    forbidden_edges = _pair_lookup(graph, forbidden, "forbidden", must_exist=False)
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
    picked, bound, proven = _solve(_subgraph(graph, free, room), exact_limit, biggest)
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


def pool_quality(result: PoolResult, n: int, capacity: IntArray | None = None) -> PoolQuality:
    """Figures for a pool run over people 0..n-1 (capacity 1 each when not given)."""
    places = int(np.sum(capacity)) if capacity is not None else n
    matched = int(np.unique(result.pairs).shape[0])
    scores = result.scores
    return PoolQuality(
        people=n,
        people_matched=matched,
        matched_percent=100.0 * matched / n if n else 0.0,
        pairs=int(result.pairs.shape[0]),
        mean_score=float(scores.mean()) if scores.size else 0.0,
        min_score=float(scores.min()) if scores.size else 0.0,
        p10_score=float(np.percentile(scores, 10)) if scores.size else 0.0,
        unused_places=places - 2 * int(result.pairs.shape[0]),
        seconds=result.seconds,
        exact=result.exact,
        gap_percent=result.gap_percent,
    )
