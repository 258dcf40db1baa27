"""Candidate generation as it was before issue 14, kept only as bench/bulk.py's baseline.

The engine's `candidate_pairs` (tandem/matching/engine/candidates.py) replaced it: same
candidates up to float ties, found faster. This copy multiplies every mentee by every
feature in chunks of 2,048, on BLAS's own threads, and finds each niche mentor's mentees
against all of them at once. The helpers that did not change are the engine's.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.candidates import (
    BLOCK,
    F32,
    _language_groups,
    _repeats,
    coarse_features,
)
from tandem.matching.engine.instance import IntArray
from tandem.matching.engine.people import People
from tandem.matching.engine.score import normalized_weights, score_pairs


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
