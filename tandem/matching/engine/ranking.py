"""One mentee against every mentor, cheaply: the first pass of a recommendations list.

A score here is `score_pairs`'s to the last bit (the same factors, added in the same order,
with `text_similarity` for the words), but most of it is worked out for kinds of mentor, not
for each mentor:

* a factor read from a few of the mentor's fields (`score.FITS`) takes one value per
  distinct set of those fields (a dozen time zones, some hundreds of places to meet), and
  each mentor's is looked up;
* the skills factor reads only the mentors who offer one of the mentee's skills;
* the words, the one factor a mentor's row must be read for, are read only for mentors
  who could make the list whatever their words say: a score adds up terms in a fixed order
  and rounding never turns a larger term into a smaller sum, so each mentor's score lies
  between the sums with the words' factor at 0 and at 1. Only mentors whose sum at 1 reaches
  the n-th best sum at 0 can be among the n best.

What is worked out from the mentors alone is kept while the arrays it came from are the
index's (an index is never written to; a patched one shares every array it did not change,
so an accept, one mentor's free places, works nothing out again).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.instance import IntArray
from tandem.matching.engine.people import NO_COMPETITOR, NO_SKILL, People
from tandem.matching.engine.score import (
    FACTORS,
    FITS,
    PairScores,
    normalized_weights,
    text_similarity,
    weighted_sum,
)

F32 = npt.NDArray[np.float32]
ONE = np.zeros(1, dtype=np.int64)  # the mentee's row, broadcast against every mentor's
EVERY = slice(None)
T = TypeVar("T")


@dataclass(frozen=True)
class Columns:
    """A 2-D array's non-zero entries column by column: column j's are at rows
    `rows[starts[j]:starts[j + 1]]` (ascending), with values `values[...]` alike."""

    rows: IntArray
    values: F32
    starts: IntArray

    @classmethod
    def of(cls, array: F32) -> Columns:
        """The non-zero entries of `array`, by column."""
        columns, rows = np.nonzero(np.ascontiguousarray(array.T))
        return cls(
            rows=rows.astype(np.int64),
            values=array[rows, columns],
            starts=np.searchsorted(columns, np.arange(array.shape[1] + 1)).astype(np.int64),
        )

    def add(self, total: F32, column: int) -> None:
        """`total += array[:, column]`, value for value: the zeros left out add nothing."""
        start, end = self.starts[column], self.starts[column + 1]
        total[self.rows[start:end]] += self.values[start:end]


@dataclass(frozen=True)
class Kinds:
    """Mentors told apart only by some fields: one row of `people` a distinct set of them,
    and each mentor's row there (`of`)."""

    people: People
    of: IntArray


def _rows(people: People, rows: IntArray) -> People:
    arrays = {f.name: getattr(people, f.name)[rows] for f in fields(People) if f.name != "ids"}
    return People(ids=tuple(people.ids[i] for i in rows.tolist()), **arrays)


def _kinds(people: People, names: tuple[str, ...]) -> Kinds:
    keys = np.stack([getattr(people, name).astype(np.float64) for name in names], axis=1)
    _, first, of = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    return Kinds(people=_rows(people, first.astype(np.int64)), of=of.reshape(-1))


_held: dict[str, tuple[tuple[object, ...], Any]] = {}
_held_lock = threading.Lock()


def _once(name: str, arrays: tuple[npt.NDArray[Any], ...], work: Callable[[], T]) -> T:
    """`work()`, kept while these arrays (the very objects) are the last asked for under
    this name."""
    held = _held.get(name)
    if held is not None and all(a is b for a, b in zip(held[0], arrays, strict=True)):
        kept: T = held[1]
        return kept
    value = work()
    with _held_lock:
        _held[name] = (arrays, value)
    return value


def _competing(competitors: IntArray) -> IntArray:
    """Rows of mentors who named a competitor at all (few)."""
    return np.flatnonzero((competitors != NO_COMPETITOR).any(axis=1)).astype(np.int64)


def _impossible(
    mentee: People, mentors: People, never: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Which mentors can't be matched with this one-row mentee (`impossible_reasons` other
    than POSSIBLE), or are in `never`."""
    out = never | ~mentors.available | (mentors.capacity <= 0)
    out |= mentors.person == mentee.person[0]
    languages = int(mentee.languages[0])
    if languages:
        out |= ((mentors.languages & languages) == 0) & (mentors.languages != 0)
    for competitor in mentee.competitors[0].tolist():
        if competitor != NO_COMPETITOR:  # the padding matches no organization
            out |= mentors.organization == competitor
    competitors = mentors.competitors
    rows = _once("competing", (competitors,), lambda: _competing(competitors))
    if rows.size:
        named = (competitors[rows] == mentee.organization[0]).any(axis=1)
        out[rows[named]] = True
    return out


def _leading(scores: F32, rows: IntArray, n: int) -> IntArray:
    """The first n of `rows` (ascending) by score, highest first, ties to the lower row: what
    a full sort gives, sorting only the rows at or above the n-th best score."""
    if n >= rows.size:
        return rows[np.lexsort((rows, -scores[rows]))]
    values = scores[rows]
    bar = np.partition(values, rows.size - n)[rows.size - n]
    top = rows[values >= bar]
    return top[np.lexsort((top, -scores[top]))][:n]


class MenteeRanking:
    """A one-row mentee's scores with every mentor, worked out where they could count."""

    def __init__(
        self,
        mentee: People,
        mentors: People,
        *,
        table: F32,
        never: npt.NDArray[np.bool_],
        weights: Mapping[str, float] | None = None,
    ) -> None:
        n = len(mentors)
        self._mentors, self._weights = mentors, normalized_weights(weights)
        self.possible = np.flatnonzero(~_impossible(mentee, mentors, never))
        self._factors = {"skills": self._skills(mentee, table)}
        for name, (fit, names) in FITS.items():
            arrays = tuple(getattr(mentors, field) for field in names)
            kinds = _once(name, arrays, functools.partial(_kinds, mentors, names))
            self._factors[name] = fit(mentee, kinds.people, ONE, EVERY)[kinds.of]
        vector = mentee.text[0]
        self._words = np.flatnonzero(vector)
        self._vector = vector[self._words]
        self._low = self._sum(np.float32(0))
        self._high = self._sum(np.float32(1)) if self._words.size else self._low
        self._goals = np.zeros(n, dtype=np.float32)
        self._scores = np.full(n, -1.0, dtype=np.float32)
        self._known = np.zeros(n, dtype=bool)

    def _skills(self, mentee: People, table: F32) -> F32:
        """`skill_coverage`: the proficiencies of the wanted skills added up in the row's
        order, over how many there are."""
        offered = _once("skills", (table,), lambda: Columns.of(table))
        total = np.zeros(len(self._mentors), dtype=np.float32)
        wanted = [s for s in mentee.skills[0].tolist() if s != NO_SKILL]
        for skill in wanted:
            offered.add(total, skill)
        return total / np.float32(max(len(wanted), 1))

    def _sum(self, goals: Any, rows: IntArray | None = None) -> F32:
        """The scores (clipped, as `score_pairs` has them) with these goals factors, of every
        mentor or of these rows."""
        at = EVERY if rows is None else rows
        factors = {name: values[at] for name, values in self._factors.items()}
        factors["goals"] = goals
        size = len(self._mentors) if rows is None else rows.size
        return np.clip(weighted_sum(factors, self._weights, size), 0, 100)

    def _work_out(self, rows: IntArray) -> None:
        """The exact scores of these rows."""
        rows = rows[~self._known[rows]]
        if rows.size == 0:
            return
        words = self._mentors.text[np.ix_(rows, self._words)]
        goals = text_similarity(words, self._vector)
        self._goals[rows] = goals
        self._scores[rows] = self._sum(np.clip(goals, 0.0, 1.0).astype(np.float32), rows)
        self._known[rows] = True

    def leading(self, n: int) -> IntArray:
        """The n best possible mentors, highest score first, ties to the lower row."""
        rows = self.possible
        if n < rows.size:
            # Any of the n best scores at least the n-th best sum with no words at all.
            bar = np.partition(self._low[rows], rows.size - n)[rows.size - n]
            rows = rows[self._high[rows] >= bar]
        self._work_out(rows)
        return _leading(self._scores, rows, n)

    def scores(self, rows: IntArray) -> F32:
        """The scores of these rows, all among those `leading` gave."""
        assert self._known[rows].all()
        return self._scores[rows]

    def pair_scores(self, rows: IntArray) -> PairScores:
        """These rows' scores as `score_pairs` gives them for the mentee and `rows` alone."""
        assert self._known[rows].all()
        factors = {name: self._factors[name][rows] for name in FACTORS if name != "goals"}
        factors["goals"] = np.clip(self._goals[rows], 0.0, 1.0).astype(np.float32)
        return PairScores(
            mentee=np.zeros(rows.size, dtype=np.int64),
            mentor=np.arange(rows.size, dtype=np.int64),
            factors={name: factors[name] for name in FACTORS},
            score=self._scores[rows],
            impossible=np.zeros(rows.size, dtype=np.int8),
        )
