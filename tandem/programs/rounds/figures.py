"""What a round's manager reads about it: the quality report (M5), the score histogram, the
mentor load, the comparison of modes, and each pair's reasons in words.

1:1 rounds take the engine's `quality_report`, with departments as the fairness groups, and
compare the three modes on the same candidate graph. Pools report the same headline figures
per person, and compare the exact matching with a greedy one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tandem.matching.engine.instance import FloatArray, IntArray
from tandem.matching.engine.quality import quality_report
from tandem.matching.engine.reasons import MENTEE, explain
from tandem.matching.engine.score import score_pairs
from tandem.matching.engine.solver import Result
from tandem.programs.models import Program
from tandem.programs.rounds.people import Encoded

BANDS = 10  # the histogram: pairs per 10-point band, 0–9 … 90–100
NO_GROUP = "No department"
# The figures a hand edit changes (pairs, scores, places); the rest stay those of the run.
HEADLINE = (
    "pairs", "mentees_matched", "matched_percent", "mean_score", "min_score", "p10_score",
    "mentor_load_percent", "unused_mentor_places", "mentors_without_mentee",
)  # fmt: skip


@dataclass
class Draft:
    """What a run found: pairs as (participant index, participant index, score), the same
    pairs as engine rows (mentee row, mentor row) for their reasons, and the figures."""

    pairs: list[tuple[int, int, float]]
    rows: tuple[IntArray, IntArray]
    quality: dict[str, Any]
    comparison: dict[str, Any]
    over_capacity: set[int] = field(default_factory=set)  # participant indices
    reasons: list[list[str]] = field(default_factory=list)  # filled in by its own step


def histogram(scores: Iterable[float]) -> list[int]:
    """How many pairs score in each 10-point band (100 counts in the top band)."""
    values = np.clip(np.asarray(list(scores), dtype=np.float64), 0, 100)
    bands = np.minimum((values // 10).astype(np.int64), BANDS - 1)
    return np.bincount(bands, minlength=BANDS).astype(int).tolist()


def load_table(used: Sequence[int], people: int) -> list[list[int]]:
    """[[pairs, how many people have that many], …] from 0 up; `used` counts each one's pairs
    among `people` (those without any are the zero row)."""
    counts = Counter(used)
    counts[0] += people - len(used)
    return [[k, counts.get(k, 0)] for k in range(max(counts, default=0) + 1)]


def _groups(encoded: Encoded) -> dict[str, str]:
    return {
        encoded.mentees.ids[r]: encoded.participants[p].department.strip() or NO_GROUP
        for r, p in enumerate(encoded.mentee_at.tolist())
    }


def one_to_one_quality(encoded: Encoded, result: Result) -> dict[str, Any]:
    """The M5 report of a 1:1 run, with the mentor load and what a hand edit needs."""
    instance = result.instance
    report = quality_report(result, groups=_groups(encoded)).as_dict()
    used = np.bincount(instance.edge_mentor[result.edges], minlength=len(instance.mentor_ids))
    offering = instance.mentor_capacity > 0
    return {
        **report,
        "mentors": len(instance.mentor_ids),
        "mentors_offering": int(np.count_nonzero(offering)),
        "places": int(instance.mentor_capacity.sum()),
        "mentor_load": load_table([int(u) for u in used if u], len(instance.mentor_ids)),
    }


def comparison_row(report: dict[str, Any]) -> dict[str, Any]:
    """The figures the mode comparison shows side by side."""
    keys = (
        "pairs", "matched_percent", "mean_score", "min_score", "p10_score", "blocking_pairs",
        "mentor_load_percent", "seconds",
    )  # fmt: skip
    return {key: report[key] for key in keys if key in report}


def greedy_pool(
    n: int, i: IntArray, j: IntArray, weight: FloatArray, capacity: IntArray
) -> IntArray:
    """Edges a greedy matching takes (best weight first, while both have room): the baseline
    a pool's exact matching is compared with."""
    left = capacity.astype(np.int64).copy()
    chosen = []
    for e in np.argsort(-weight, kind="stable").tolist():
        a, b = int(i[e]), int(j[e])
        if left[a] > 0 and left[b] > 0:
            left[a] -= 1
            left[b] -= 1
            chosen.append(e)
    return np.array(sorted(chosen), dtype=np.int64)


def headline_after_edit(
    quality: dict[str, Any], program: Program, pairs: list[tuple[int, int, float]]
) -> dict[str, Any]:
    """The run's figures redone for the pairs as they stand after a hand edit ((first
    participant id, second participant id, score) each); blocking pairs and the comparison
    stay those of the run, marked as such."""
    scores = np.array([s for _, _, s in pairs], dtype=np.float64)
    figures: dict[str, Any] = {
        "pairs": len(pairs),
        "mean_score": float(scores.mean()) if scores.size else 0.0,
        "min_score": float(scores.min()) if scores.size else 0.0,
        "p10_score": float(np.percentile(scores, 10)) if scores.size else 0.0,
    }
    if program.is_pool:
        people = int(quality.get("people", 0))
        used = Counter([a for a, _, _ in pairs] + [b for _, b, _ in pairs])
        matched = len(used)
        figures |= {
            "people_matched": matched,
            "matched_percent": 100.0 * matched / people if people else 0.0,
            "people_without_pair": people - matched,
            "person_load": load_table(list(used.values()), people),
        }
    else:
        mentees = int(quality.get("mentees", 0))
        matched = len({a for a, _, _ in pairs})
        mentors = Counter(b for _, b, _ in pairs)
        places = int(quality.get("places", 0))
        figures |= {
            "mentees_matched": matched,
            "matched_percent": 100.0 * matched / mentees if mentees else 0.0,
            "mentor_load_percent": 100.0 * len(pairs) / places if places else 0.0,
            "unused_mentor_places": max(places - len(pairs), 0),
            "mentors_without_mentee": max(
                int(quality.get("mentors_offering", 0)) - len(mentors), 0
            ),
            "mentor_load": load_table(list(mentors.values()), int(quality.get("mentors", 0))),
        }
    return {**quality, **figures, "edited": True}


def reasons_for(
    encoded: Encoded, rows_a: IntArray, rows_x: IntArray, weights: dict[str, float]
) -> list[list[str]]:
    """Why each pair (mentee row, mentor row) fits, told as to the mentee side."""
    if not rows_a.size:
        return []
    scores = score_pairs(
        encoded.mentees, encoded.mentors, rows_a, rows_x, table=encoded.table, weights=weights
    )
    reverse = encoded.program.kind == Program.Kind.REVERSE
    out = []
    for k in range(rows_a.shape[0]):
        explanation = explain(
            encoded.mentees, encoded.mentors, scores, k, encoded.labels, weights=weights,
            voice=MENTEE,
        )  # fmt: skip
        words = []
        for factor, sentence in explanation.reasons:
            if factor == "level_gap" and reverse:
                # Levels were turned round for the engine: say it the right way up.
                gap = int(encoded.mentors.level[rows_x[k]] - encoded.mentees.level[rows_a[k]])
                sentence = (
                    f"{gap} level{'s' if gap != 1 else ''} earlier in their career than you, "
                    "with a fresh view"
                    if gap > 0
                    else "at your level"
                )
            words.append(sentence)
        out.append(words)
    return out
