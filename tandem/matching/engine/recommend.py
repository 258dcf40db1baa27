"""Recommendations for one mentee: top mentors by score, re-ranked for load and diversity.

Load: a mentor many people are already asking is pushed down a little, so the same
popular mentor is not everyone's first suggestion. Diversity: after the first pick, mentors
from the same organization or with the same skills as those already picked step back.

So the order is not always the order of the fit score people see. Whenever a mentor sits
below one with a lower score, their recommendation says why, in plain words.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.people import NO_SKILL, People
from tandem.matching.engine.reasons import Explanation, Labels, explain
from tandem.matching.engine.score import (
    Impossible,
    PairScores,
    impossible_reasons,
    score_pairs,
    text_similarity,
)

LOAD_PENALTY = 15.0  # points taken off a mentor whose load is 1 (fully asked for)
SAME_ORGANIZATION_PENALTY = 6.0
SAME_SKILLS_PENALTY = 8.0  # times the Jaccard overlap with an already picked mentor
POOL = 50  # best candidates considered for the re-ranking
EPSILON = 1e-6
FloatPoints = npt.NDArray[np.float32]

# Why a mentor sits below one with a lower score, in the order they are said.
STEP_BACK_WORDS = {
    "load": "others are already waiting to hear from them",
    "organization": "a mentor above works at the same organization",
    "skills": "a mentor above offers much the same skills",
}


@dataclass(frozen=True)
class Recommendation:
    """One suggested mentor, with the score people see and why.

    `placement` is empty unless the mentor sits below someone with a lower score; then it
    says what moved them down.
    """

    mentor: int
    score: float
    explanation: Explanation
    placement: str = ""


def _skill_sets(mentors: People, picks: npt.NDArray[np.int64]) -> list[set[int]]:
    return [{s for s in mentors.skills[x].tolist() if s != NO_SKILL} for x in picks]


class _Similarity:
    """Penalties for resembling mentors already picked (organization, skills)."""

    def __init__(self, mentors: People, pool: npt.NDArray[np.int64]) -> None:
        self.organization = mentors.organization
        self.skills = dict(zip(pool.tolist(), _skill_sets(mentors, pool), strict=True))

    def penalties(self, x: int, chosen: list[int]) -> tuple[float, float]:
        """(organization, skills) points taken off x, given the mentors chosen so far."""
        organization = skills = 0.0
        for y in chosen:
            if self.organization[x] >= 0 and self.organization[x] == self.organization[y]:
                organization += SAME_ORGANIZATION_PENALTY
            union = self.skills[x] | self.skills[y]
            if union:
                skills += SAME_SKILLS_PENALTY * len(self.skills[x] & self.skills[y]) / len(union)
        return organization, skills


def _diversified(
    mentors: People, pool: npt.NDArray[np.int64], adjusted: npt.NDArray[np.float32], k: int
) -> list[int]:
    """Greedy re-ranking: each step takes the best candidate after penalties for resembling
    the mentors taken before, highest first, ties to the lower row.

    The penalties are `_Similarity.penalties`', added up in the same order in doubles, for
    the whole pool at once: each step adds the taken mentor's column.
    """
    organization = mentors.organization[pool]
    same = (organization[:, None] == organization[None, :]) & (organization[:, None] >= 0)
    skills = mentors.skills[pool]
    kept = skills != NO_SKILL
    codes, column = np.unique(skills[kept], return_inverse=True)
    offers = np.zeros((pool.size, max(codes.size, 1)), dtype=np.float32)
    offers[np.nonzero(kept)[0], column] = 1.0  # a set: a skill listed twice counts once
    shared = (offers @ offers.T).astype(np.int64)  # small whole numbers: exact in floats
    sizes = np.diag(shared)
    union = sizes[:, None] + sizes[None, :] - shared
    overlap = np.where(union > 0, SAME_SKILLS_PENALTY * shared / np.maximum(union, 1), 0.0)
    base = adjusted[pool].astype(np.float64)
    organization_points = np.zeros(pool.size)
    skills_points = np.zeros(pool.size)
    left = np.ones(pool.size, dtype=bool)
    chosen: list[int] = []
    for _ in range(min(k, pool.size)):
        value = np.where(left, base - (organization_points + skills_points), -np.inf)
        best = np.flatnonzero(value == value.max())
        j = int(best[np.argmin(pool[best])])
        chosen.append(int(pool[j]))
        left[j] = False
        organization_points += np.where(same[:, j], SAME_ORGANIZATION_PENALTY, 0.0)
        skills_points += overlap[:, j]
    return chosen


def shown(score: float) -> int:
    """The whole number a page shows for a score (halves round up, as templates do)."""
    return math.floor(score + 0.5)


def _placements(
    similarity: _Similarity, picks: list[int], scores: list[float], fit: list[float],
    load_points: FloatPoints,
) -> list[str]:  # fmt: skip
    """For each pick below a lower shown score (`scores`, as pages show them, to one decimal),
    what put it there; `fit` holds the same scores unrounded.

    When y was picked before x although x fits better, x lost that step to y on load or on
    resembling the mentors picked before y: together those penalties, counted against x more
    than against y, outweigh the better fit. The causes named are the fewest, biggest first,
    that do so, so a trifle is never given as the reason.
    """
    notes = []
    for j, x in enumerate(picks):
        causes: set[str] = set()
        for i, y in enumerate(picks[:j]):
            if shown(scores[i]) >= shown(scores[j]):
                continue
            before = picks[:i]
            organization_x, skills_x = similarity.penalties(x, before)
            organization_y, skills_y = similarity.penalties(y, before)
            against = {
                "load": float(load_points[x] - load_points[y]),
                "organization": organization_x - organization_y,
                "skills": skills_x - skills_y,
            }
            # What still has to be outweighed once the causes favouring x are counted.
            left = fit[j] - fit[i] - sum(p for p in against.values() if p < 0)
            ranked = sorted(against.items(), key=lambda item: -item[1])
            causes.add(ranked[0][0])  # the biggest always counts, even in float dust
            left -= ranked[0][1]
            for cause, points in ranked[1:]:
                if left <= EPSILON or points <= EPSILON:
                    break
                causes.add(cause)
                left -= points
        words = [STEP_BACK_WORDS[cause] for cause in STEP_BACK_WORDS if cause in causes]
        notes.append(f"Placed below a lower score on purpose: {'; '.join(words)}." if words else "")
    return notes


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
    """Up to k mentors for one mentee, in the order to show them; impossible pairs never appear."""
    x = np.arange(len(mentors), dtype=np.int64)
    a = np.full_like(x, mentee)
    goals = text_similarity(mentors.text, mentees.text[mentee])
    scores = score_pairs(
        mentees, mentors, a, x, table=table, weights=weights, excluded=excluded, goals=goals
    )
    return recommend_scored(
        mentees, mentors, scores, labels=labels, k=k, weights=weights, load=load
    )


def recommend_scored(
    mentees: People,
    mentors: People,
    scores: PairScores,
    *,
    labels: Labels,
    k: int = 5,
    weights: Mapping[str, float] | None = None,
    load: npt.NDArray[np.float32] | None = None,
) -> list[Recommendation]:
    """`recommend` once one mentee's pairs with every mentor, in order, are scored."""
    possible = np.flatnonzero(scores.score >= 0)
    if possible.size == 0:
        return []
    points = np.zeros(len(mentors), dtype=np.float32)
    if load is not None:
        points = np.float32(LOAD_PENALTY) * np.clip(load, 0, 1).astype(np.float32)
    adjusted = scores.score - points
    size = min(POOL, possible.size)
    pool = possible[np.argpartition(-adjusted[possible], size - 1)[:size]]
    pool = pool[np.lexsort((pool, -adjusted[pool]))]
    picks = _diversified(mentors, pool, adjusted, k)
    similarity = _Similarity(mentors, np.array(picks, dtype=np.int64))
    fit = [float(scores.score[x_]) for x_ in picks]
    shown_scores = [float(np.round(scores.score[x_], 1)) for x_ in picks]
    placements = _placements(similarity, picks, shown_scores, fit, points)
    return [
        Recommendation(
            mentor=x_,
            score=score,
            explanation=explain(mentees, mentors, scores, x_, labels, weights=weights),
            placement=placement,
        )
        for x_, score, placement in zip(picks, shown_scores, placements, strict=True)
    ]


@dataclass(frozen=True)
class OutOfReach:
    """A wanted skill whose mentors are all paused or full right now."""

    skill: int
    mentors: int  # how many could otherwise be asked
    other: bool  # a mentor who already said no offers it too: the others are meant


def skills_out_of_reach(
    mentee: int,
    mentees: People,
    mentors: People,
    *,
    table: npt.NDArray[np.float32],
    excluded: npt.NDArray[np.int64] | None = None,
    declined: Collection[int] = (),
) -> list[OutOfReach]:
    """Wanted skills that only mentors not taking requests now (paused or full) offer.

    Said so a page can tell why nobody with that skill is suggested, rather than leave the
    mentee to wonder. Only mentors the mentee could otherwise be matched with count; mentors
    in `declined` (who said no to this mentee, or let the ask lapse) are not counted at all.
    """
    wanted = [s for s in mentees.skills[mentee].tolist() if s != NO_SKILL]
    if not wanted:
        return []
    offers = table[:, wanted] > 0
    x = np.flatnonzero(offers.any(axis=1))
    a = np.full_like(x, mentee)
    could = impossible_reasons(mentees, mentors, a, x, excluded=excluded, availability=False) == (
        Impossible.POSSIBLE
    )
    said_no = np.isin(x, list(declined))
    taking = mentors.available[x] & (mentors.capacity[x] > 0)
    out = []
    for column, skill in enumerate(wanted):
        offering = offers[x, column] & could & ~said_no
        if offering.any() and not (offering & taking).any():
            other = bool((offers[x, column] & said_no).any())
            out.append(OutOfReach(skill=skill, mentors=int(offering.sum()), other=other))
    return out
