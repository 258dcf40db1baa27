"""The load of waiting asks is read only for the mentors who could make a mentee's list
(issue 14), and the list is exactly the one weighing every mentor's load would give."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pytest

from tandem.matching import selectors
from tandem.matching.encode import MentorIndex, Vocabulary
from tandem.matching.engine.people import People, skill_table
from tandem.matching.engine.reasons import Labels
from tandem.matching.engine.recommend import POOL, recommend
from tandem.matching.engine.score import score_pairs
from tandem.matching.engine.synthetic import N_SKILLS, synthetic_people

MENTORS = 1500
LABELS = Labels(
    skills=[f"skill {i}" for i in range(N_SKILLS)],
    industries=[str(i) for i in range(20)],
    functions=[str(i) for i in range(16)],
    languages=["English", "Spanish", "German"],
    mentoring_types=[str(i) for i in range(7)],
)


def _index(mentors: People) -> MentorIndex:
    n = len(mentors)
    return MentorIndex(
        mentors=mentors, profile_ids=np.arange(1000, 1000 + n, dtype=np.int64),
        organization_only=np.zeros(n, dtype=bool), organizations=mentors.organization,
        table=skill_table(mentors, N_SKILLS), idf=np.ones(64, dtype=np.float32),
        vocabulary=Vocabulary(skill_index={}, language_bit={}), labels=LABELS,
        listed=np.ones(n, dtype=bool), rows={}, stamps={},
    )  # fmt: skip


def _one(mentees: People, a: int) -> People:
    return selectors._rows(mentees, np.array([a], dtype=np.int64))


@pytest.mark.parametrize("busy", [0.0, 0.3, 1.0])
def test_the_picks_are_those_of_weighing_every_mentor_while_few_loads_are_read(monkeypatch, busy):
    mentees, mentors = synthetic_people(12, MENTORS, seed=7)
    index = _index(mentors)
    rng = np.random.default_rng(1)
    # `busy` of the mentors have asks waiting, some of them swamped.
    loads = np.where(rng.random(MENTORS) < busy, rng.choice([0.3, 1.0], size=MENTORS), 0.0)
    by_id = {int(pk): float(v) for pk, v in zip(index.profile_ids, loads, strict=True) if v}
    asked: list[int] = []

    def load_for(ids: Collection[int]) -> dict[int, float]:
        asked.extend(ids)
        return {pk: by_id[pk] for pk in ids if pk in by_id}

    monkeypatch.setattr(selectors, "load_for", load_for)
    excluded = np.array([3, 50, 400], dtype=np.int64)  # keys of a one-row mentee: rows
    for a in range(len(mentees)):
        asked.clear()
        mentee = _one(mentees, a)
        got = selectors._picks(mentee, index, k=5, excluded=excluded)
        want = recommend(
            0, mentee, mentors, table=index.table, labels=LABELS, k=5, excluded=excluded,
            load=loads.astype(np.float32),
        )  # fmt: skip
        assert [(p.mentor, p.score, p.placement) for p in got] == [
            (p.mentor, p.score, p.placement) for p in want
        ]
        assert [p.explanation.reasons for p in got] == [p.explanation.reasons for p in want]
        assert len(asked) == len(set(asked)) < MENTORS / 2
        if busy == 0.0:
            assert len(asked) == 2 * POOL


def test_when_the_best_are_all_swamped_the_shortlist_grows_to_those_who_overtake_them(
    monkeypatch,
):
    mentees, mentors = synthetic_people(6, MENTORS, seed=11)
    index = _index(mentors)
    x = np.arange(MENTORS, dtype=np.int64)
    asked: list[int] = []
    for a in range(len(mentees)):
        mentee = _one(mentees, a)
        scores = score_pairs(
            mentee,
            mentors,
            np.zeros_like(x),
            x,
            table=index.table,
            goals=mentors.text @ mentee.text[0],
        ).score
        loads = np.zeros(MENTORS, dtype=np.float32)
        loads[np.argsort(-scores, kind="stable")[: 3 * POOL]] = 1.0  # the best 150: swamped
        by_id = {int(index.profile_ids[i]): 1.0 for i in np.flatnonzero(loads)}

        def load_for(ids: Collection[int], by_id: dict[int, float] = by_id) -> dict[int, float]:
            asked.extend(ids)
            return {pk: by_id[pk] for pk in ids if pk in by_id}

        monkeypatch.setattr(selectors, "load_for", load_for)
        asked.clear()
        got = selectors._picks(mentee, index, k=5, excluded=np.array([], dtype=np.int64))
        want = recommend(0, mentee, mentors, table=index.table, labels=LABELS, k=5, load=loads)
        assert [(p.mentor, p.score, p.placement) for p in got] == [
            (p.mentor, p.score, p.placement) for p in want
        ]
        assert 2 * POOL < len(asked) < MENTORS


def test_no_possible_mentor_reads_no_load(monkeypatch):
    mentees, mentors = synthetic_people(1, 30, seed=7)
    index = _index(mentors)
    monkeypatch.setattr(selectors, "load_for", lambda ids: pytest.fail("no load to read"))
    everyone = np.arange(len(mentors), dtype=np.int64)
    assert selectors._picks(_one(mentees, 0), index, k=5, excluded=everyone) == []
