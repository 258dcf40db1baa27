"""A copy of a mentor index with a few rows brought up to date (copy-on-write).

Requests may be reading the index in use while another thread patches it, so its arrays are
never written to: an array whose rows change is copied with those rows replaced, every other
array is shared with the old index. An accept changes one number of one row, so only the
small `capacity` array is copied; the text vectors and the skill table (tens of megabytes at
20,000 mentors) are copied only when a mentor's words or skills change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from tandem.matching.encode import MentorIndex, mentor_rows
from tandem.matching.engine.people import People, skill_table
from tandem.matching.engine.text import text_vectorize
from tandem.matching.index.build import listed_mentors
from tandem.profiles.choices import Visibility

ARRAYS = [f.name for f in fields(People) if f.name != "ids"]


@dataclass(frozen=True)
class Patched:
    """The patched index, how many rows changed, and whether the vocabulary falls short."""

    index: MentorIndex
    rows: int  # rows re-encoded, appended or masked out
    lacking: bool  # a changed mentor offers a skill or speaks a language with no code yet


def _put(
    old: npt.NDArray[Any], values: npt.NDArray[Any], at: npt.NDArray[np.int64], size: int
) -> npt.NDArray[Any]:
    """`old` with rows `at` set to `values` and `size` rows in all; `old` itself when that
    changes nothing (so unchanged arrays are shared, never copied)."""
    if size == len(old) and (at.size == 0 or np.array_equal(old[at], values)):
        return old
    out = np.empty((size, *old.shape[1:]), dtype=old.dtype)
    out[: len(old)] = old
    out[at] = values
    return out


def mentor_index_patch(
    index: MentorIndex, changed: Mapping[int, datetime], *, now: datetime
) -> Patched:
    """`index` with the rows of these profiles (id → the stamp just read) brought up to date:
    re-encoded while they are listed (appended when new), masked out once they are not.

    A few queries whatever the index's size. The idf and the skill and language codes stay
    those of the last full build: a patched mentor's words are weighed with a slightly older
    idf (a rounding matter on text, 15 % of the score) until the next build.
    """
    profiles = list(listed_mentors().filter(id__in=list(changed)).order_by("id"))
    found = {p.pk for p in profiles}
    gone = [pk for pk in sorted(changed) if pk not in found and pk in index.rows]
    if not profiles and not gone:
        return Patched(index=index, rows=0, lacking=False)  # say, mentees editing their goals
    vocabulary = index.vocabulary.grown()
    encoded, lacking = mentor_rows(profiles, vocabulary, now=now)
    fresh = encoded.people(text_vectorize(encoded.texts, index.idf))
    rows = dict(index.rows)
    for pk in (p.pk for p in profiles if p.pk not in index.rows):
        rows[pk] = len(rows)
    size = len(rows)
    at = np.array([rows[p.pk] for p in profiles], dtype=np.int64)
    out = np.array([rows[pk] for pk in gone], dtype=np.int64)

    def put(old: npt.NDArray[Any], values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        return _put(old, values, at, size)

    def unlisted(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
        return _put(array, np.zeros(out.size, dtype=array.dtype), out, size)

    arrays = {name: put(getattr(index.mentors, name), getattr(fresh, name)) for name in ARRAYS}
    # Never offered again, and not counted among a skill's mentors (`listed` says so too).
    arrays["available"] = unlisted(arrays["available"])
    arrays["capacity"] = unlisted(arrays["capacity"])
    ids = list(index.mentors.ids) + [""] * (size - len(index))
    for row, person in zip(at.tolist(), fresh.ids, strict=True):
        ids[row] = person
    stamps = dict(index.stamps)
    stamps.update({p.pk: p.updated_at for p in profiles})
    stamps.update({pk: changed[pk] for pk in gone})
    grew = len(vocabulary.cities) != len(index.vocabulary.cities)
    labels = index.labels
    if grew:
        labels = replace(labels, cities=[name.title() for name in vocabulary.cities])
    patched = replace(
        index,
        mentors=replace(index.mentors, ids=tuple(ids), **arrays),
        profile_ids=put(index.profile_ids, np.array([p.pk for p in profiles], dtype=np.int64)),
        organization_only=put(
            index.organization_only,
            np.array([p.visibility == Visibility.ORGANIZATION for p in profiles], dtype=bool),
        ),
        organizations=put(
            index.organizations,
            np.array([p.organization_id or -1 for p in profiles], dtype=np.int64),
        ),
        table=put(index.table, skill_table(fresh, len(vocabulary.skill_index))),
        vocabulary=vocabulary if grew else index.vocabulary,
        labels=labels,
        listed=unlisted(put(index.listed, np.ones(len(profiles), dtype=bool))),
        rows=rows,
        stamps=stamps,
    )
    return Patched(index=patched, rows=len(profiles) + len(gone), lacking=lacking)
