"""Peer and coffee rounds: one pool matched to itself by a maximum-weight matching on a
general graph (`engine.pool.pool_match`): no one with themselves, each person in at most as
many pairs as their capacity in the program (one, unless it says more), locked pairs kept.
The exact matching is compared with a greedy one on the same graph."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from tandem.matching.engine.instance import FloatArray, IntArray
from tandem.matching.engine.pool import pool_match, pool_quality
from tandem.programs.rounds.build import Graph
from tandem.programs.rounds.figures import Draft, greedy_pool, load_table
from tandem.programs.rounds.people import Encoded


def _scores_of(graph: Graph, n: int, pairs: IntArray) -> FloatArray:
    """The shown score of each chosen pair (i < j), looked up among the graph's edges."""
    keys = graph.first * n + graph.second
    order = np.argsort(keys)
    at = order[np.searchsorted(keys, pairs[:, 0] * n + pairs[:, 1], sorter=order)]
    return graph.score[at]


def _row(pairs: IntArray, scores: FloatArray, n: int, seconds: float) -> dict[str, Any]:
    matched = int(np.count_nonzero(np.bincount(pairs.ravel(), minlength=n))) if n else 0
    return {
        "pairs": int(pairs.shape[0]),
        "matched_percent": 100.0 * matched / n if n else 0.0,
        "mean_score": float(scores.mean()) if scores.size else 0.0,
        "min_score": float(scores.min()) if scores.size else 0.0,
        "total": float(scores.sum()),
        "seconds": seconds,
    }


def pool_solve(encoded: Encoded, graph: Graph, *, progress: Callable[[], None]) -> Draft:
    """The pool's pairs (i < j) and figures."""
    n = len(encoded.participants)
    capacity = encoded.mentors.capacity.astype(np.int64).copy()
    firsts, seconds = graph.first[graph.locked].tolist(), graph.second[graph.locked].tolist()
    locked = list(zip(firsts, seconds, strict=True))
    if locked:
        capacity = np.maximum(capacity, np.bincount(firsts + seconds, minlength=n))
    result = pool_match(
        n, graph.first, graph.second, graph.weight, capacity=capacity, locked=locked
    )
    progress()
    pairs = np.asarray(result.pairs, dtype=np.int64).reshape(-1, 2)
    scores = _scores_of(graph, n, pairs) if pairs.size else np.zeros(0)
    shown = replace(result, pairs=pairs, scores=scores, total=float(scores.sum()))
    quality = pool_quality(shown, n, capacity).as_dict()
    used = np.bincount(pairs.ravel(), minlength=n)
    quality |= {
        "people_without_pair": n - quality["people_matched"],
        "person_load": load_table([int(u) for u in used if u], n),
        "upper_bound": float(result.upper_bound),
    }
    greedy = greedy_pool(n, graph.first, graph.second, graph.weight, capacity)
    greedy_pairs = np.stack([graph.first[greedy], graph.second[greedy]], axis=1)
    return Draft(
        pairs=list(zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), scores.tolist(), strict=True)),
        rows=(pairs[:, 0], pairs[:, 1]),
        quality=quality,
        comparison={
            "matching": _row(pairs, scores, n, float(result.seconds)),
            "greedy": _row(greedy_pairs, graph.score[greedy], n, 0.0),
        },
    )
