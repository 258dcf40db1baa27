"""Candidate generation for bulk matching: a sparse graph of the best possible pairs.

Scoring every mentee against every mentor exactly is too slow at 100,000 × 20,000, so it
goes in two stages, mentees in chunks (memory stays bounded):
1. a coarse score (skills, goals, direction, level gap; hard constraints that are cheap to
   test as masks) over the whole chunk × all mentors, keeping each mentee's `prefilter`
   best, and each mentor's best few mentees seen so far (so niche mentors are not starved);
2. exact scores and every hard constraint on those pairs only, keeping each mentee's
   `k_mentee` best plus each mentor's `k_mentor` best.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.instance import Instance, IntArray
from tandem.matching.engine.people import People
from tandem.matching.engine.score import LEVEL_GAP_VALUE, normalized_weights, score_pairs

F32 = npt.NDArray[np.float32]


def _coarse(
    mentees: People, mentors: People, rows: IntArray, table_t: F32, w: Mapping[str, float]
) -> tuple[F32, F32]:
    """(coarse scores, goal similarities) for mentees `rows` × every mentor; -inf = impossible."""
    goals = mentees.text[rows] @ mentors.text.T
    coarse = np.float32(w["goals"]) * np.clip(goals, 0, 1)
    wanted = np.maximum(mentees.skill_count()[rows], 1).astype(np.float32)[:, None]
    skills = np.zeros_like(coarse)
    for column in range(mentees.skills.shape[1]):
        skills += table_t[mentees.skills[rows, column]]
    coarse += np.float32(w["skills"]) * skills / wanted
    industry, function = mentees.industry[rows, None], mentees.function[rows, None]
    coarse += np.float32(w["direction"] / 2) * ((industry == mentors.industry) & (industry >= 0))
    coarse += np.float32(w["direction"] / 2) * ((function == mentors.function) & (function >= 0))
    gap = np.clip(mentors.level[None, :] - mentees.level[rows, None], -9, 9) + 9
    coarse += np.float32(w["level_gap"]) * LEVEL_GAP_VALUE[gap]
    languages = mentees.languages[rows, None]
    no_language = (
        ((languages & mentors.languages) == 0) & (languages != 0) & (mentors.languages != 0)
    )
    closed = ~mentors.available | (mentors.capacity <= 0)
    coarse[no_language | closed[None, :]] = -np.inf
    return coarse, goals


def _top_per_row(values: F32, k: int) -> IntArray:
    """Column indices of each row's k largest values (unordered)."""
    k = min(k, values.shape[1])
    return np.argpartition(-values, k - 1, axis=1)[:, :k].astype(np.int64)


def candidate_pairs(
    mentees: People,
    mentors: People,
    *,
    table: F32,
    weights: Mapping[str, float] | None = None,
    excluded: npt.NDArray[np.int64] | None = None,
    k_mentee: int = 20,
    k_mentor: int = 5,
    prefilter: int = 60,
    chunk: int = 1024,
) -> tuple[IntArray, IntArray, F32]:
    """Possible pairs (mentee, mentor, score 0–100): each mentee's best plus each mentor's best."""
    w = normalized_weights(weights)
    table_t = np.ascontiguousarray(table.T)
    n_x = len(mentors)
    kept_a: list[IntArray] = []
    kept_x: list[IntArray] = []
    kept_goal: list[F32] = []
    best_for_mentor = np.full((k_mentor, n_x), -np.inf, dtype=np.float32)
    best_mentee = np.full((k_mentor, n_x), -1, dtype=np.int64)
    best_goal = np.zeros((k_mentor, n_x), dtype=np.float32)
    for start in range(0, len(mentees), chunk):
        rows = np.arange(start, min(start + chunk, len(mentees)), dtype=np.int64)
        coarse, goals = _coarse(mentees, mentors, rows, table_t, w)
        top = _top_per_row(coarse, prefilter)
        ok = np.isfinite(np.take_along_axis(coarse, top, axis=1))
        kept_a.append(np.repeat(rows, top.shape[1])[ok.ravel()])
        kept_x.append(top.ravel()[ok.ravel()])
        kept_goal.append(np.take_along_axis(goals, top, axis=1).ravel()[ok.ravel()])
        # Each mentor's best mentees so far: merge this chunk's best with the running best.
        k = min(k_mentor, rows.size)
        local = np.argpartition(-coarse, k - 1, axis=0)[:k]
        merged = np.concatenate([best_for_mentor, np.take_along_axis(coarse, local, axis=0)])
        mentee_ids = np.concatenate([best_mentee, rows[local]])
        goal_ids = np.concatenate([best_goal, np.take_along_axis(goals, local, axis=0)])
        keep = np.argpartition(-merged, k_mentor - 1, axis=0)[:k_mentor]
        best_for_mentor = np.take_along_axis(merged, keep, axis=0)
        best_mentee = np.take_along_axis(mentee_ids, keep, axis=0)
        best_goal = np.take_along_axis(goal_ids, keep, axis=0)
    niche = np.isfinite(best_for_mentor).ravel()
    a = np.concatenate([*kept_a, best_mentee.ravel()[niche]])
    x = np.concatenate([*kept_x, np.tile(np.arange(n_x), k_mentor)[niche]])
    goal = np.concatenate([*kept_goal, best_goal.ravel()[niche]])
    from_mentor_side = np.zeros(a.size, dtype=bool)
    from_mentor_side[a.size - int(niche.sum()) :] = True
    # Exact scores and every hard constraint, on the short lists only.
    exact = score_pairs(
        mentees, mentors, a, x, table=table, weights=weights, excluded=excluded, goals=goal
    )
    possible = exact.score >= 0
    a, x, s, side = a[possible], x[possible], exact.score[possible], from_mentor_side[possible]
    # Deduplicate (a pair can come from both sides), then keep each mentee's k best.
    key = a * n_x + x
    _, first = np.unique(key, return_index=True)
    a, x, s, side = a[first], x[first], s[first], side[first]
    order = np.lexsort((x, -s, a))
    a, x, s, side = a[order], x[order], s[order], side[order]
    starts = np.searchsorted(a, a, side="left")
    within = (np.arange(a.size) - starts) < k_mentee
    selected = within | side
    return a[selected], x[selected], s[selected]


def candidate_instance(
    mentees: People, mentors: People, a: IntArray, x: IntArray, score: F32
) -> Instance:
    """A bulk-matching instance from candidate pairs; preferences are the score itself.

    Ties are broken by index, so give `People.ids` in sorted order to break them by id.
    """
    order = np.lexsort((x, a))
    value = score[order].astype(np.float64)
    return Instance(
        mentee_ids=mentees.ids,
        mentor_ids=mentors.ids,
        mentee_capacity=np.ones(len(mentees), dtype=np.int64),
        mentor_capacity=np.maximum(mentors.capacity, 0).astype(np.int64),
        edge_mentee=a[order].astype(np.int64),
        edge_mentor=x[order].astype(np.int64),
        score=value,
        mentee_pref=value.copy(),
        mentor_pref=value.copy(),
    )
