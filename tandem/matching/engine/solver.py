"""One entry point for bulk matching: pick a mode, respect locked and forbidden pairs."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from tandem.matching.engine.instance import Instance, InstanceError, IntArray
from tandem.matching.engine.stability import blocking_pairs
from tandem.matching.engine.stable import stable_deferred_acceptance

Pair = tuple[str, str]


def _flow(name: str) -> Callable[[Instance], IntArray]:
    """A min-cost-flow solver that imports OR-Tools when it first runs, not at start-up."""

    def run(instance: Instance) -> IntArray:
        solver: Callable[[Instance], IntArray]
        solver = getattr(importlib.import_module("tandem.matching.engine.flow"), name)
        return solver(instance)

    return run


SOLVERS: dict[str, Callable[[Instance], IntArray]] = {
    "optimal": _flow("flow_max_score"),
    "stable": stable_deferred_acceptance,
    "max-matched": _flow("flow_max_matched"),
}
MODES = tuple(SOLVERS)


@dataclass(frozen=True)
class Result:
    """A matching: the chosen edges (indices into the instance) and its headline figures."""

    instance: Instance
    edges: IntArray
    seconds: float

    @property
    def pairs(self) -> list[Pair]:
        """(mentee id, mentor id) pairs, sorted."""
        return [
            (self.instance.mentee_ids[a], self.instance.mentor_ids[x])
            for a, x in zip(
                self.instance.edge_mentee[self.edges].tolist(),
                self.instance.edge_mentor[self.edges].tolist(),
                strict=True,
            )
        ]

    @property
    def total_score(self) -> float:
        """Sum of the chosen pairs' scores."""
        return float(self.instance.score[self.edges].sum())

    @property
    def matched(self) -> int:
        """How many pairs were made."""
        return int(self.edges.shape[0])

    @property
    def blocking_pairs(self) -> int:
        """Pairs outside the matching that would both rather be together."""
        return blocking_pairs(self.instance, self.edges)


def _edge_lookup(instance: Instance, pairs: Iterable[Pair], what: str) -> IntArray:
    """Edge indices of (mentee id, mentor id) pairs; every pair must be a possible one."""
    wanted = list(dict.fromkeys(tuple(pair) for pair in pairs))
    if not wanted:
        return np.zeros(0, dtype=np.int64)
    mentee_index = {m: i for i, m in enumerate(instance.mentee_ids)}
    mentor_index = {m: i for i, m in enumerate(instance.mentor_ids)}
    n_mentors = len(instance.mentor_ids)
    # Edges are sorted by (mentee, mentor), so their keys are sorted too: binary search.
    keys = instance.edge_mentee * n_mentors + instance.edge_mentor
    found = []
    for mentee, mentor in wanted:
        a, x = mentee_index.get(mentee), mentor_index.get(mentor)
        key = -1 if a is None or x is None else a * n_mentors + x
        at = int(np.searchsorted(keys, key))
        if key < 0 or at == keys.shape[0] or keys[at] != key:
            raise InstanceError(f"the {what} pair {mentee!r}–{mentor!r} is not a possible pair")
        found.append(at)
    return np.array(sorted(found), dtype=np.int64)


def solve(
    instance: Instance,
    *,
    mode: str,
    locked: Iterable[Pair] = (),
    forbidden: Iterable[Pair] = (),
) -> Result:
    """Match under capacities: locked pairs always appear, forbidden pairs never do."""
    if mode not in SOLVERS:
        raise InstanceError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    started = time.perf_counter()
    locked_edges = _edge_lookup(instance, locked, "locked")
    forbidden_edges = _edge_lookup(instance, forbidden, "forbidden")
    # Each holds distinct edges, so a repeat among both is a shared one. (np.intersect1d
    # would import numpy.ma, a tenth of the command line's start-up, for two empty arrays.)
    both = np.concatenate([locked_edges, forbidden_edges])
    if both.size and (np.diff(np.sort(both)) == 0).any():
        raise InstanceError("a pair cannot be both locked and forbidden")
    mentee_left = instance.mentee_capacity - np.bincount(
        instance.edge_mentee[locked_edges], minlength=len(instance.mentee_ids)
    )
    mentor_left = instance.mentor_capacity - np.bincount(
        instance.edge_mentor[locked_edges], minlength=len(instance.mentor_ids)
    )
    if (mentee_left < 0).any() or (mentor_left < 0).any():
        raise InstanceError("the locked pairs alone exceed someone's capacity")
    keep = np.ones(instance.n_edges, dtype=bool)
    keep[locked_edges] = False
    keep[forbidden_edges] = False
    rest = instance.without_edges(keep).with_capacities(mentee_left, mentor_left)
    chosen_rest = SOLVERS[mode](rest)
    chosen = np.sort(np.concatenate([locked_edges, np.flatnonzero(keep)[chosen_rest]]))
    return Result(instance=instance, edges=chosen, seconds=time.perf_counter() - started)
