"""The recommendations list's cheaper ranking (issue 14) gives what scoring every mentor in
full gives: the same scores to the last bit, the same best mentors in the same order, and the
same picks after load and resemblance (no database)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching import selectors
from tandem.matching.engine.people import NO_COMPETITOR, People, skill_table
from tandem.matching.engine.ranking import MenteeRanking
from tandem.matching.engine.recommend import (
    LOAD_PENALTY,
    POOL,
    _diversified,
    _Similarity,
    recommend,
)
from tandem.matching.engine.score import FACTORS, score_pairs, text_similarity
from tandem.matching.engine.synthetic import N_SKILLS, synthetic_people
from tandem.matching.tests.test_load_shortlist import LABELS, _index

MENTORS = 600


def _one(mentees: People, a: int) -> People:
    keep = np.array([a], dtype=np.int64)
    return replace(
        mentees, ids=(mentees.ids[a],),
        **{name: getattr(mentees, name)[keep] for name in (
            "person", "skills", "proficiency", "text", "industry", "function", "level",
            "organization", "competitors", "languages", "utc_offset", "meeting", "city",
            "country", "mentoring_types", "hours", "capacity", "available", "target_level",
        )},
    )  # fmt: skip


def _tied(people: People, rng: np.random.Generator) -> People:
    """`people` with many exact ties: words from four texts (some none), few organizations,
    the same few skills, levels and places over and over."""
    n = len(people)
    texts = np.zeros((4, people.text.shape[1]), dtype=np.float32)
    texts[1:] = people.text[:3]
    skills = people.skills.copy()
    skills[skills >= 0] %= 6
    return replace(
        people,
        text=texts[rng.integers(0, 4, size=n)],
        skills=skills,
        organization=rng.integers(-1, 4, size=n),
        level=rng.integers(4, 7, size=n),
        city=rng.integers(0, 2, size=n),
        hours=np.full(n, 4.0),
    )


def _market(seed: int, *, tied: bool) -> tuple[People, People]:
    mentees, mentors = synthetic_people(8, MENTORS, seed=seed)
    if tied:
        rng = np.random.default_rng(seed)
        mentees, mentors = _tied(mentees, rng), _tied(mentors, rng)
    return mentees, mentors


def _full(mentee: People, mentors: People, never: np.ndarray, table: np.ndarray):
    """Every pair scored by `score_pairs`, as `recommend` scores them."""
    x = np.arange(len(mentors), dtype=np.int64)
    goals = text_similarity(mentors.text, mentee.text[0])
    return score_pairs(
        mentee, mentors, np.zeros_like(x), x, table=table,
        excluded=np.flatnonzero(never).astype(np.int64), goals=goals,
    )  # fmt: skip


class TestMenteeRanking:
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(seed=st.integers(0, 10_000), tied=st.booleans(), a=st.integers(0, 7))
    def test_scores_and_factors_are_score_pairs_to_the_last_bit(self, seed, tied, a):
        mentees, mentors = _market(seed, tied=tied)
        table = skill_table(mentors, N_SKILLS)
        never = np.random.default_rng(seed).random(MENTORS) < 0.05
        mentee = _one(mentees, a)
        full = _full(mentee, mentors, never, table)
        ranking = MenteeRanking(mentee, mentors, table=table, never=never)
        np.testing.assert_array_equal(ranking.possible, np.flatnonzero(full.score >= 0))
        every = ranking.leading(MENTORS)
        possible = ranking.possible
        assert every.tolist() == possible[np.lexsort((possible, -full.score[possible]))].tolist()
        scored = ranking.pair_scores(every)
        np.testing.assert_array_equal(scored.score, full.score[every])
        for name in FACTORS:
            np.testing.assert_array_equal(scored.factors[name], full.factors[name][every])

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        seed=st.integers(0, 10_000), tied=st.booleans(), a=st.integers(0, 7),
        n=st.sampled_from([1, 5, 50, 101, 201, 401, 599]),
    )  # fmt: skip
    def test_the_n_best_are_those_of_sorting_every_score(self, seed, tied, a, n):
        mentees, mentors = _market(seed, tied=tied)
        table = skill_table(mentors, N_SKILLS)
        never = np.zeros(MENTORS, dtype=bool)
        mentee = _one(mentees, a)
        full = _full(mentee, mentors, never, table).score
        possible = np.flatnonzero(full >= 0)
        want = possible[np.lexsort((possible, -full[possible]))][:n]
        ranking = MenteeRanking(mentee, mentors, table=table, never=never)
        got = ranking.leading(n)
        assert got.tolist() == want.tolist()
        np.testing.assert_array_equal(ranking.scores(got), full[want])

    def test_a_mentee_with_no_words_no_skills_and_competitors_is_scored_alike(self):
        mentees, mentors = synthetic_people(1, MENTORS, seed=3)
        competitors = np.full_like(mentees.competitors, NO_COMPETITOR)
        competitors[0, 0] = int(mentors.organization[0])
        mentee = replace(
            mentees, text=np.zeros_like(mentees.text), skills=np.full_like(mentees.skills, -1),
            competitors=competitors, languages=np.zeros(1, dtype=np.int64),
        )  # fmt: skip
        table = skill_table(mentors, N_SKILLS)
        never = np.zeros(MENTORS, dtype=bool)
        full = _full(mentee, mentors, never, table).score
        ranking = MenteeRanking(mentee, mentors, table=table, never=never)
        every = ranking.leading(MENTORS)
        np.testing.assert_array_equal(ranking.scores(every), full[every])
        competing = np.flatnonzero(mentors.organization == mentors.organization[0])
        assert not np.isin(competing, every).any()

    def test_the_words_are_read_only_for_mentors_who_could_make_the_list(self, monkeypatch):
        mentees, mentors = synthetic_people(1, 3000, seed=5)
        table = skill_table(mentors, N_SKILLS)
        read: list[int] = []
        similarity = text_similarity

        def counted(text, vector):
            read.append(text.shape[0])
            return similarity(text, vector)

        monkeypatch.setattr("tandem.matching.engine.ranking.text_similarity", counted)
        ranking = MenteeRanking(mentees, mentors, table=table, never=np.zeros(3000, dtype=bool))
        ranking.leading(2 * POOL + 1)
        assert 2 * POOL < sum(read) < 3000 / 2


def test_text_similarity_is_the_cosine_and_each_row_s_value_is_its_own():
    _, mentors = synthetic_people(1, 500, seed=2)
    vector = mentors.text[7]
    every = text_similarity(mentors.text, vector)
    np.testing.assert_allclose(every, mentors.text @ vector, rtol=1e-5, atol=1e-6)
    rows = np.array([400, 3, 250, 7], dtype=np.int64)
    np.testing.assert_array_equal(text_similarity(mentors.text[rows], vector), every[rows])


def _greedy(mentors: People, pool: np.ndarray, adjusted: np.ndarray, k: int) -> list[int]:
    """The re-ranking as it was written first: one mentor at a time, penalties in Python."""
    similarity = _Similarity(mentors, pool)
    chosen: list[int] = []
    left = pool.tolist()
    while left and len(chosen) < k:
        best = max(
            left, key=lambda x: (float(adjusted[x]) - sum(similarity.penalties(x, chosen)), -x)
        )
        chosen.append(best)
        left.remove(best)
    return chosen


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(1, 12), size=st.integers(1, 50))
def test_the_re_ranking_is_the_one_mentor_at_a_time_greedy(seed, k, size):
    rng = np.random.default_rng(seed)
    _, mentors = synthetic_people(1, 80, seed=seed)
    mentors = replace(
        mentors, organization=rng.integers(-1, 3, size=80),
        skills=np.where(mentors.skills >= 0, mentors.skills % 5, -1),
    )  # fmt: skip
    pool = np.sort(rng.choice(80, size=size, replace=False)).astype(np.int64)
    adjusted = rng.choice([50.0, 52.0, 58.0, 60.0, 61.5], size=80).astype(np.float32)
    assert _diversified(mentors, pool, adjusted, k) == _greedy(mentors, pool, adjusted, k)


def _picks_as_before(mentee, index, *, k, excluded, load_for):
    """The page's picks as `selectors._picks` made them before issue 14's second round:
    every mentor scored by `score_pairs`, the whole list sorted, the shortlist grown the same
    way and ranked by `recommend` (text similarities as `text_similarity` gives them)."""
    mentors = index.mentors
    open_ = mentors.available & (mentors.capacity > 0)
    open_[excluded] = False
    x = np.flatnonzero(open_)
    scores = np.full(len(mentors), -1.0, dtype=np.float32)
    goals = text_similarity(mentors.text, mentee.text[0])[x]
    scores[x] = score_pairs(
        mentee, mentors, np.zeros_like(x), x, table=index.table, goals=goals
    ).score
    possible = np.flatnonzero(scores >= 0)
    best_first = possible[np.lexsort((possible, -scores[possible]))]
    size = 2 * POOL
    while True:
        shortlist = best_first[:size]
        loads = load_for([int(pk) for pk in index.profile_ids[shortlist]])
        weighed = np.array(
            [loads.get(int(pk), 0.0) for pk in index.profile_ids[shortlist]], dtype=np.float32
        )
        if size >= best_first.size:
            break
        adjusted = scores[shortlist] - LOAD_PENALTY * np.clip(weighed, 0, 1)
        if scores[best_first[size]] < np.sort(adjusted)[-POOL]:
            break
        size *= 2
    in_order = np.argsort(shortlist, kind="stable")
    shortlist = shortlist[in_order]
    picks = recommend(
        0, mentee, selectors._rows(mentors, shortlist), table=index.table[shortlist],
        labels=LABELS, k=k, load=weighed[in_order],
    )  # fmt: skip
    return [replace(pick, mentor=int(shortlist[pick.mentor])) for pick in picks]


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_the_page_s_picks_are_those_it_made_before_on_tied_scores(monkeypatch, seed):
    mentees, mentors = _market(seed, tied=True)
    index = _index(mentors)
    rng = np.random.default_rng(seed)
    loads = rng.choice([0.0, 0.0, 0.0, 0.5, 1.0], size=MENTORS).astype(np.float32)
    by_id = {int(pk): float(v) for pk, v in zip(index.profile_ids, loads, strict=True) if v}

    def load_for(ids):
        return {pk: by_id[pk] for pk in ids if pk in by_id}

    monkeypatch.setattr(selectors, "load_for", load_for)
    excluded = np.flatnonzero(rng.random(MENTORS) < 0.05).astype(np.int64)
    for a in range(len(mentees)):
        mentee = _one(mentees, a)
        got = selectors._picks(mentee, index, k=8, excluded=excluded)
        want = _picks_as_before(mentee, index, k=8, excluded=excluded, load_for=load_for)
        assert len(want) == 8
        assert [(p.mentor, p.score, p.placement, p.explanation) for p in got] == [
            (p.mentor, p.score, p.placement, p.explanation) for p in want
        ]


def test_an_accept_works_nothing_out_again_from_the_mentors(monkeypatch):
    from tandem.matching.engine import ranking

    mentees, mentors = synthetic_people(1, 300, seed=4)
    table = skill_table(mentors, N_SKILLS)
    never = np.zeros(300, dtype=bool)
    MenteeRanking(mentees, mentors, table=table, never=never)
    worked: list[tuple[str, ...]] = []
    kinds = ranking._kinds

    def counted(people, names):
        worked.append(names)
        return kinds(people, names)

    monkeypatch.setattr(ranking, "_kinds", counted)
    # A patched index shares every array but the one that changed.
    accepted = replace(mentors, capacity=np.where(np.arange(300) == 5, 0, mentors.capacity))
    MenteeRanking(mentees, accepted, table=table, never=never)
    assert worked == []
    moved = replace(accepted, utc_offset=accepted.utc_offset + 1.0)
    MenteeRanking(mentees, moved, table=table, never=never)
    assert worked == [("utc_offset",)]
