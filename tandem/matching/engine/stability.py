"""Counting blocking pairs, written apart from the solvers so it can check them.

A possible pair (a, x) outside the matching blocks it when a would rather have x than one of
its partners (or has a free place) and x would rather have a than one of its partners (or
has a free place). Preferences: higher value first, then the lower id.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.instance import FloatArray, Instance, IntArray


def _worst_partner(
    owner: IntArray, other: IntArray, pref: FloatArray, chosen: IntArray, n_owners: int
) -> tuple[FloatArray, IntArray, IntArray]:
    """Per owner: the preference and index of its least liked partner, and how many it has."""
    worst_pref = np.full(n_owners, np.inf)
    worst_other = np.full(n_owners, -1, dtype=np.int64)
    count = np.bincount(owner[chosen], minlength=n_owners).astype(np.int64)
    if chosen.size:
        # Sort so that, per owner, the least liked partner comes first: lowest preference,
        # and among equal preferences the highest index (ties go to the lower id).
        order = np.lexsort((-other[chosen], pref[chosen], owner[chosen]))
        sorted_owner = owner[chosen][order]
        first = np.ones(sorted_owner.shape[0], dtype=bool)
        first[1:] = sorted_owner[1:] != sorted_owner[:-1]
        picks = chosen[order][first]
        worst_pref[owner[picks]] = pref[picks]
        worst_other[owner[picks]] = other[picks]
    return worst_pref, worst_other, count


def _would_switch(
    owner: IntArray,
    other: IntArray,
    pref: FloatArray,
    capacity: IntArray,
    chosen: IntArray,
    n_owners: int,
) -> npt.NDArray[np.bool_]:
    """For every edge: would its owner take it, given the partners it has now."""
    worst_pref, worst_other, count = _worst_partner(owner, other, pref, chosen, n_owners)
    has_room = count[owner] < capacity[owner]
    better = (pref > worst_pref[owner]) | (
        (pref == worst_pref[owner]) & (other < worst_other[owner])
    )
    return has_room | better


def blocking_pairs(instance: Instance, chosen: IntArray) -> int:
    """How many possible pairs outside `chosen` (edge indices) block it."""
    if instance.n_edges == 0:
        return 0
    n_mentees, n_mentors = len(instance.mentee_ids), len(instance.mentor_ids)
    mentee_wants = _would_switch(
        instance.edge_mentee, instance.edge_mentor, instance.mentee_pref,
        instance.mentee_capacity, chosen, n_mentees,
    )  # fmt: skip
    mentor_wants = _would_switch(
        instance.edge_mentor, instance.edge_mentee, instance.mentor_pref,
        instance.mentor_capacity, chosen, n_mentors,
    )  # fmt: skip
    outside = np.ones(instance.n_edges, dtype=bool)
    outside[chosen] = False
    return int(np.count_nonzero(outside & mentee_wants & mentor_wants))
