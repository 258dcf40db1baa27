"""Candidate generation finds what a full scan would: every mentee's best mentors by coarse
score, and every niche mentor's best mentees, whatever the chunks and threads (no database)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.matching.engine.candidates import (
    _sharing_order,
    _used,
    candidate_instance,
    candidate_pairs,
    coarse_features,
)
from tandem.matching.engine.people import People, skill_table
from tandem.matching.engine.score import normalized_weights, score_pairs
from tandem.matching.engine.synthetic import N_SKILLS, synthetic_people

EPSILON = 1e-3  # coarse scores from products over fewer features differ in the last bits


def _full_scan(mentees: People, mentors: People, table: np.ndarray) -> np.ndarray:
    """Coarse score of every pair, -inf where the pair is never scored (closed, no language)."""
    f_a, f_x = coarse_features(mentees, mentors, table, normalized_weights(None))
    coarse = f_a.astype(np.float64) @ f_x.T.astype(np.float64)
    lang_a, lang_x = mentees.languages[:, None], mentors.languages[None, :]
    apart = ((lang_a & lang_x) == 0) & (lang_a != 0) & (lang_x != 0)
    closed = ~(mentors.available & (mentors.capacity > 0))
    coarse[apart | closed[None, :]] = -np.inf
    return coarse


def _possible(mentees: People, mentors: People, table: np.ndarray) -> np.ndarray:
    a = np.repeat(np.arange(len(mentees)), len(mentors))
    x = np.tile(np.arange(len(mentors)), len(mentees))
    scores = score_pairs(mentees, mentors, a, x, table=table).score
    return scores.reshape(len(mentees), len(mentors)) >= 0


def _kth_best(values: np.ndarray, k: int) -> float:
    finite = np.sort(values[np.isfinite(values)])[::-1]
    return float(finite[k - 1]) if finite.size >= k else -np.inf


class TestCandidatePairs:
    @settings(max_examples=25, deadline=None)
    @given(
        st.integers(0, 2**32 - 1),
        st.integers(1, 240),
        st.integers(1, 160),
        st.sampled_from([2, 5, 12]),
        st.integers(1, 97),
        st.integers(1, 3),
    )
    def test_each_mentee_short_list_holds_its_best_by_coarse_score(
        self, seed, n_mentees, n_mentors, prefilter, chunk, threads
    ):
        mentees, mentors = synthetic_people(n_mentees, n_mentors, seed=seed)
        table = skill_table(mentors, N_SKILLS)
        a, x, s = candidate_pairs(
            mentees, mentors, table=table, k_mentee=prefilter, k_mentor=0,
            prefilter=prefilter, chunk=chunk, threads=threads,
        )  # fmt: skip
        coarse = _full_scan(mentees, mentors, table)
        possible = _possible(mentees, mentors, table)
        assert np.unique(a * n_mentors + x).size == a.size
        np.testing.assert_allclose(s, score_pairs(mentees, mentors, a, x, table=table).score)
        for mentee in range(n_mentees):
            mine = x[a == mentee]
            floor = _kth_best(coarse[mentee], prefilter)
            must = np.flatnonzero((coarse[mentee] > floor + EPSILON) & possible[mentee])
            assert set(must.tolist()) <= set(mine.tolist())
            assert (coarse[mentee, mine] >= floor - EPSILON).all()
            assert mine.size <= prefilter

    @settings(max_examples=15, deadline=None)
    @given(
        st.integers(0, 2**32 - 1),
        st.integers(20, 300),
        st.integers(5, 80),
        st.integers(1, 4),
        st.integers(1, 3),
    )
    def test_each_niche_mentor_gets_its_best_mentees_by_coarse_score(
        self, seed, n_mentees, n_mentors, k_mentor, threads
    ):
        mentees, mentors = synthetic_people(n_mentees, n_mentors, seed=seed)
        table = skill_table(mentors, N_SKILLS)
        options = {"table": table, "k_mentee": 1, "prefilter": 2, "threads": threads}
        _a, base_x, _s = candidate_pairs(mentees, mentors, k_mentor=0, **options)
        a, x, _s = candidate_pairs(mentees, mentors, k_mentor=k_mentor, **options)
        coarse = _full_scan(mentees, mentors, table)
        possible = _possible(mentees, mentors, table)
        open_ = mentors.available & (mentors.capacity > 0)
        niche = np.flatnonzero(open_ & (np.bincount(base_x, minlength=n_mentors) < k_mentor))
        for mentor in niche.tolist():
            theirs = set(a[x == mentor].tolist())
            floor = _kth_best(coarse[:, mentor], k_mentor)
            must = np.flatnonzero((coarse[:, mentor] > floor + EPSILON) & possible[:, mentor])
            assert set(must.tolist()) <= theirs

    def test_threads_and_chunks_give_the_same_candidates(self):
        mentees, mentors = synthetic_people(1500, 400, seed=17)
        table = skill_table(mentors, N_SKILLS)
        found = [
            candidate_pairs(mentees, mentors, table=table, chunk=chunk, threads=threads)
            for chunk, threads in ((4096, 1), (100, 2), (37, 3))
        ]
        keys = [set(zip(a.tolist(), x.tolist(), strict=True)) for a, x, _s in found]
        assert keys[0] == keys[1] == keys[2]
        assert len(keys[0]) > 1500 * 19


class TestSharingOrder:
    def test_neighbours_share_features_so_chunks_multiply_over_fewer(self):
        mentees, mentors = synthetic_people(4000, 10, seed=23)
        f_a, _f_x = coarse_features(
            mentees, mentors, skill_table(mentors, N_SKILLS), normalized_weights(None)
        )
        everyone = np.arange(len(mentees), dtype=np.int64)
        ordered = _sharing_order(mentees, everyone)

        def features_per_chunk(order: np.ndarray) -> float:
            sizes = [_used(f_a[order[s : s + 256]]).size for s in range(0, 4000, 256)]
            return float(np.mean(sizes))

        assert sorted(ordered.tolist()) == everyone.tolist()
        assert features_per_chunk(ordered) < 0.6 * features_per_chunk(everyone)
        assert (np.diff(mentees.function[ordered]) >= 0).all()


class TestCandidateInstance:
    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12)), max_size=200, unique=True))
    def test_edges_come_sorted_by_mentee_then_mentor_with_their_scores(self, pairs):
        mentees, mentors = synthetic_people(31, 13, seed=1)
        a = np.array([i for i, _ in pairs], dtype=np.int64)
        x = np.array([j for _, j in pairs], dtype=np.int64)
        s = (a * 100 + x).astype(np.float32)  # each pair's score names it
        instance = candidate_instance(mentees, mentors, a, x, s)
        expected = sorted(pairs)
        edges = zip(instance.edge_mentee.tolist(), instance.edge_mentor.tolist(), strict=True)
        assert list(edges) == expected
        np.testing.assert_array_equal(instance.score, [i * 100 + j for i, j in expected])
