"""Mentee-proposing deferred acceptance with capacities on both sides, vectorized in rounds.

Every round, each mentee with free places proposes to its next best mentors (as many as it
has free places); each mentor keeps its best proposals up to its capacity, counting the ones
it already holds, and rejects the rest for good. Proposing simultaneously gives the same
mentee-optimal stable matching as proposing one at a time. Ties: a higher preference wins,
then the lower id.
"""

from __future__ import annotations

import numpy as np

from tandem.matching.engine.instance import FloatArray, Instance, IntArray


def _group_starts(sorted_keys: IntArray, n_groups: int) -> IntArray:
    """Where each group begins in an array sorted by group."""
    return np.searchsorted(sorted_keys, np.arange(n_groups + 1)).astype(np.int64)


def _descending_rank(values: FloatArray) -> IntArray:
    """0 for the largest value, equal values share a rank."""
    unique, inverse = np.unique(values, return_inverse=True)
    return (unique.size - 1 - inverse).astype(np.int64)


def _grouped_order(group: IntArray, values: FloatArray) -> IntArray:
    """Edge order by group, then value high to low, ties kept in the current order.

    Edges are stored sorted by (mentee, mentor), so "current order" means lower id first on
    both sides; one stable integer sort replaces a three-key lexsort (much faster).
    """
    rank = _descending_rank(values)
    key = group * (int(rank.max(initial=0)) + 1) + rank
    return np.argsort(key, kind="stable").astype(np.int64)


def _mentee_lists(instance: Instance) -> tuple[IntArray, IntArray]:
    """Edges grouped by mentee, best first; and where each mentee's list starts."""
    order = _grouped_order(instance.edge_mentee, instance.mentee_pref)
    starts = _group_starts(instance.edge_mentee[order], len(instance.mentee_ids))
    return order, starts


def _mentor_ranks(instance: Instance) -> IntArray:
    """For every edge, the mentee's place in that mentor's ranking (0 = favourite)."""
    order = _grouped_order(instance.edge_mentor, instance.mentor_pref)
    starts = _group_starts(instance.edge_mentor[order], len(instance.mentor_ids))
    ranks = np.empty(instance.n_edges, dtype=np.int64)
    positions = np.arange(instance.n_edges, dtype=np.int64)
    ranks[order] = positions - starts[instance.edge_mentor[order]]
    return ranks


def _next_proposals(
    lists: IntArray, starts: IntArray, pointer: IntArray, count: IntArray
) -> IntArray:
    """For each mentee, `count` edges from its list beginning at `pointer`."""
    active = np.flatnonzero(count)
    repeats = count[active]
    first = starts[active] + pointer[active]
    # offsets 0..count-1 within each active mentee, without a Python loop
    offsets = np.arange(int(repeats.sum()), dtype=np.int64) - np.repeat(
        np.cumsum(repeats) - repeats, repeats
    )
    return lists[np.repeat(first, repeats) + offsets]


def stable_deferred_acceptance(instance: Instance) -> IntArray:
    """Edge indices of the mentee-optimal stable matching."""
    n_mentees, n_mentors = len(instance.mentee_ids), len(instance.mentor_ids)
    if instance.n_edges == 0:
        return np.zeros(0, dtype=np.int64)
    lists, starts = _mentee_lists(instance)
    list_length = np.diff(starts)
    ranks = _mentor_ranks(instance)
    pointer = np.zeros(n_mentees, dtype=np.int64)
    held = np.zeros(0, dtype=np.int64)
    while True:
        holding = np.bincount(instance.edge_mentee[held], minlength=n_mentees)
        free = np.maximum(instance.mentee_capacity - holding, 0)
        count = np.minimum(free, list_length - pointer)
        if not count.any():
            return np.sort(held)
        proposals = _next_proposals(lists, starts, pointer, count)
        pointer += count
        candidates = np.concatenate([held, proposals])
        mentors = instance.edge_mentor[candidates]
        order = np.lexsort((ranks[candidates], mentors))
        candidates, mentors = candidates[order], mentors[order]
        place = np.arange(candidates.shape[0]) - _group_starts(mentors, n_mentors)[mentors]
        held = candidates[place < instance.mentor_capacity[mentors]]
