"""Recommendations for one mentee, and candidate generation for bulk runs (no database)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.matching.engine import solve
from tandem.matching.engine.candidates import _top_columns, candidate_instance, candidate_pairs
from tandem.matching.engine.people import skill_table
from tandem.matching.engine.recommend import recommend
from tandem.matching.engine.score import score_pairs
from tandem.matching.engine.synthetic import N_SKILLS, synthetic_people
from tandem.matching.tests.people_builder import GREAT, LABELS, MENTEE, SKILLS, build


def _market(mentors: list[dict]):
    mentees = build([MENTEE], "a")
    people = build(mentors, "x", person_offset=100)
    return mentees, people, skill_table(people, len(SKILLS))


class TestRecommend:
    def test_paused_and_full_mentors_are_never_recommended(self):
        mentees, mentors, table = _market(
            [{**GREAT, "available": False}, {**GREAT, "capacity": 0}, {**GREAT, "level": 5}]
        )
        picks = recommend(0, mentees, mentors, table=table, labels=LABELS, k=5)
        assert [p.mentor for p in picks] == [2]
        assert picks[0].explanation.reasons

    def test_best_first_with_reasons(self):
        mentees, mentors, table = _market([{**GREAT, "skills": ["Negotiation"]}, GREAT])
        picks = recommend(0, mentees, mentors, table=table, labels=LABELS, k=2)
        assert [p.mentor for p in picks] == [1, 0]
        assert picks[0].score >= picks[1].score

    def test_a_heavily_asked_mentor_steps_back_when_others_are_close(self):
        mentees, mentors, table = _market([GREAT, {**GREAT, "hours": 3.0}])
        plain = recommend(0, mentees, mentors, table=table, labels=LABELS, k=2)
        assert plain[0].mentor == 0
        load = np.array([1.0, 0.0], dtype=np.float32)
        loaded = recommend(0, mentees, mentors, table=table, labels=LABELS, k=2, load=load)
        assert loaded[0].mentor == 1

    def test_picks_are_spread_over_organizations(self):
        same_org = [{**GREAT, "organization": 7} for _ in range(3)]
        other = {**GREAT, "organization": 8, "hours": 3.5}
        mentees, mentors, table = _market([*same_org, other])
        picks = recommend(0, mentees, mentors, table=table, labels=LABELS, k=2)
        assert 3 in [p.mentor for p in picks]

    def test_popular_mentors_are_not_everyones_first_suggestion(self):
        mentees, mentors = synthetic_people(200, 60, seed=7)
        table = skill_table(mentors, N_SKILLS)
        labels = LABELS.__class__(
            skills=[str(i) for i in range(N_SKILLS)], industries=[str(i) for i in range(20)],
            functions=[str(i) for i in range(16)], languages=["en", "es", "de"],
            mentoring_types=[str(i) for i in range(7)],
        )  # fmt: skip
        load = np.zeros(len(mentors), dtype=np.float32)
        firsts = []
        for a in range(len(mentees)):
            picks = recommend(a, mentees, mentors, table=table, labels=labels, k=3, load=load)
            if picks:
                firsts.append(picks[0].mentor)
                load[picks[0].mentor] = min(1.0, load[picks[0].mentor] + 0.2)
        most_common = np.bincount(firsts).max()
        assert most_common / len(firsts) < 0.15


class TestCandidates:
    def test_every_candidate_is_possible_and_scored_exactly(self):
        mentees, mentors = synthetic_people(500, 120, seed=3)
        table = skill_table(mentors, N_SKILLS)
        a, x, s = candidate_pairs(mentees, mentors, table=table, k_mentee=10, chunk=128)
        exact = score_pairs(mentees, mentors, a, x, table=table)
        assert (exact.score >= 0).all()
        np.testing.assert_allclose(s, exact.score, rtol=1e-5, atol=1e-4)
        assert np.unique(a * len(mentors) + x).size == a.size

    def test_each_mentee_keeps_its_best_possible_mentors(self):
        mentees, mentors = synthetic_people(200, 80, seed=5)
        table = skill_table(mentors, N_SKILLS)
        a, _x, s = candidate_pairs(
            mentees, mentors, table=table, k_mentee=5, prefilter=80, chunk=64
        )
        every_a = np.repeat(np.arange(200), 80)
        every_x = np.tile(np.arange(80), 200)
        full = score_pairs(mentees, mentors, every_a, every_x, table=table).score.reshape(200, 80)
        for mentee in range(0, 200, 17):
            best = np.sort(full[mentee][full[mentee] >= 0])[::-1][:5]
            mine = np.sort(s[a == mentee])[::-1][:5]
            np.testing.assert_allclose(mine, best, rtol=1e-5, atol=1e-4)

    def test_niche_mentors_get_candidates_too(self):
        mentees, mentors = synthetic_people(1000, 200, seed=11)
        table = skill_table(mentors, N_SKILLS)
        _a, x, _s = candidate_pairs(mentees, mentors, table=table, k_mentee=3, k_mentor=2)
        open_mentors = np.flatnonzero(mentors.available & (mentors.capacity > 0))
        assert np.isin(open_mentors, x).mean() > 0.95

    def test_a_bulk_run_over_the_candidates_respects_capacities(self):
        mentees, mentors = synthetic_people(400, 100, seed=13)
        table = skill_table(mentors, N_SKILLS)
        instance = candidate_instance(
            mentees, mentors, *candidate_pairs(mentees, mentors, table=table)
        )
        for mode in ("optimal", "stable", "max-matched"):
            result = solve(instance, mode=mode)
            used = np.bincount(instance.edge_mentor[result.edges], minlength=len(mentors))
            assert (used <= mentors.capacity).all()
            assert (np.bincount(instance.edge_mentee[result.edges]) <= 1).all()


class TestTopColumns:
    @settings(max_examples=60, deadline=None)
    @given(
        st.integers(1, 40),
        st.integers(1, 400),
        st.integers(1, 30),
        st.integers(0, 2**32 - 1),
        st.booleans(),
    )
    def test_finds_exactly_each_rows_best_columns(self, rows, cols, k, seed, ties):
        rng = np.random.default_rng(seed)
        scores = rng.random((rows, cols), dtype=np.float32)
        if ties:
            scores = (np.round(scores * 4) / 4).astype(np.float32)
        k = min(k, cols)
        found = _top_columns(scores, k)
        assert found.shape == (rows, k)
        for row in range(rows):
            kth = np.sort(scores[row])[::-1][k - 1]
            assert len(set(found[row].tolist())) == k
            assert (scores[row, found[row]] >= kth).all()
