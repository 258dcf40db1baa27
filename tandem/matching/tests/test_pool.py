"""Pool matching (one pool matched to itself): optimality against networkx and brute force,
capacities, locked and forbidden pairs, the heuristic's bound, and the input checks.

Everything here is pure: no database, no Django. Scores are multiples of 0.001 so that the
solver's integer scaling cannot change which matching is best by more than rounding.
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from tandem.matching.engine import InstanceError, PoolResult, pool_match, pool_quality

Edges = tuple[np.ndarray, np.ndarray, np.ndarray]


def random_edges(rng: np.random.Generator, n: int, density: float) -> Edges:
    """Random pairs of 0..n-1 (each with probability `density`), scores 0.001–100 in 0.001s."""
    pairs = [(a, b) for a, b in itertools.combinations(range(n), 2) if rng.random() < density]
    i = np.array([a for a, _ in pairs], dtype=np.int64)
    j = np.array([b for _, b in pairs], dtype=np.int64)
    # Swap some ends, so inputs are not always i < j.
    swap = rng.random(i.size) < 0.5
    i, j = np.where(swap, j, i), np.where(swap, i, j)
    score = rng.integers(1, 100_001, size=i.size) / 1000
    if i.size and rng.random() < 0.3:  # ties
        score = np.round(score, -1) + 1.0
    return i, j, score


def networkx_best(i: np.ndarray, j: np.ndarray, score: np.ndarray) -> float:
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(i.tolist(), j.tolist(), score.tolist(), strict=True))
    return float(sum(graph[u][v]["weight"] for u, v in nx.max_weight_matching(graph)))


def brute_best(n: int, i: np.ndarray, j: np.ndarray, score: np.ndarray, cap: np.ndarray) -> float:
    """The best b-matching by trying every set of pairs (with pruning on capacity)."""
    edges = list(zip(i.tolist(), j.tolist(), score.tolist(), strict=True))
    room = cap.tolist()
    best = 0.0

    def walk(at: int, total: float) -> None:
        nonlocal best
        if at == len(edges):
            best = max(best, total)
            return
        a, b, s = edges[at]
        walk(at + 1, total)
        if room[a] and room[b] and s > 0:
            room[a] -= 1
            room[b] -= 1
            walk(at + 1, total + s)
            room[a] += 1
            room[b] += 1

    walk(0, 0.0)
    return best


def assert_valid(
    result: PoolResult,
    n: int,
    edges: Edges,
    cap: np.ndarray | None = None,
    forbidden: tuple[tuple[int, int], ...] = (),
) -> None:
    """Pairs are possible pairs, i < j, sorted, none twice, none forbidden, capacities held."""
    i, j, score = edges
    known = {
        (min(a, b), max(a, b)): s
        for a, b, s in zip(i.tolist(), j.tolist(), score.tolist(), strict=True)
    }
    pairs = [tuple(p) for p in result.pairs.tolist()]
    assert all(a < b for a, b in pairs)
    assert pairs == sorted(set(pairs))
    assert all(p in known for p in pairs)
    assert not {(min(a, b), max(a, b)) for a, b in forbidden} & set(pairs)
    assert result.scores.tolist() == [known[p] for p in pairs]
    assert result.total == pytest.approx(sum(known[p] for p in pairs), abs=1e-9)
    used = np.bincount(result.pairs.ravel(), minlength=n)
    limit = np.ones(n, dtype=np.int64) if cap is None else cap
    assert (used <= limit).all()
    assert result.upper_bound >= result.total - 1e-9
    if result.exact:
        assert result.upper_bound == result.total
        assert result.gap_percent == 0.0


# --- optimality -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(10))
def test_capacity_one_equals_networkx(seed):
    """200 small random pools: the total is networkx's maximum-weight matching total."""
    rng = np.random.default_rng(seed)
    for _ in range(20):
        n = int(rng.integers(1, 13))
        edges = random_edges(rng, n, float(rng.uniform(0.2, 0.9)))
        result = pool_match(n, *edges)
        assert_valid(result, n, edges)
        assert result.exact
        assert result.total == pytest.approx(networkx_best(*edges), abs=1e-6)


@pytest.mark.parametrize("seed", range(6))
def test_capacities_one_to_three_equal_brute_force(seed):
    """Capacities 1–3 (the copies and the pair gadget): the brute-force optimum, no pair twice."""
    rng = np.random.default_rng(100 + seed)
    for _ in range(10):
        n = int(rng.integers(2, 8))
        edges = random_edges(rng, n, 0.5)
        while edges[0].size > 12:
            edges = random_edges(rng, n, 0.4)
        cap = rng.integers(1, 4, size=n).astype(np.int64)
        result = pool_match(n, *edges, capacity=cap)
        assert_valid(result, n, edges, cap)
        assert result.exact
        assert result.total == pytest.approx(brute_best(n, *edges, cap), abs=1e-6)


def test_the_same_two_people_are_paired_once_whatever_their_capacity():
    result = pool_match(2, np.array([0]), np.array([1]), np.array([5.0]), capacity=np.array([3, 2]))
    assert result.pairs.tolist() == [[0, 1]]
    assert result.total == 5.0


def test_capacity_zero_and_non_positive_scores_leave_people_out():
    i, j = np.array([0, 1, 2, 3]), np.array([1, 2, 3, 0])
    score = np.array([4.0, 0.0, -2.0, 3.0])
    result = pool_match(4, i, j, score, capacity=np.array([1, 1, 1, 0]))
    assert result.pairs.tolist() == [[0, 1]]
    assert result.exact


def test_components_are_solved_apart_and_together_the_same():
    """Many small components (batched) and one bigger one give the networkx optimum."""
    rng = np.random.default_rng(7)
    parts = [random_edges(rng, 10, 0.6) for _ in range(30)]
    i = np.concatenate([p[0] + 10 * k for k, p in enumerate(parts)])
    j = np.concatenate([p[1] + 10 * k for k, p in enumerate(parts)])
    score = np.concatenate([p[2] for p in parts])
    result = pool_match(300, i, j, score)
    assert_valid(result, 300, (i, j, score))
    assert result.total == pytest.approx(networkx_best(i, j, score), abs=1e-6)


# --- locked and forbidden pairs -----------------------------------------------------------------


def test_locked_pairs_are_always_in_and_forbidden_never():
    rng = np.random.default_rng(11)
    for _ in range(40):
        n = int(rng.integers(4, 11))
        edges = random_edges(rng, n, 0.7)
        i, j, score = edges
        if i.size < 3:
            continue
        picks = rng.choice(i.size, size=3, replace=False).tolist()
        lock = (int(j[picks[0]]), int(i[picks[0]]))  # either order is accepted
        forbid = ((int(i[picks[1]]), int(j[picks[1]])), (int(i[picks[2]]), int(j[picks[2]])))
        cap = np.full(n, 2, dtype=np.int64)
        result = pool_match(n, *edges, capacity=cap, locked=[lock], forbidden=forbid)
        assert_valid(result, n, edges, cap, forbid)
        assert [min(lock), max(lock)] in result.pairs.tolist()
        # The best among matchings holding the lock and avoiding the forbidden pairs.
        keep = np.ones(i.size, dtype=bool)
        keep[picks] = False
        room = cap.copy()
        room[list(lock)] -= 1
        rest = brute_best(n, i[keep], j[keep], score[keep], room) if keep.sum() <= 14 else None
        if rest is not None:
            assert result.total == pytest.approx(rest + score[picks[0]], abs=1e-6)


def test_a_forbidden_pair_that_is_not_a_possible_pair_is_ignored():
    result = pool_match(3, np.array([0]), np.array([1]), np.array([1.0]), forbidden=[(1, 2)])
    assert result.pairs.tolist() == [[0, 1]]


# --- the heuristic and its bound ------------------------------------------------------------


def test_heuristic_reports_the_bound_and_the_gap_on_an_odd_cycle():
    """A triangle: the relaxation takes half of each pair (1.5), a matching only one (1)."""
    i, j, score = np.array([0, 1, 2]), np.array([1, 2, 0]), np.array([1.0, 1.0, 1.0])
    result = pool_match(3, i, j, score, exact_limit=0)
    assert not result.exact
    assert result.total == 1.0
    assert result.upper_bound == pytest.approx(1.5)
    assert result.gap_percent == pytest.approx(100 / 3)


@pytest.mark.parametrize("exact_limit", [0, 3, 8])
def test_heuristic_is_valid_and_bounded_on_random_pools(exact_limit):
    rng = np.random.default_rng(31 + exact_limit)
    inexact = 0
    for _ in range(60):
        n = int(rng.integers(3, 13))
        edges = random_edges(rng, n, float(rng.uniform(0.3, 0.9)))
        result = pool_match(n, *edges, exact_limit=exact_limit)
        assert_valid(result, n, edges)
        best = networkx_best(*edges)
        assert result.upper_bound >= best - 1e-6
        assert best >= result.total - 1e-6
        if result.exact:
            assert result.total == pytest.approx(best, abs=1e-6)
        inexact += not result.exact
    assert inexact  # the forced heuristic did run somewhere without reaching its bound


def test_heuristic_with_capacities_is_valid_and_bounded():
    rng = np.random.default_rng(57)
    for _ in range(40):
        n = int(rng.integers(3, 8))
        edges = random_edges(rng, n, 0.5)
        while edges[0].size > 12:
            edges = random_edges(rng, n, 0.4)
        cap = rng.integers(0, 4, size=n).astype(np.int64)
        result = pool_match(n, *edges, capacity=cap, exact_limit=2)
        assert_valid(result, n, edges, cap)
        best = brute_best(n, *edges, cap)
        assert result.upper_bound >= best - 1e-6
        assert best >= result.total - 1e-6


def test_heuristic_on_a_clustered_pool_is_close_to_the_optimum():
    """400 people, each with their 10 best by cosine: the heuristic path (limit 250) against
    the exact one; the region around the relaxation's odd cycles is re-solved exactly."""
    rng = np.random.default_rng(2026)
    vectors = rng.normal(size=(4, 8))[rng.integers(0, 4, size=400)] + rng.normal(size=(400, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    top = np.argpartition(-sims, 10, axis=1)[:, :10]
    a, b = np.repeat(np.arange(400), 10), top.ravel()
    keys = np.unique(np.minimum(a, b) * 400 + np.maximum(a, b))
    i, j = keys // 400, keys % 400
    score = np.round(50 * (1 + sims[i, j]), 3)
    exact = pool_match(400, i, j, score)
    quick = pool_match(400, i, j, score, exact_limit=250)
    assert exact.exact
    assert_valid(quick, 400, (i, j, score))
    assert quick.upper_bound >= exact.total - 1e-6
    assert quick.total >= 0.998 * exact.total  # measured: 0.9995


# --- input checks ------------------------------------------------------------------------------


def one_pair(**kwargs):
    return pool_match(3, np.array([0, 1]), np.array([1, 2]), np.array([1.0, 2.0]), **kwargs)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: pool_match(2, np.array([1]), np.array([1]), np.array([1.0])), "themselves"),
        (lambda: pool_match(2, np.array([0]), np.array([2]), np.array([1.0])), "unknown person"),
        (lambda: pool_match(2, np.array([-1]), np.array([0]), np.array([1.0])), "unknown person"),
        (
            lambda: pool_match(3, np.array([0, 1]), np.array([1, 0]), np.array([1.0, 2.0])),
            "repeats the pair 0–1",
        ),
        (
            lambda: pool_match(2, np.array([0]), np.array([1]), np.array([np.nan])),
            "finite number",
        ),
        (lambda: pool_match(2, np.array([0]), np.array([1]), np.array([1.0, 2.0])), "same length"),
        (lambda: one_pair(capacity=np.array([1, -1, 1])), "capacity of person 1 is negative"),
        (lambda: one_pair(capacity=np.array([1, 1])), "capacity has 2 entries for 3 people"),
        (lambda: one_pair(locked=[(2, 2)]), "with themselves"),
        (lambda: one_pair(locked=[(0, 5)]), "unknown person"),
        (lambda: one_pair(forbidden=[(0, 7)]), "unknown person"),
        (lambda: one_pair(locked=[(0, 2)]), "not a possible pair"),
        (lambda: one_pair(locked=[(0, 1)], forbidden=[(1, 0)]), "both locked and forbidden"),
        (
            lambda: one_pair(locked=[(0, 1), (1, 2)]),
            "give person 1 2 pairs, more than their capacity 1",
        ),
        (lambda: pool_match(-1, np.array([]), np.array([]), np.array([])), "number of people"),
    ],
)
def test_bad_input_is_refused_with_one_clear_line(call, message):
    with pytest.raises(InstanceError, match=message) as caught:
        call()
    assert "\n" not in str(caught.value)


def test_empty_pool():
    result = pool_match(0, np.array([], dtype=np.int64), np.array([], dtype=np.int64), np.array([]))
    assert result.pairs.shape == (0, 2)
    assert result.total == 0.0
    assert result.exact


# --- the quality report -------------------------------------------------------------------------


def test_pool_quality_figures():
    i, j = np.array([0, 2, 1, 3]), np.array([1, 3, 2, 4])
    score = np.array([80.0, 60.0, 10.0, 5.0])
    cap = np.array([1, 1, 1, 2, 1])
    result = pool_match(5, i, j, score, capacity=cap)
    assert result.pairs.tolist() == [[0, 1], [2, 3], [3, 4]]
    quality = pool_quality(result, 5, cap)
    figures = quality.as_dict()
    assert figures["people"] == 5
    assert figures["people_matched"] == 5
    assert figures["matched_percent"] == 100.0
    assert figures["pairs"] == 3
    assert figures["mean_score"] == pytest.approx(145 / 3)
    assert figures["min_score"] == 5.0
    assert figures["unused_places"] == 0
    assert figures["exact"] is True
    assert figures["gap_percent"] == 0.0
    assert pool_quality(result, 6).unused_places == 0  # six places, six used
