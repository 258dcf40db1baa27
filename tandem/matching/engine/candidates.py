"""Candidate generation for bulk matching: a sparse graph of the best possible pairs.

Scoring every mentee against every mentor exactly is too slow at 100,000 × 20,000, so it
goes in two stages:
1. A coarse score: skills, goals, direction, level gap, timezone overlap and availability
   (90 of the 100 default weight points) are written as one linear form,
   `features(mentee) · features(mentor)`, so a whole chunk of mentees is scored against all
   mentors by one matrix product (BLAS). Mentees are grouped by their languages and only
   mentors they share a language with, who are open to requests, are scored at all. Each
   mentee keeps its `prefilter` best, found exactly without sorting whole rows (see
   `_top_columns`). Mentors that few mentees kept ("niche") get their own best mentees.
2. Exact scores and every hard constraint (`score_pairs`) on those pairs only, keeping each
   mentee's `k_mentee` best plus each niche mentor's `k_mentor` best.

What keeps stage 1 fast (issue 14; 2.0–2.4× at 100,000 × 20,000, bench/bulk.py): mentees are
chunked in an order where neighbours share skills and direction, and each product sums only
over the features its chunk uses (a third of them); chunks run on every core, one BLAS thread
each, writing into one reused buffer per thread.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from typing import TypeVar

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from tandem.matching.engine.instance import Instance, IntArray
from tandem.matching.engine.people import NO_SKILL, People
from tandem.matching.engine.score import (
    HOURS_FOR_FULL_AVAILABILITY,
    LEVEL_GAP_VALUE,
    TARGET_SHARES,
    normalized_weights,
    score_pairs,
    timezone_overlap,
)

F32 = npt.NDArray[np.float32]
BLOCK = 16  # columns per block when looking for each row's best columns
MAX_THREADS = 8  # each holds a buffer of CELLS scores
CELLS = 1 << 23  # coarse scores a thread holds at once (32 MB): chunks shrink to fit
LEVELS = 10
_T = TypeVar("_T")
_R = TypeVar("_R")


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
    # Direction: halves for industry and function, or shares with the level once a mentee
    # has set a target level (as score.direction_fit), so each mentee row has its own share.
    targeted = mentees.target_level >= 0
    share = np.float32(w["direction"]) * np.where(targeted, TARGET_SHARES[0], 0.5)[:, None]
    aim = np.where(targeted, np.clip(mentees.target_level, 1, LEVELS) - 1, -1)
    level_share = np.float32(w["direction"] * TARGET_SHARES[1])
    mentee_side = np.hstack([
        np.float32(w["goals"]) * mentees.text,
        np.float32(w["skills"]) * wanted,
        share * _one_hot(mentees.industry, n_industries),
        share * _one_hot(mentees.function, n_functions),
        level_share * _one_hot(aim, LEVELS),
        np.float32(w["level_gap"]) * _one_hot(np.clip(mentees.level, 1, LEVELS) - 1, LEVELS),
        np.float32(w["timezone"]) * _one_hot(offset_code.astype(np.int64), offsets.size),
        np.full((len(mentees), 1), w["availability"], dtype=np.float32),
    ])  # fmt: skip
    mentor_side = np.hstack([
        mentors.text,
        table,
        _one_hot(mentors.industry, n_industries),
        _one_hot(mentors.function, n_functions),
        _one_hot(np.clip(mentors.level, 1, LEVELS) - 1, LEVELS),
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
    columns j, j + n_blocks, j + 2·n_blocks, …, so the maxima are one reduction over the
    middle axis of a (rows, BLOCK, n_blocks) view, which numpy runs over contiguous runs.
    """
    rows, n = scores.shape
    if n <= k * BLOCK:
        k = min(k, n)
        return np.argpartition(scores, n - k, axis=1)[:, n - k :].astype(np.int64)
    n_blocks = n // BLOCK
    body = n_blocks * BLOCK
    block_max = scores[:, :body].reshape(rows, BLOCK, n_blocks).max(axis=1)
    best_blocks = np.argpartition(block_max, n_blocks - k, axis=1)[:, n_blocks - k :]
    columns = (best_blocks[:, :, None] + np.arange(0, body, n_blocks)[None, None, :]).reshape(
        rows, -1
    )
    if body < n:  # the leftover columns are always looked at
        tail = np.broadcast_to(np.arange(body, n), (rows, n - body))
        columns = np.hstack([columns, tail])
    # One flat gather: cheaper than take_along_axis on a 2-D index.
    values = np.ascontiguousarray(scores).ravel()[columns + np.arange(0, rows * n, n)[:, None]]
    width = values.shape[1]
    pick = np.argpartition(values, width - k, axis=1)[:, width - k :]
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


class _Workers:
    """Runs chunks of work on every core: BLAS and numpy release the GIL while they work.

    Each thread keeps one buffer for its matrix products: a fresh array of tens of MB per
    chunk is paged in by the kernel every time, which cost about as much as the product.
    The buffers live as long as this object, so one candidate search.
    """

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._local = threading.local()

    def buffer(self, rows: int, cols: int) -> F32:
        """A (rows, cols) array to overwrite, owned by the calling thread."""
        held: F32 | None = getattr(self._local, "buffer", None)
        if held is None or held.size < rows * cols:
            held = self._local.buffer = np.empty(rows * cols, dtype=np.float32)
        return held[: rows * cols].reshape(rows, cols)

    def map(self, work: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
        """work(item) for each item, in order, on up to `workers` threads."""
        if self.workers == 1 or len(items) <= 1:
            return [work(item) for item in items]
        # One BLAS thread under each of ours: BLAS's own threads spinning beside them cost a
        # fifth of the run at 100,000 × 20,000 on two cores (bench/bulk.py).
        with (
            threadpool_limits(limits=1, user_api="blas"),
            ThreadPoolExecutor(max_workers=self.workers) as pool,
        ):
            return list(pool.map(work, items))


def _sharing_order(people: People, who: IntArray) -> IntArray:
    """`who` reordered so that neighbours tend to use the same features: by function, then
    lowest skill, then industry. A chunk of neighbours then leaves most skill and direction
    columns at zero, and `_product` skips them (at 100,000 × 20,000: 120 of 347)."""
    skills = people.skills[who]
    lowest = np.where(skills == NO_SKILL, np.iinfo(np.int64).max, skills).min(axis=1, initial=0)
    return who[np.lexsort((people.industry[who], lowest, people.function[who]))]


def _product(workers: _Workers, left: F32, right_t: F32, used: IntArray) -> F32:
    """left · right_t summed over the `used` features only, into this thread's buffer."""
    out = workers.buffer(left.shape[0], right_t.shape[1])
    return np.matmul(left[:, used], right_t[used], out=out)


def _used(features: F32) -> IntArray:
    """The features some row uses (non-zero): the others add nothing to a product."""
    return np.flatnonzero(features.any(axis=0))


def _mentee_side_candidates(
    f_a: F32,
    f_x: F32,
    mentees: People,
    groups: list[tuple[IntArray, IntArray]],
    prefilter: int,
    chunk: int,
    workers: _Workers,
) -> tuple[IntArray, IntArray]:
    """(mentees, their `prefilter` best mentors as a 2-D array: one row per mentee)."""
    grid = np.zeros((len(mentees), prefilter), dtype=np.int64)
    found = np.zeros(len(mentees), dtype=bool)
    tasks: list[tuple[IntArray, IntArray, F32]] = []
    for who, partners in groups:
        if partners.size < prefilter:
            # Few partners: keep them all (padded by repeating the first; deduplicated later).
            if partners.size:
                grid[who] = np.resize(partners, prefilter)
                found[who] = True
            continue
        partners_t = np.ascontiguousarray(f_x[partners].T)
        ordered = _sharing_order(mentees, who)
        step = max(1, min(chunk, CELLS // partners.size))
        tasks += [(ordered[s : s + step], partners, partners_t) for s in range(0, who.size, step)]
        found[who] = True

    def best(task: tuple[IntArray, IntArray, F32]) -> None:
        rows, partners, partners_t = task
        left = f_a[rows]
        scores = _product(workers, left, partners_t, _used(left))
        grid[rows] = partners[_top_columns(scores, prefilter)]  # rows of tasks never overlap

    workers.map(best, tasks)
    rows = np.flatnonzero(found)
    return rows, grid[rows]


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
    f_a: F32,
    f_x: F32,
    mentees: People,
    mentors: People,
    niche: IntArray,
    k: int,
    workers: _Workers,
) -> tuple[IntArray, IntArray]:
    """Each niche mentor's k best mentees by coarse score, among those sharing a language.

    Mentees are taken in chunks (in sharing order, so each chunk uses few features): every
    chunk gives each niche mentor its k best there, and the best k of those are kept.
    """
    if not niche.size or not len(mentees):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    niche_f = f_x[niche]
    masks, which = np.unique(mentors.languages[niche], return_inverse=True)
    which = which.ravel()
    ordered = _sharing_order(mentees, np.arange(len(mentees), dtype=np.int64))
    step = max(1, CELLS // niche.size)

    def best(rows: IntArray) -> tuple[IntArray, F32]:
        right = f_a[rows]
        scores = _product(workers, niche_f, right.T, _used(right))
        lang_a = mentees.languages[rows]
        apart = ((masks[:, None] & lang_a[None, :]) == 0) & (masks[:, None] != 0) & (lang_a != 0)
        scores[apart[which]] = -np.inf
        top = _top_columns(scores, k)
        return rows[top], np.take_along_axis(scores, top, axis=1)

    found = workers.map(best, [ordered[s : s + step] for s in range(0, ordered.size, step)])
    who = np.hstack([rows for rows, _ in found])
    values = np.hstack([v for _, v in found])
    top = _top_columns(values, k)
    ok = np.isfinite(np.take_along_axis(values, top, axis=1)).ravel()
    return np.take_along_axis(who, top, axis=1).ravel()[ok], np.repeat(niche, top.shape[1])[ok]


def _exact_scores(
    workers: _Workers, a: IntArray, x: IntArray, score: Callable[[IntArray, IntArray], F32]
) -> F32:
    """score(a, x) computed in one slice per worker."""
    bounds = np.linspace(0, a.size, workers.workers + 1).astype(np.int64)
    slices = [slice(lo, hi) for lo, hi in pairwise(bounds.tolist())]
    parts = workers.map(lambda part: score(a[part], x[part]), slices)
    return np.concatenate(parts) if parts else np.zeros(0, np.float32)


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
    chunk: int = 512,
    threads: int | None = None,
) -> tuple[IntArray, IntArray, F32]:
    """Possible pairs (mentee, mentor, score 0–100): each mentee's best plus niche mentors' best.

    The `prefilter` best by coarse score are scored exactly: 60 hold 99.6 % of each mentee's
    exact top 20 at 100,000 × 20,000, 40 held 97.6 % (bench/bulk.py --recall). `threads`
    defaults to the machine's cores; pairs come out by mentee, then niche mentors'.
    """
    w = normalized_weights(weights)
    f_a, f_x = coarse_features(mentees, mentors, table, w)
    open_ = mentors.available & (mentors.capacity > 0)
    workers = _Workers(threads if threads is not None else min(MAX_THREADS, os.cpu_count() or 1))
    groups = _language_groups(mentees, mentors, open_)
    rows, grid = _mentee_side_candidates(f_a, f_x, mentees, groups, prefilter, chunk, workers)

    def exact(a: IntArray, x: IntArray) -> F32:
        return score_pairs(
            mentees, mentors, a, x, table=table, weights=weights, excluded=excluded
        ).score

    # Exact scores on each mentee's short list; its k best possible ones stay.
    scores = _exact_scores(workers, np.repeat(rows, grid.shape[1]), grid.ravel(), exact)
    scores = scores.reshape(grid.shape)
    if grid.shape[1] and (grid == grid[:, :1]).sum() > grid.shape[0]:
        scores[_repeats(grid)] = -1.0  # short partner lists were padded by repeating them
    k = min(k_mentee, grid.shape[1])
    best = np.argpartition(-scores, k - 1, axis=1)[:, :k] if grid.size else grid[:, :0]
    best_x = np.take_along_axis(grid, best, axis=1)
    best_s = np.take_along_axis(scores, best, axis=1)
    keep = best_s >= 0
    a, x, s = np.repeat(rows, k)[keep.ravel()], best_x[keep], best_s[keep]
    # Niche mentors: those few mentees kept get their own best mentees on top.
    seen = np.bincount(x, minlength=len(mentors))
    niche = np.flatnonzero(open_ & (seen < k_mentor))
    niche_a, niche_x = _niche_candidates(f_a, f_x, mentees, mentors, niche, k_mentor, workers)
    mine = np.isin(x, niche)
    fresh = ~np.isin(niche_a * len(mentors) + niche_x, a[mine] * len(mentors) + x[mine])
    niche_a, niche_x = niche_a[fresh], niche_x[fresh]
    if niche_a.size:
        niche_s = exact(niche_a, niche_x)
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
    # The same order as lexsort((x, a)), ten times faster: one key, and a stable sort makes
    # use of pairs already coming by mentee.
    order = np.argsort(a.astype(np.int64) * len(mentors) + x, kind="stable")
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
