"""The instance itself: people, capacities and possible pairs as sorted parallel arrays.

Pairs without an edge are impossible. Ids are sorted once on the way in, so every solver
breaks ties the same way: by id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class InstanceError(ValueError):
    """The instance is malformed; the message is one line meant for a person."""


@dataclass(frozen=True)
class Instance:
    """Edges are parallel arrays sorted by (mentee index, mentor index)."""

    mentee_ids: tuple[str, ...]
    mentor_ids: tuple[str, ...]
    mentee_capacity: IntArray
    mentor_capacity: IntArray
    edge_mentee: IntArray
    edge_mentor: IntArray
    score: FloatArray
    mentee_pref: FloatArray
    mentor_pref: FloatArray

    @property
    def n_edges(self) -> int:
        """How many possible pairs there are."""
        return int(self.score.shape[0])

    def without_edges(self, keep: npt.NDArray[np.bool_]) -> Instance:
        """The same people with only the edges where `keep` is true."""
        return Instance(
            self.mentee_ids,
            self.mentor_ids,
            self.mentee_capacity,
            self.mentor_capacity,
            self.edge_mentee[keep],
            self.edge_mentor[keep],
            self.score[keep],
            self.mentee_pref[keep],
            self.mentor_pref[keep],
        )

    def with_capacities(self, mentee: IntArray, mentor: IntArray) -> Instance:
        """The same edges with other capacities."""
        return Instance(
            self.mentee_ids,
            self.mentor_ids,
            mentee,
            mentor,
            self.edge_mentee,
            self.edge_mentor,
            self.score,
            self.mentee_pref,
            self.mentor_pref,
        )


def instance_build(
    *,
    mentees: Mapping[str, int],
    mentors: Mapping[str, int],
    edges: Mapping[tuple[str, str], tuple[float, float, float]],
) -> Instance:
    """An instance from capacities by id and {(mentee, mentor): (score, pref_a, pref_x)}."""
    mentee_ids = tuple(sorted(mentees))
    mentor_ids = tuple(sorted(mentors))
    mentee_index = {m: i for i, m in enumerate(mentee_ids)}
    mentor_index = {m: i for i, m in enumerate(mentor_ids)}
    items = sorted(
        (mentee_index[a], mentor_index[x], s, pa, px) for (a, x), (s, pa, px) in dict(edges).items()
    )
    table = np.array(items, dtype=np.float64).reshape(-1, 5)
    return Instance(
        mentee_ids=mentee_ids,
        mentor_ids=mentor_ids,
        mentee_capacity=np.array([mentees[m] for m in mentee_ids], dtype=np.int64),
        mentor_capacity=np.array([mentors[m] for m in mentor_ids], dtype=np.int64),
        edge_mentee=table[:, 0].astype(np.int64),
        edge_mentor=table[:, 1].astype(np.int64),
        score=table[:, 2].copy(),
        mentee_pref=table[:, 3].copy(),
        mentor_pref=table[:, 4].copy(),
    )
