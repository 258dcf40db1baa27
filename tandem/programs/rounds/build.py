"""A round's candidate graph: who could be paired with whom, and at what score.

1:1 programs: the engine's candidate search (`candidate_pairs`) with the program's weights,
the pair sets of the rules (blocks, forbids, live mentorships, the reporting line) passed in as
excluded pairs, then the program's other rules as a vectorised filter. The search keeps more
candidates per mentee when such rules are on, and a mentee left with fewer than a handful is
scored exactly against every mentor (a top-up), so strict rules never strand anyone the rules
allow. Pools (peer, coffee): the same search with everyone on both sides; a pair's score is the
mean of both directions, one edge per pair (i < j).

Then the program's own touches: intake answers that feed matching move the score by up to
`ANSWER_POINTS` a question, and in coffee rounds people whose last chat did not happen or was
rated 1–2 get `PRIORITY_POINTS` on every pair, in what the solver maximizes only (so when not
everyone can be matched, they are matched first; the score shown is not changed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.candidates import candidate_instance, candidate_pairs
from tandem.matching.engine.instance import FloatArray, Instance, IntArray
from tandem.matching.engine.score import FACTORS, normalized_weights, score_pairs
from tandem.programs.models import MatchFeedback, Program, Question
from tandem.programs.rounds.people import Encoded
from tandem.programs.rounds.rules import PAIR_RULES, Facts, blocked, rules_broken

ANSWER_POINTS = 5.0
PRIORITY_POINTS = 10.0
LOW_RATING = 2
K_MENTEE, K_STRICT = 20, 40  # candidates kept per mentee (more when rules filter some out)
TOP_UP_BELOW = 5
TOP_UP_PAIRS = 2_000_000  # pairs scored at once when topping up

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Graph:
    """Possible pairs as participant indices (1:1: mentee, mentor; pools: i < j)."""

    first: IntArray
    second: IntArray
    score: FloatArray  # 0–100, shown and stored
    weight: FloatArray  # what the solver maximizes
    locked: BoolArray  # the pairs a manager locked (always kept)


def weights_of(program: Program) -> dict[str, float]:
    """The program's factor weights as percentages (the defaults when it set none)."""
    return normalized_weights(program.weights or None)


def _strict(program: Program) -> bool:
    return bool(
        program.rule_outside_department
        or program.rule_max_timezone_gap is not None
        or program.rule_min_level_gap is not None
        or program.kind == Program.Kind.REVERSE
    )


def _rows_of(at: IntArray, n: int) -> IntArray:
    """Participant index → row on that side (-1 when not on it)."""
    rows = np.full(n, -1, dtype=np.int64)
    rows[at] = np.arange(at.shape[0])
    return rows


def _excluded_rows(encoded: Encoded, facts: Facts) -> IntArray:
    """The rules' pair sets as the engine's excluded keys (mentee row × mentors + mentor row)."""
    n, n_x = facts.n, len(encoded.mentors)
    keys = [facts.barred[rule] for rule in PAIR_RULES if rule in facts.barred]
    barred = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
    a = _rows_of(encoded.mentee_at, n)[barred // max(n, 1)]
    x = _rows_of(encoded.mentor_at, n)[barred % max(n, 1)]
    ok = (a >= 0) & (x >= 0)
    return np.unique(a[ok] * n_x + x[ok])


def _allowed(encoded: Encoded, facts: Facts, a: IntArray, x: IntArray) -> BoolArray:
    return rules_broken(facts, encoded.mentee_at[a], encoded.mentor_at[x]) == 0


def _top_up(
    encoded: Encoded, facts: Facts, a: IntArray, x: IntArray, s: FloatArray,
    weights: dict[str, float], excluded: IntArray,
) -> tuple[IntArray, IntArray, FloatArray]:  # fmt: skip
    """Mentees left with few candidates are scored against every mentor; their best stay."""
    n_a, n_x = len(encoded.mentees), len(encoded.mentors)
    short = np.flatnonzero(np.bincount(a, minlength=n_a) < TOP_UP_BELOW)
    if not short.size or not n_x:
        return a, x, s
    found_a, found_x, found_s = [a], [x], [s]
    step = max(TOP_UP_PAIRS // n_x, 1)
    for start in range(0, short.size, step):
        rows = short[start : start + step]
        aa, xx = np.repeat(rows, n_x), np.tile(np.arange(n_x, dtype=np.int64), rows.size)
        scores = score_pairs(
            encoded.mentees, encoded.mentors, aa, xx, table=encoded.table, weights=weights,
            excluded=excluded,
        ).score.astype(np.float64)  # fmt: skip
        scores[~_allowed(encoded, facts, aa, xx)] = -1.0
        grid = scores.reshape(rows.size, n_x)
        k = min(K_STRICT, n_x)
        best = np.argpartition(-grid, k - 1, axis=1)[:, :k]
        best_s = np.take_along_axis(grid, best, axis=1)
        keep = best_s >= 0
        found_a.append(np.repeat(rows, k)[keep.ravel()])
        found_x.append(best[keep])
        found_s.append(best_s[keep])
    a, x, s = np.concatenate(found_a), np.concatenate(found_x), np.concatenate(found_s)
    _, first = np.unique(a * n_x + x, return_index=True)
    return a[first], x[first], s[first]


def _directed(
    encoded: Encoded, facts: Facts, weights: dict[str, float]
) -> tuple[IntArray, IntArray, FloatArray]:
    """(mentee row, mentor row, score) of every candidate pair the program allows."""
    if not len(encoded.mentees) or not len(encoded.mentors):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    excluded = _excluded_rows(encoded, facts)
    k = K_STRICT if _strict(encoded.program) else K_MENTEE
    # Pools need the engine's extra lists for "mentors" few picked as much as 1:1 rounds: every
    # short list leans towards the same popular people, and without those lists a third of a
    # 10,000-person coffee pool went unmatched (bench/program_rounds.py).
    a, x, s = candidate_pairs(
        encoded.mentees, encoded.mentors, table=encoded.table, weights=weights,
        excluded=excluded, k_mentee=k, prefilter=2 * k,
    )  # fmt: skip
    keep = _allowed(encoded, facts, a, x)
    return _top_up(encoded, facts, a[keep], x[keep], s[keep].astype(np.float64), weights, excluded)


def raw_scores(encoded: Encoded, a: IntArray, x: IntArray, weights: dict[str, float]) -> FloatArray:
    """The weighted factor score of these pairs, even where a hard constraint forbids them
    (a pair a manager made by hand still shows what it is worth)."""
    scores = score_pairs(
        encoded.mentees, encoded.mentors, a, x, table=encoded.table, weights=weights
    )
    total = np.zeros(a.shape[0], dtype=np.float64)
    for factor in FACTORS:
        total += weights[factor] * scores.factors[factor]
    return np.clip(total, 0.0, 100.0)


def _answer_codes(question: Question, answers: list[object]) -> IntArray:
    choices = [str(c) for c in question.choices][:63]
    codes = []
    for answer in answers:
        picked = answer if isinstance(answer, list) else [answer] if answer else []
        codes.append(sum(1 << choices.index(str(v)) for v in picked if str(v) in choices))
    return np.array(codes, dtype=np.int64)


def answer_bonus(encoded: Encoded, p: IntArray, q: IntArray) -> FloatArray:
    """Up to ANSWER_POINTS per question that feeds matching: for "same", the share of answers
    the two have in common (all of it for equal single choices); for "different", the rest.
    Nothing when either did not answer."""
    bonus = np.zeros(p.shape[0], dtype=np.float64)
    questions = encoded.program.questions.exclude(matching=Question.Matching.NONE)
    for question in questions:
        codes = _answer_codes(
            question, [x.answers.get(str(question.pk)) for x in encoded.participants]
        )
        mine, theirs = codes[p], codes[q]
        both = (mine != 0) & (theirs != 0)
        union = np.bitwise_count(mine | theirs).astype(np.float64)
        shared = np.bitwise_count(mine & theirs) / np.maximum(union, 1.0)
        value = shared if question.matching == Question.Matching.SAME else 1.0 - shared
        bonus += np.where(both, ANSWER_POINTS * value, 0.0)
    return bonus


def coffee_priority(encoded: Encoded) -> BoolArray:
    """People whose latest chat in this program did not happen, or who rated it 1–2."""
    at = {x.pk: i for i, x in enumerate(encoded.participants)}
    priority = np.zeros(len(encoded.participants), dtype=bool)
    seen: set[int] = set()
    for author, met, rating in (
        MatchFeedback.objects.filter(match__program=encoded.program, author_id__in=list(at))
        .order_by("author_id", "-match__round__number", "-id")
        .values_list("author_id", "met", "rating")
    ):
        if author in seen:
            continue
        seen.add(author)
        priority[at[author]] = not met or (rating is not None and rating <= LOW_RATING)
    return priority


def _with_locked(
    encoded: Encoded, a: IntArray, x: IntArray, s: FloatArray, locked: list[tuple[int, int]],
    weights: dict[str, float],
) -> tuple[IntArray, IntArray, FloatArray, BoolArray]:  # fmt: skip
    """The candidates plus every locked pair (rows), scored even if a rule forbids it."""
    n, n_x = len(encoded.participants), len(encoded.mentors)
    mentee_row, mentor_row = _rows_of(encoded.mentee_at, n), _rows_of(encoded.mentor_at, n)
    pairs = [(mentee_row[p], mentor_row[q]) for p, q in locked]
    pairs = [(r, c) for r, c in pairs if r >= 0 and c >= 0]
    is_locked = np.zeros(a.shape[0], dtype=bool)
    if not pairs:
        return a, x, s, is_locked
    la, lx = (np.array(side, dtype=np.int64) for side in zip(*pairs, strict=True))
    keys = a * n_x + x
    fresh = ~np.isin(la * n_x + lx, keys)
    is_locked[np.isin(keys, la * n_x + lx)] = True
    la, lx = la[fresh], lx[fresh]
    return (
        np.concatenate([a, la]),
        np.concatenate([x, lx]),
        np.concatenate([s, raw_scores(encoded, la, lx, weights)]),
        np.concatenate([is_locked, np.ones(la.shape[0], dtype=bool)]),
    )


def graph_build(encoded: Encoded, facts: Facts, *, locked: list[tuple[int, int]]) -> Graph:
    """Every pair the round may choose from (`locked`: participant index pairs to keep)."""
    weights = weights_of(encoded.program)
    # A lock keeps a pair whatever the rules say, except a block made since: that one goes.
    locked = [(p, q) for p, q in locked if not blocked(facts, p, q)]
    a, x, s = _directed(encoded, facts, weights)
    if encoded.pool:
        # Both directions of each pair: the mean of the two scores, one edge per pair.
        back = score_pairs(
            encoded.mentees, encoded.mentors, x, a, table=encoded.table, weights=weights
        ).score
        ok = back >= 0
        a, x, s = a[ok], x[ok], (s[ok] + back[ok]) / 2.0
        i, j = np.minimum(a, x), np.maximum(a, x)
        _, first = np.unique(i * len(encoded.participants) + j, return_index=True)
        a, x, s = i[first], j[first], s[first]
        locked = [(min(p, q), max(p, q)) for p, q in locked]
    a, x, s, is_locked = _with_locked(encoded, a, x, s, locked, weights)
    p, q = encoded.mentee_at[a], encoded.mentor_at[x]
    score = np.clip(s + answer_bonus(encoded, p, q), 0.0, 100.0)
    weight = score.copy()
    if encoded.program.kind == Program.Kind.COFFEE:
        priority = coffee_priority(encoded)
        weight += PRIORITY_POINTS * (priority[p].astype(float) + priority[q].astype(float))
    return Graph(first=p, second=q, score=score, weight=weight, locked=is_locked)


def graph_instance(encoded: Encoded, graph: Graph) -> Instance:
    """A 1:1 graph as the engine's instance (rows on each side), capacities fitting the locks."""
    n = len(encoded.participants)
    a = _rows_of(encoded.mentee_at, n)[graph.first]
    x = _rows_of(encoded.mentor_at, n)[graph.second]
    instance = candidate_instance(
        encoded.mentees, encoded.mentors, a, x, graph.score.astype(np.float32)
    )
    locked_a = np.bincount(a[graph.locked], minlength=len(encoded.mentees))
    locked_x = np.bincount(x[graph.locked], minlength=len(encoded.mentors))
    return instance.with_capacities(
        np.maximum(instance.mentee_capacity, locked_a),
        np.maximum(instance.mentor_capacity, locked_x),
    )
