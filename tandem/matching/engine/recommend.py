"""Recommendations for one mentee: top mentors by score, re-ranked for load and diversity.

Load: a mentor many people are already asking is pushed down a little, so the same
popular mentor is not everyone's first suggestion. Diversity: after the first pick, mentors
from the same organization or with the same skills as those already picked step back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.people import NO_SKILL, People
from tandem.matching.engine.reasons import Explanation, Labels, explain
from tandem.matching.engine.score import score_pairs

LOAD_PENALTY = 15.0  # points taken off a mentor whose load is 1 (fully asked for)
SAME_ORGANIZATION_PENALTY = 6.0
SAME_SKILLS_PENALTY = 8.0  # times the Jaccard overlap with an already picked mentor
POOL = 50  # best candidates considered for the re-ranking


@dataclass(frozen=True)
class Recommendation:
    """One suggested mentor, with the score people see and why."""

    mentor: int
    score: float
    explanation: Explanation


def _skill_sets(mentors: People, picks: npt.NDArray[np.int64]) -> list[set[int]]:
    return [{s for s in mentors.skills[x].tolist() if s != NO_SKILL} for x in picks]


def _diversified(
    mentors: People, pool: npt.NDArray[np.int64], adjusted: npt.NDArray[np.float32], k: int
) -> list[int]:
    """Greedy re-ranking: each step takes the best candidate after penalties for similarity."""
    skills = dict(zip(pool.tolist(), _skill_sets(mentors, pool), strict=True))
    chosen: list[int] = []
    left = pool.tolist()
    while left and len(chosen) < k:

        def value(x: int) -> tuple[float, int]:
            penalty = 0.0
            for y in chosen:
                if (
                    mentors.organization[x] >= 0
                    and mentors.organization[x] == mentors.organization[y]
                ):
                    penalty += SAME_ORGANIZATION_PENALTY
                union = skills[x] | skills[y]
                if union:
                    penalty += SAME_SKILLS_PENALTY * len(skills[x] & skills[y]) / len(union)
            return (float(adjusted[x]) - penalty, -x)

        best = max(left, key=value)
        chosen.append(best)
        left.remove(best)
    return chosen


def recommend(
    mentee: int,
    mentees: People,
    mentors: People,
    *,
    table: npt.NDArray[np.float32],
    labels: Labels,
    k: int = 5,
    weights: Mapping[str, float] | None = None,
    excluded: npt.NDArray[np.int64] | None = None,
    load: npt.NDArray[np.float32] | None = None,
) -> list[Recommendation]:
    """Up to k mentors for one mentee, best first; impossible pairs never appear."""
    x = np.arange(len(mentors), dtype=np.int64)
    a = np.full_like(x, mentee)
    goals = mentors.text @ mentees.text[mentee]
    scores = score_pairs(
        mentees, mentors, a, x, table=table, weights=weights, excluded=excluded, goals=goals
    )
    possible = np.flatnonzero(scores.score >= 0)
    if possible.size == 0:
        return []
    adjusted = scores.score.copy()
    if load is not None:
        adjusted -= np.float32(LOAD_PENALTY) * np.clip(load, 0, 1).astype(np.float32)
    size = min(POOL, possible.size)
    pool = possible[np.argpartition(-adjusted[possible], size - 1)[:size]]
    pool = pool[np.lexsort((pool, -adjusted[pool]))]
    picks = _diversified(mentors, pool, adjusted, k)
    return [
        Recommendation(
            mentor=x_,
            score=float(np.round(scores.score[x_], 1)),
            explanation=explain(mentees, mentors, scores, x_, labels, weights=weights),
        )
        for x_ in picks
    ]
