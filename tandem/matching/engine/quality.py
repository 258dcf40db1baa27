"""The quality report that comes with every bulk-matching run (TARGETS.md M5)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from tandem.matching.engine.solver import Result


@dataclass(frozen=True)
class QualityReport:
    """What a run achieved, in figures a program manager can read."""

    mentees: int
    mentees_matched: int
    matched_percent: float
    pairs: int
    mean_score: float
    min_score: float
    p10_score: float
    blocking_pairs: int
    mentor_load_percent: float  # places used / places offered
    unused_mentor_places: int
    mentors_without_mentee: int
    score_by_group: dict[str, float]  # mean score of matched mentees per group
    matched_percent_by_group: dict[str, float]
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON."""
        return asdict(self)


def quality_report(result: Result, *, groups: Mapping[str, str] | None = None) -> QualityReport:
    """Figures for `result`; `groups` maps mentee id → group for the fairness columns."""
    instance = result.instance
    scores = instance.score[result.edges]
    matched_mentees = np.unique(instance.edge_mentee[result.edges])
    used = np.bincount(instance.edge_mentor[result.edges], minlength=len(instance.mentor_ids))
    places = int(instance.mentor_capacity.sum())
    n_mentees = len(instance.mentee_ids)
    by_group_scores: dict[str, list[float]] = {}
    by_group_counts: dict[str, list[int]] = {}
    if groups:
        best = np.zeros(n_mentees)
        np.maximum.at(best, instance.edge_mentee[result.edges], scores)
        is_matched = np.zeros(n_mentees, dtype=bool)
        is_matched[matched_mentees] = True
        for i, mentee in enumerate(instance.mentee_ids):
            group = groups.get(mentee, "other")
            by_group_counts.setdefault(group, []).append(int(is_matched[i]))
            if is_matched[i]:
                by_group_scores.setdefault(group, []).append(float(best[i]))
    return QualityReport(
        mentees=n_mentees,
        mentees_matched=int(matched_mentees.shape[0]),
        matched_percent=100.0 * matched_mentees.shape[0] / n_mentees if n_mentees else 0.0,
        pairs=result.matched,
        mean_score=float(scores.mean()) if scores.size else 0.0,
        min_score=float(scores.min()) if scores.size else 0.0,
        p10_score=float(np.percentile(scores, 10)) if scores.size else 0.0,
        blocking_pairs=result.blocking_pairs,
        mentor_load_percent=100.0 * int(used.sum()) / places if places else 0.0,
        unused_mentor_places=places - int(used.sum()),
        mentors_without_mentee=int(np.count_nonzero((used == 0) & (instance.mentor_capacity > 0))),
        score_by_group={g: float(np.mean(v)) for g, v in sorted(by_group_scores.items())},
        matched_percent_by_group={
            g: 100.0 * float(np.mean(v)) for g, v in sorted(by_group_counts.items())
        },
        seconds=result.seconds,
    )
