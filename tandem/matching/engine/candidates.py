"""Candidate generation for bulk matching: a sparse graph of the best possible pairs.

Scoring every mentee against every mentor exactly is too slow at 100,000 × 20,000, so it
goes in two stages:
1. A coarse score: skills, goals, direction, level gap, timezone overlap and availability
   (95 of the 100 default weight points) are written as one linear form,
   `features(mentee) · features(mentor)`, so a whole chunk of mentees is scored against all
   mentors by one matrix product (BLAS). Mentees are grouped by their languages and only
   mentors they share a language with, who are open to requests, are scored at all. Each
   mentee keeps its `prefilter` best, found exactly without sorting whole rows (see
   `_top_columns`). Mentors that few mentees kept ("niche") get their own best mentees.
2. Exact scores and every hard constraint (`score_pairs`) on those pairs only, keeping each
   mentee's `k_mentee` best plus each niche mentor's `k_mentor` best.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.instance import Instance, IntArray
from tandem.matching.engine.people import NO_SKILL, People
from tandem.matching.engine.score import (
    HOURS_FOR_FULL_AVAILABILITY,
    LEVEL_GAP_VALUE,
    normalized_weights,
    score_pairs,
    timezone_overlap,
)

F32 = npt.NDArray[np.float32]
BLOCK = 16  # columns per block when looking for each row's best columns
LEVELS = 10


def _one_hot(codes: IntArray, size: int) -> F32:
    """Rows of zeros with a 1 at each code (none for unknown codes < 0)."""
    out = np.zeros((codes.shape[0], size), dtype=np.float32)
    known = codes >= 0
    out[np.flatnonzero(known), codes[known]] = 1.0
    return out


def coarse_features(
    mentees: People, mentors: People, table: F32, w: Mapping[str, float]
) -> tuple[F32, F32]:
    """(mentee features, mentor features) whose dot product is the coarse score."""
    n_skills = table.shape[1]
    n_industries = int(max(mentees.industry.max(initial=-1), mentors.industry.max(initial=-1))) + 1
    n_functions = int(max(mentees.function.max(initial=-1), mentors.function.max(initial=-1))) + 1
    wanted = np.zeros((len(mentees), n_skills), dtype=np.float32)
    rows = np.repeat(np.arange(len(mentees)), mentees.skills.shape[1])
    cols = mentees.skills.ravel()
    keep = cols != NO_SKILL
    wanted[rows[keep], cols[keep]] = 1.0
    wanted /= np.maximum(mentees.skill_count(), 1)[:, None].astype(np.float32)
    # The level-gap value is linear in a one-hot of the mentee's level: column l of a
    # mentor's features holds the value of the gap to a mentee at level l + 1.
    mentee_levels = np.arange(1, LEVELS + 1)
    gap = np.clip(mentors.level[:, None] - mentee_levels[None, :], -9, 9) + 9
    # Timezone overlap is linear in a one-hot of the mentee's UTC offset, over the offsets
    # mentees actually have; availability is the mentor's alone (a constant on the mentee side).
    offsets, offset_code = np.unique(mentees.utc_offset, return_inverse=True)
    overlap = timezone_overlap(mentors.utc_offset[:, None], offsets[None, :])
    availability = np.clip(mentors.hours / HOURS_FOR_FULL_AVAILABILITY, 0, 1)[:, None]
    half = np.float32(w["direction"] / 2)
    mentee_side = np.hstack([
        np.float32(w["goals"]) * mentees.text,
        np.float32(w["skills"]) * wanted,
        half * _one_hot(mentees.industry, n_industries),
        half * _one_hot(mentees.function, n_functions),
        np.float32(w["level_gap"]) * _one_hot(np.clip(mentees.level, 1, LEVELS) - 1, LEVELS),
        np.float32(w["timezone"]) * _one_hot(offset_code.astype(np.int64), offsets.size),
        np.full((len(mentees), 1), w["availability"], dtype=np.float32),
    ])  # fmt: skip
    mentor_side = np.hstack([
        mentors.text,
        table,
        _one_hot(mentors.industry, n_industries),
        _one_hot(mentors.function, n_functions),
        LEVEL_GAP_VALUE[gap],
        overlap,
        availability.astype(np.float32),
    ])  # fmt: skip
    return np.ascontiguousarray(mentee_side, np.float32), np.ascontiguousarray(
        mentor_side, np.float32
    )


def _top_columns(scores: F32, k: int) -> IntArray:
    """Each row's k best columns, exactly, without partitioning whole rows.

    Columns are cut into blocks; a row's k best entries always lie in its k blocks with the
    highest maxima (any entry outside them is beaten by those k maxima). So: block maxima,
    the k best blocks, then the k best entries among those blocks only. Block j holds
    columns j, j + n_blocks, j + 2·n_blocks, …, so its maximum is a running maximum over
    contiguous slices, which numpy does fast.
    """
    rows, n = scores.shape
    if n <= k * BLOCK:
        k = min(k, n)
        return np.argpartition(-scores, k - 1, axis=1)[:, :k].astype(np.int64)
    n_blocks = n // BLOCK
    body = n_blocks * BLOCK
    block_max = scores[:, :n_blocks].copy()
    for j in range(1, BLOCK):
        np.maximum(block_max, scores[:, j * n_blocks : (j + 1) * n_blocks], out=block_max)
    best_blocks = np.argpartition(-block_max, k - 1, axis=1)[:, :k]
    columns = (best_blocks[:, :, None] + np.arange(BLOCK)[None, None, :] * n_blocks).reshape(
        rows, -1
    )
    if body < n:  # the leftover columns are always looked at
        tail = np.broadcast_to(np.arange(body, n), (rows, n - body))
        columns = np.hstack([columns, tail])
    values = np.take_along_axis(scores, columns, axis=1)
    pick = np.argpartition(-values, k - 1, axis=1)[:, :k]
    return np.take_along_axis(columns, pick, axis=1).astype(np.int64)


def _language_groups(
    mentees: People, mentors: People, open_: npt.NDArray[np.bool_]
) -> list[tuple[IntArray, IntArray]]:
    """(mentees, mentors they can be matched with) per distinct set of languages."""
    groups = []
    for mask in np.unique(mentees.languages):
        who = np.flatnonzero(mentees.languages == mask)
        shared = (mentors.languages & mask) != 0
        if mask == 0:
            shared[:] = True
        partners = np.flatnonzero(open_ & (shared | (mentors.languages == 0)))
        groups.append((who.astype(np.int64), partners.astype(np.int64)))
    return groups


def _mentee_side_candidates(
    f_a: F32, f_x: F32, groups: list[tuple[IntArray, IntArray]], prefilter: int, chunk: int
) -> tuple[IntArray, IntArray]:
    """(mentees, their `prefilter` best mentors as a 2-D array: one row per mentee)."""
    found_a: list[IntArray] = []
    found_x: list[IntArray] = []
    for who, partners in groups:
        if partners.size < prefilter:
            # Few partners: keep them all (padded by repeating the first; deduplicated later).
            if partners.size:
                padded = np.resize(partners, prefilter)
                found_a.append(who)
                found_x.append(np.broadcast_to(padded, (who.size, prefilter)))
            continue
        partner_features = np.ascontiguousarray(f_x[partners])
        for start in range(0, who.size, chunk):
            rows = who[start : start + chunk]
            top = _top_columns(f_a[rows] @ partner_features.T, prefilter)
            found_a.append(rows)
            found_x.append(partners[top])
    if not found_a:
        return np.zeros(0, np.int64), np.zeros((0, prefilter), np.int64)
    return np.concatenate(found_a), np.vstack(found_x)


def _repeats(grid: IntArray) -> npt.NDArray[np.bool_]:
    """True where a row repeats a value it already holds further left."""
    order = np.argsort(grid, axis=1, kind="stable")
    ordered = np.take_along_axis(grid, order, axis=1)
    repeat_sorted = np.zeros(grid.shape, dtype=bool)
    repeat_sorted[:, 1:] = ordered[:, 1:] == ordered[:, :-1]
    repeats = np.zeros(grid.shape, dtype=bool)
    np.put_along_axis(repeats, order, repeat_sorted, axis=1)
    return repeats


def _niche_candidates(
    f_a: F32, f_x: F32, mentees: People, mentors: People, niche: IntArray, k: int, chunk: int
) -> tuple[IntArray, IntArray]:
    """Each niche mentor's k best mentees by coarse score, among those sharing a language."""
    found_a: list[IntArray] = []
    found_x: list[IntArray] = []
    for start in range(0, niche.size, chunk):
        cols = niche[start : start + chunk]
        scores = f_x[cols] @ f_a.T
        lang_x, lang_a = mentors.languages[cols, None], mentees.languages[None, :]
        scores[((lang_x & lang_a) == 0) & (lang_x != 0) & (lang_a != 0)] = -np.inf
        top = _top_columns(scores, k)
        ok = np.isfinite(np.take_along_axis(scores, top, axis=1)).ravel()
        found_x.append(np.repeat(cols, top.shape[1])[ok])
        found_a.append(top.ravel()[ok])
    if not found_a:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(found_a), np.concatenate(found_x)


def candidate_pairs(
    mentees: People,
    mentors: People,
    *,
    table: F32,
    weights: Mapping[str, float] | None = None,
    excluded: npt.NDArray[np.int64] | None = None,
    k_mentee: int = 20,
    k_mentor: int = 5,
    prefilter: int = 40,
    chunk: int = 2048,
) -> tuple[IntArray, IntArray, F32]:
    """Possible pairs (mentee, mentor, score 0–100): each mentee's best plus niche mentors' best."""
    w = normalized_weights(weights)
    f_a, f_x = coarse_features(mentees, mentors, table, w)
    open_ = mentors.available & (mentors.capacity > 0)
    rows, grid = _mentee_side_candidates(
        f_a, f_x, _language_groups(mentees, mentors, open_), prefilter, chunk
    )
    # Exact scores on each mentee's short list; its k best possible ones stay.
    flat_a = np.repeat(rows, grid.shape[1])
    exact = score_pairs(
        mentees, mentors, flat_a, grid.ravel(), table=table, weights=weights, excluded=excluded
    ).score.reshape(grid.shape)
    if grid.shape[1] and (grid == grid[:, :1]).sum() > grid.shape[0]:
        exact[_repeats(grid)] = -1.0  # short partner lists were padded by repeating them
    k = min(k_mentee, grid.shape[1])
    best = np.argpartition(-exact, k - 1, axis=1)[:, :k] if grid.size else grid[:, :0]
    best_x = np.take_along_axis(grid, best, axis=1)
    best_s = np.take_along_axis(exact, best, axis=1)
    keep = best_s >= 0
    a, x, s = np.repeat(rows, k)[keep.ravel()], best_x[keep], best_s[keep]
    # Niche mentors: those few mentees kept get their own best mentees on top.
    seen = np.bincount(x, minlength=len(mentors))
    niche = np.flatnonzero(open_ & (seen < k_mentor))
    niche_a, niche_x = _niche_candidates(f_a, f_x, mentees, mentors, niche, k_mentor, chunk)
    if niche_a.size:
        already = set(
            zip(a[np.isin(x, niche)].tolist(), x[np.isin(x, niche)].tolist(), strict=True)
        )
        fresh = np.array(
            [(i, j) not in already for i, j in zip(niche_a.tolist(), niche_x.tolist(), strict=True)]
        )
        niche_a, niche_x = niche_a[fresh], niche_x[fresh]
        niche_s = score_pairs(
            mentees, mentors, niche_a, niche_x, table=table, weights=weights, excluded=excluded
        ).score
        ok = niche_s >= 0
        a = np.concatenate([a, niche_a[ok]])
        x = np.concatenate([x, niche_x[ok]])
        s = np.concatenate([s, niche_s[ok]])
    return a, x, s


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
