"""`pool_quality`: what a pool run achieved, in figures a program manager can read."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from tandem.matching.engine.instance import IntArray
from tandem.matching.engine.pool.match import PoolResult


@dataclass(frozen=True)
class PoolQuality:
    """What a pool run achieved, in figures a program manager can read (like `QualityReport`)."""

    people: int
    people_matched: int
    matched_percent: float
    pairs: int
    mean_score: float
    min_score: float
    p10_score: float
    unused_places: int  # places offered (sum of capacities) minus places used (2 per pair)
    seconds: float
    exact: bool
    gap_percent: float

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON."""
        return asdict(self)


def pool_quality(result: PoolResult, n: int, capacity: IntArray | None = None) -> PoolQuality:
    """Figures for a pool run over people 0..n-1 (capacity 1 each when not given)."""
    places = int(np.sum(capacity)) if capacity is not None else n
    matched = int(np.unique(result.pairs).shape[0])
    scores = result.scores
    return PoolQuality(
        people=n,
        people_matched=matched,
        matched_percent=100.0 * matched / n if n else 0.0,
        pairs=int(result.pairs.shape[0]),
        mean_score=float(scores.mean()) if scores.size else 0.0,
        min_score=float(scores.min()) if scores.size else 0.0,
        p10_score=float(np.percentile(scores, 10)) if scores.size else 0.0,
        unused_places=places - 2 * int(result.pairs.shape[0]),
        seconds=result.seconds,
        exact=result.exact,
        gap_percent=result.gap_percent,
    )
