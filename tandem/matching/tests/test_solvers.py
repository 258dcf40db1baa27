"""Property tests for bulk matching: optimality, stability, capacities, locked and forbidden pairs.

Everything here is pure: no database, no Django.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from tandem.matching.engine import Instance, InstanceError, instance_build, solve
from tandem.matching.engine.flow import flow_max_cardinality
from tandem.matching.engine.stability import blocking_pairs
from tandem.matching.tests.strategies import edge_list, instances

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lp_best(instance: Instance, *, pairs: int | None = None, objective: str = "score") -> float:
    """An exact optimum by linear programming: the b-matching polytope is integral."""
    n = instance.n_edges
    if n == 0:
        return 0.0
    n_a, n_x = len(instance.mentee_ids), len(instance.mentor_ids)
    rows = np.zeros((n_a + n_x, n))
    rows[instance.edge_mentee, np.arange(n)] = 1
    rows[n_a + instance.edge_mentor, np.arange(n)] = 1
    caps = np.concatenate([instance.mentee_capacity, instance.mentor_capacity])
    weights = instance.score if objective == "score" else np.ones(n)
    equality = {}
    if pairs is not None:
        equality = {"A_eq": np.ones((1, n)), "b_eq": [pairs]}
    result = linprog(-weights, A_ub=rows, b_ub=caps, bounds=(0, 1), method="highs", **equality)
    assert result.status == 0
    return float(-result.fun)


def greedy_total(instance: Instance) -> float:
    """Take pairs best-score-first while both sides have room."""
    room_a = instance.mentee_capacity.copy()
    room_x = instance.mentor_capacity.copy()
    total = 0.0
    for a, x, s, _, _ in sorted(edge_list(instance), key=lambda e: -e[2]):
        if room_a[a] and room_x[x]:
            room_a[a] -= 1
            room_x[x] -= 1
            total += s
    return total


def brute_blocking_pairs(instance: Instance, chosen: np.ndarray) -> int:
    """Blocking pairs counted the slow, obvious way, to check the vectorized checker."""
    edges = edge_list(instance)
    picked = set(chosen.tolist())

    def key_a(e):  # a mentee's liking for an edge: higher pref, then lower mentor index
        return (e[3], -e[1])

    def key_x(e):
        return (e[4], -e[0])

    count = 0
    for i, e in enumerate(edges):
        if i in picked:
            continue
        mine_a = [edges[j] for j in picked if edges[j][0] == e[0]]
        mine_x = [edges[j] for j in picked if edges[j][1] == e[1]]
        a_wants = len(mine_a) < instance.mentee_capacity[e[0]] or any(
            key_a(e) > key_a(m) for m in mine_a
        )
        x_wants = len(mine_x) < instance.mentor_capacity[e[1]] or any(
            key_x(e) > key_x(m) for m in mine_x
        )
        count += a_wants and x_wants
    return count


def assert_within_capacities(instance: Instance, chosen: np.ndarray) -> None:
    per_mentee = np.bincount(instance.edge_mentee[chosen], minlength=len(instance.mentee_ids))
    per_mentor = np.bincount(instance.edge_mentor[chosen], minlength=len(instance.mentor_ids))
    assert (per_mentee <= instance.mentee_capacity).all()
    assert (per_mentor <= instance.mentor_capacity).all()
    assert len(set(chosen.tolist())) == len(chosen)


class TestOptimal:
    @PROPERTY
    @given(instances())
    def test_total_equals_an_exact_solver(self, instance):
        result = solve(instance, mode="optimal")
        assert result.total_score == pytest.approx(lp_best(instance), rel=1e-9, abs=1e-9)
        assert_within_capacities(instance, result.edges)

    @PROPERTY
    @given(instances())
    def test_never_below_greedy(self, instance):
        assert solve(instance, mode="optimal").total_score >= greedy_total(instance) - 1e-9


class TestMaxMatched:
    @PROPERTY
    @given(instances())
    def test_matches_as_many_as_possible_then_scores_best(self, instance):
        result = solve(instance, mode="max-matched")
        most = flow_max_cardinality(instance)
        assert result.matched == most
        assert result.matched == round(lp_best(instance, objective="count"))
        assert result.total_score == pytest.approx(
            lp_best(instance, pairs=most), rel=1e-9, abs=1e-9
        )
        assert_within_capacities(instance, result.edges)


class TestStable:
    @PROPERTY
    @given(instances())
    def test_has_no_blocking_pair_by_an_independent_check(self, instance):
        result = solve(instance, mode="stable")
        assert brute_blocking_pairs(instance, result.edges) == 0
        assert result.blocking_pairs == 0
        assert_within_capacities(instance, result.edges)


class TestBlockingPairChecker:
    @PROPERTY
    @given(instances(), st.randoms(use_true_random=False))
    def test_agrees_with_the_slow_count_on_any_feasible_matching(self, instance, rng):
        order = list(range(instance.n_edges))
        rng.shuffle(order)
        room_a = instance.mentee_capacity.copy()
        room_x = instance.mentor_capacity.copy()
        chosen = []
        for e in order:
            a, x = instance.edge_mentee[e], instance.edge_mentor[e]
            if room_a[a] and room_x[x] and rng.random() < 0.6:
                room_a[a] -= 1
                room_x[x] -= 1
                chosen.append(e)
        picked = np.array(sorted(chosen), dtype=np.int64)
        assert blocking_pairs(instance, picked) == brute_blocking_pairs(instance, picked)


class TestLockedAndForbidden:
    @PROPERTY
    @given(instances(), st.data(), st.sampled_from(["optimal", "stable", "max-matched"]))
    def test_locked_pairs_always_appear_and_forbidden_never(self, instance, data, mode):
        pairs = [
            (instance.mentee_ids[a], instance.mentor_ids[x]) for a, x, *_ in edge_list(instance)
        ]
        forbidden = data.draw(st.lists(st.sampled_from(pairs), max_size=3)) if pairs else []
        free = [p for p in pairs if p not in forbidden]
        candidates = data.draw(st.lists(st.sampled_from(free), max_size=3)) if free else []
        # Keep only locks that fit the capacities together.
        used_a: dict[str, int] = {}
        used_x: dict[str, int] = {}
        locked = []
        caps_a = dict(zip(instance.mentee_ids, instance.mentee_capacity.tolist(), strict=True))
        caps_x = dict(zip(instance.mentor_ids, instance.mentor_capacity.tolist(), strict=True))
        for a, x in dict.fromkeys(candidates):
            if used_a.get(a, 0) < caps_a[a] and used_x.get(x, 0) < caps_x[x]:
                used_a[a] = used_a.get(a, 0) + 1
                used_x[x] = used_x.get(x, 0) + 1
                locked.append((a, x))
        result = solve(instance, mode=mode, locked=locked, forbidden=forbidden)
        assert set(locked) <= set(result.pairs)
        assert not set(forbidden) & set(result.pairs)
        assert_within_capacities(instance, result.edges)

    def test_a_pair_both_locked_and_forbidden_is_refused(self):
        instance = instance_build(mentees={"a": 1}, mentors={"x": 1}, edges={("a", "x"): (1, 1, 1)})
        with pytest.raises(InstanceError, match="both locked and forbidden"):
            solve(instance, mode="optimal", locked=[("a", "x")], forbidden=[("a", "x")])

    def test_locks_beyond_capacity_are_refused(self):
        instance = instance_build(
            mentees={"a": 1, "b": 1},
            mentors={"x": 1},
            edges={("a", "x"): (1, 1, 1), ("b", "x"): (1, 1, 1)},
        )
        with pytest.raises(InstanceError, match="exceed"):
            solve(instance, mode="stable", locked=[("a", "x"), ("b", "x")])


class TestTies:
    def test_equal_scores_are_broken_by_id_the_same_way_every_time(self):
        edges = {(a, x): (0.5, 0.5, 0.5) for a in ("b", "a", "c") for x in ("y", "x")}
        instance = instance_build(
            mentees={"c": 1, "b": 1, "a": 1}, mentors={"y": 1, "x": 1}, edges=edges
        )
        assert solve(instance, mode="stable").pairs == [("a", "x"), ("b", "y")]
        first = solve(instance, mode="optimal").pairs
        assert all(solve(instance, mode="optimal").pairs == first for _ in range(3))
