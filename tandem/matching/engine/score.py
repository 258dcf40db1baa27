"""Scores 0–100 for (mentee, mentor) pairs: a weighted sum of normalised factors, and the
hard constraints that make a pair impossible (PRODUCT.md §5).

Everything works on parallel arrays of pair indices, so one call scores a mentee against
every mentor, or a whole candidate list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.instance import FloatArray, IntArray
from tandem.matching.engine.people import Meeting, People

FACTORS = (
    "skills", "goals", "direction", "level_gap", "timezone", "meeting", "mentoring_type",
    "availability",
)  # fmt: skip
# Default weights (percent of the score). A program can pass its own.
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "skills": 35.0,  # P1: the mentor knows what the mentee wants to learn
    "goals": 15.0,  # free-text goals against the mentor's bio and expertise
    "direction": 15.0,  # P1: the mentor works where the mentee wants to go
    "level_gap": 15.0,  # P2: a few levels above, not the same level, not far away
    "timezone": 5.0,
    "meeting": 5.0,
    "mentoring_type": 5.0,
    "availability": 5.0,
}
# Value of a level gap (mentor level minus mentee level), index = gap + 9.
LEVEL_GAP_VALUE = np.array(
    [0.0] * 9 + [0.2, 0.6, 1.0, 1.0, 1.0, 0.7, 0.5, 0.3, 0.3, 0.3], dtype=np.float32
)
# Direction's shares with a target level: industry and function each, and the level. Each
# of industry and function alone still clears the bar for being named as a reason (0.34).
TARGET_SHARES = (0.35, 0.3)
WORKING_HOURS = 8.0
HOURS_FOR_FULL_AVAILABILITY = 4.0
# Rows of one side: indices, or a slice. One row against every row broadcasts, value for
# value as gathering the one row once a pair would.
Rows = IntArray | slice


class Impossible:
    """Why a pair cannot be matched (hard constraints); 0 means possible."""

    POSSIBLE = 0
    SELF = 1
    UNAVAILABLE = 2  # paused or no free place
    NO_SHARED_LANGUAGE = 3
    COMPETITOR = 4
    EXCLUDED = 5  # manager chain, an explicit forbid, or the 90-day cool-down


@dataclass(frozen=True)
class PairScores:
    """Scores of many pairs: `factors[f]` is each pair's value of factor f (0–1)."""

    mentee: IntArray
    mentor: IntArray
    factors: dict[str, npt.NDArray[np.float32]]
    score: npt.NDArray[np.float32]  # 0–100; -1 where impossible
    impossible: npt.NDArray[np.int8]


def normalized_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """Weights as percentages summing to 100, checked."""
    chosen = dict(DEFAULT_WEIGHTS if weights is None else weights)
    unknown = set(chosen) - set(FACTORS)
    if unknown:
        raise ValueError(f"unknown factors: {', '.join(sorted(unknown))}")
    total = sum(chosen.get(f, 0.0) for f in FACTORS)
    if total <= 0 or any(v < 0 for v in chosen.values()):
        raise ValueError("weights must be non-negative and not all zero")
    return {f: 100.0 * chosen.get(f, 0.0) / total for f in FACTORS}


def timezone_overlap(a: FloatArray, x: FloatArray) -> npt.NDArray[np.float32]:
    """Share of an 8-hour working day two people have in common (broadcasts)."""
    difference = np.abs(a - x) % 24.0
    difference = np.minimum(difference, 24.0 - difference)
    return np.clip((WORKING_HOURS - difference) / WORKING_HOURS, 0.0, 1.0).astype(np.float32)


def _meeting_fit(mentees: People, mentors: People, a: Rows, x: Rows) -> npt.NDArray[np.float32]:
    mode_a, mode_x = mentees.meeting[a], mentors.meeting[x]
    both_virtual_ok = (mode_a != Meeting.IN_PERSON) & (mode_x != Meeting.IN_PERSON)
    same_city = (mentees.city[a] == mentors.city[x]) & (mentees.city[a] >= 0)
    same_country = (mentees.country[a] == mentors.country[x]) & (mentees.country[a] >= 0)
    nearby = np.where(same_city, 1.0, np.where(same_country, 0.5, 0.0))
    can_meet_in_person = (mode_a != Meeting.VIRTUAL) & (mode_x != Meeting.VIRTUAL)
    return np.where(both_virtual_ok, 1.0, np.where(can_meet_in_person, nearby, 0.0)).astype(
        np.float32
    )


def impossible_reasons(
    mentees: People,
    mentors: People,
    a: IntArray,
    x: IntArray,
    *,
    excluded: npt.NDArray[np.int64] | None = None,
    availability: bool = True,
) -> npt.NDArray[np.int8]:
    """For each pair, 0 if possible or the first hard constraint it breaks.

    `excluded` holds keys `mentee * len(mentors) + mentor` of pairs the caller rules out
    (manager chain, explicit forbids, the cool-down after a declined or expired ask).
    With `availability=False` a paused or full mentor counts as possible: who *could* help.
    """
    why = np.zeros(a.shape[0], dtype=np.int8)
    if excluded is not None and excluded.size:
        keys = a.astype(np.int64) * len(mentors) + x
        why[np.isin(keys, excluded)] = Impossible.EXCLUDED
    comp = np.zeros(a.shape[0], dtype=bool)
    for column in range(mentees.competitors.shape[1]):
        comp |= mentees.competitors[a, column] == mentors.organization[x]
    for column in range(mentors.competitors.shape[1]):
        comp |= mentors.competitors[x, column] == mentees.organization[a]
    why[comp] = Impossible.COMPETITOR
    lang_a, lang_x = mentees.languages[a], mentors.languages[x]
    why[((lang_a & lang_x) == 0) & (lang_a != 0) & (lang_x != 0)] = Impossible.NO_SHARED_LANGUAGE
    if availability:
        why[~mentors.available[x] | (mentors.capacity[x] <= 0)] = Impossible.UNAVAILABLE
    why[mentees.person[a] == mentors.person[x]] = Impossible.SELF
    return why


def skill_coverage(
    mentees: People, table: npt.NDArray[np.float32], a: IntArray, x: IntArray
) -> npt.NDArray[np.float32]:
    """Share of the mentee's wanted skills the mentor offers, weighted by proficiency."""
    total = np.zeros(a.shape[0], dtype=np.float32)
    # Gathers from the flat table, three times faster than table[x, skill] over millions of
    # pairs. `%` maps indices as table[x, skill] does: NO_SKILL (-1) to the zero last column.
    flat = np.ascontiguousarray(table).ravel()
    row = x * table.shape[1]
    wanted = mentees.skills % table.shape[1]
    for column in range(wanted.shape[1]):
        total += flat[row + wanted[a, column]]
    wanted = np.maximum(mentees.skill_count()[a], 1).astype(np.float32)
    return total / wanted


def goal_similarity(
    mentees: People, mentors: People, a: IntArray, x: IntArray, *, chunk: int = 100_000
) -> npt.NDArray[np.float32]:
    """Cosine of each pair's text vectors, in chunks so memory stays small."""
    out = np.empty(a.shape[0], dtype=np.float32)
    for start in range(0, a.shape[0], chunk):
        end = start + chunk
        out[start:end] = np.einsum(
            "ij,ij->i", mentees.text[a[start:end]], mentors.text[x[start:end]]
        )
    return out


def text_similarity(
    text: npt.NDArray[np.float32], vector: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """Cosine of one text vector with each row of `text`, added up over the vector's non-zero
    dimensions in their order: each row's value is the same whichever rows are asked for (a
    matrix product's last bit can depend on where a row sits), so a shortlist scores each
    mentor exactly as the whole list did (`ranking.mentee_scores`)."""
    out = np.zeros(text.shape[0], dtype=np.float32)
    for dimension in np.flatnonzero(vector).tolist():
        out += text[:, dimension] * vector[dimension]
    return out


def direction_fit(mentees: People, mentors: People, a: Rows, x: Rows) -> npt.NDArray[np.float32]:
    """The mentor works where the mentee wants to go: industry and function, half each, or
    with the level too once the mentee has set one (P14: a career plan's target)."""
    industry = (mentees.industry[a] == mentors.industry[x]) & (mentees.industry[a] >= 0)
    function = (mentees.function[a] == mentors.function[x]) & (mentees.function[a] >= 0)
    target = mentees.target_level[a]
    level = (target == mentors.level[x]) & (target >= 0)
    share = np.where(target >= 0, TARGET_SHARES[0], 0.5).astype(np.float32)
    return (share * (industry + function.astype(np.float32)) + TARGET_SHARES[1] * level).astype(
        np.float32
    )


def _level_gap_fit(mentees: People, mentors: People, a: Rows, x: Rows) -> npt.NDArray[np.float32]:
    gap = np.clip(mentors.level[x] - mentees.level[a], -9, 9) + 9
    fit: npt.NDArray[np.float32] = LEVEL_GAP_VALUE[gap]
    return fit


def _timezone_fit(mentees: People, mentors: People, a: Rows, x: Rows) -> npt.NDArray[np.float32]:
    return timezone_overlap(mentees.utc_offset[a], mentors.utc_offset[x])


def _mentoring_type_fit(
    mentees: People, mentors: People, a: Rows, x: Rows
) -> npt.NDArray[np.float32]:
    types_a = mentees.mentoring_types[a]
    return np.where(
        types_a == 0, 0.5, ((types_a & mentors.mentoring_types[x]) != 0).astype(np.float32)
    ).astype(np.float32)


def _availability_fit(
    mentees: People, mentors: People, a: Rows, x: Rows
) -> npt.NDArray[np.float32]:
    return np.clip(mentors.hours[x] / HOURS_FOR_FULL_AVAILABILITY, 0, 1).astype(np.float32)


Fit = Callable[[People, People, Rows, Rows], npt.NDArray[np.float32]]
# The factors read from the two people alone, with the mentor's fields each reads: a factor
# takes as many values as there are distinct such fields among mentors (`ranking` uses it).
FITS: Mapping[str, tuple[Fit, tuple[str, ...]]] = {
    "direction": (direction_fit, ("industry", "function", "level")),
    "level_gap": (_level_gap_fit, ("level",)),
    "timezone": (_timezone_fit, ("utc_offset",)),
    "meeting": (_meeting_fit, ("meeting", "city", "country")),
    "mentoring_type": (_mentoring_type_fit, ("mentoring_types",)),
    "availability": (_availability_fit, ("hours",)),
}


def pair_factors(
    mentees: People,
    mentors: People,
    a: Rows,
    x: Rows,
    *,
    skills: npt.NDArray[np.float32],
    goals: npt.NDArray[np.float32],
) -> dict[str, npt.NDArray[np.float32]]:
    """Each factor's value (0–1) for the pairs (a[i], x[i]), the skill and text ones given."""
    factors = {"skills": skills, "goals": np.clip(goals, 0.0, 1.0).astype(np.float32)}
    factors.update({name: fit(mentees, mentors, a, x) for name, (fit, _) in FITS.items()})
    return {name: factors[name] for name in FACTORS}


def weighted_sum(
    factors: Mapping[str, npt.NDArray[np.float32]], w: Mapping[str, float], size: int
) -> npt.NDArray[np.float32]:
    """The weighted sum of the factors (weights as `normalized_weights` gives them), added
    in the order of FACTORS: the order a score's last bit depends on."""
    score = np.zeros(size, dtype=np.float32)
    for name, weight in w.items():
        if weight:
            score += np.float32(weight) * factors[name]
    return score


def score_pairs(
    mentees: People,
    mentors: People,
    a: IntArray,
    x: IntArray,
    *,
    table: npt.NDArray[np.float32],
    weights: Mapping[str, float] | None = None,
    excluded: npt.NDArray[np.int64] | None = None,
    goals: npt.NDArray[np.float32] | None = None,
) -> PairScores:
    """Score the pairs (a[i], x[i]); `table` is `skill_table(mentors, n_skills)`.

    `goals` may carry text similarities already computed (the candidate search has them).
    """
    w = normalized_weights(weights)
    if goals is None:
        goals = goal_similarity(mentees, mentors, a, x)
    factors = pair_factors(
        mentees, mentors, a, x, skills=skill_coverage(mentees, table, a, x), goals=goals
    )
    score = weighted_sum(factors, w, a.shape[0])
    why = impossible_reasons(mentees, mentors, a, x, excluded=excluded)
    score = np.where(why == Impossible.POSSIBLE, np.clip(score, 0, 100), -1.0).astype(np.float32)
    return PairScores(mentee=a, mentor=x, factors=factors, score=score, impossible=why)
