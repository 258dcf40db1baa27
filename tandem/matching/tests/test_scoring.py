"""Scores, hard constraints, reasons and hints for hand-built pairs (no database)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.engine.people import NO_SKILL, Meeting, skill_table
from tandem.matching.engine.reasons import explain
from tandem.matching.engine.score import FACTORS, Impossible, skill_coverage
from tandem.matching.engine.synthetic import N_SKILLS, synthetic_people
from tandem.matching.tests.people_builder import GREAT, LABELS, MENTEE, score_one, synthetic_scored


class TestScore:
    def test_a_mentor_who_fits_in_every_way_scores_near_100(self):
        _, _, scores = score_one(MENTEE, GREAT)
        assert scores.impossible[0] == Impossible.POSSIBLE
        assert 85 <= scores.score[0] <= 100

    def test_each_factor_moves_the_score_the_right_way(self):
        _, _, base = score_one(MENTEE, GREAT)
        worse: list[dict[str, object]] = [
            {"skills": ["Negotiation"]},
            {"industry": 2, "function": 2},
            {"level": 3},
            {"utc_offset": -8.0},
            {"text": 3},
            {"hours": 0.5},
        ]
        for change in worse:
            _, _, other = score_one(MENTEE, {**GREAT, **change})
            assert other.score[0] < base.score[0], change

    def test_weights_are_configurable(self):
        only_level = dict.fromkeys(FACTORS, 0.0) | {"level_gap": 1.0}
        _, _, scores = score_one(MENTEE, GREAT, weights=only_level)
        assert scores.score[0] == pytest.approx(100.0)
        with pytest.raises(ValueError, match="unknown factors"):
            score_one(MENTEE, GREAT, weights={"charm": 1.0})

    @pytest.mark.parametrize(
        ("mentor_change", "mentee_change", "why"),
        [
            ({"person": 0}, {}, Impossible.SELF),
            ({"available": False}, {}, Impossible.UNAVAILABLE),
            ({"capacity": 0}, {}, Impossible.UNAVAILABLE),
            ({"languages": 0b100}, {}, Impossible.NO_SHARED_LANGUAGE),
            ({}, {"competitors": [2]}, Impossible.COMPETITOR),
            ({"competitors": [1]}, {}, Impossible.COMPETITOR),
        ],
    )
    def test_hard_constraints_make_a_pair_impossible(self, mentor_change, mentee_change, why):
        _, _, scores = score_one({**MENTEE, **mentee_change}, {**GREAT, **mentor_change})
        assert scores.impossible[0] == why
        assert scores.score[0] == -1

    def test_excluded_pairs_are_impossible(self):
        _, _, scores = score_one(MENTEE, GREAT, excluded=np.array([0], dtype=np.int64))
        assert scores.impossible[0] == Impossible.EXCLUDED

    def test_in_person_only_mentees_fit_mentors_nearby(self):
        mentee = {**MENTEE, "meeting": Meeting.IN_PERSON, "city": 0, "country": 0}
        near = score_one(mentee, {**GREAT, "meeting": Meeting.EITHER, "city": 0, "country": 0})[2]
        far = score_one(mentee, {**GREAT, "meeting": Meeting.EITHER, "city": 1, "country": 1})[2]
        remote = score_one(mentee, {**GREAT, "meeting": Meeting.VIRTUAL})[2]
        assert near.factors["meeting"][0] == 1.0
        assert far.factors["meeting"][0] == 0.0
        assert remote.factors["meeting"][0] == 0.0

    @settings(max_examples=30, deadline=None)
    @given(st.integers(0, 2**32 - 1), st.integers(1, 60), st.integers(1, 40))
    def test_skill_coverage_is_the_share_of_wanted_skills_offered(self, seed, n_a, n_x):
        mentees, mentors = synthetic_people(n_a, n_x, seed=seed)
        table = skill_table(mentors, N_SKILLS)
        a = np.repeat(np.arange(n_a), n_x)
        x = np.tile(np.arange(n_x), n_a)
        found = skill_coverage(mentees, table, a, x)
        for i, j, value in zip(a.tolist(), x.tolist(), found.tolist(), strict=True):
            wanted = [s for s in mentees.skills[i].tolist() if s != NO_SKILL]
            offered = dict(
                zip(mentors.skills[j].tolist(), mentors.proficiency[j].tolist(), strict=True)
            )
            share = sum(offered.get(s, 0.0) for s in wanted) / max(len(wanted), 1)
            assert value == pytest.approx(share, abs=1e-6)


class TestReasons:
    def test_reasons_are_plain_sentences_about_this_pair(self):
        mentees, mentors, scores = score_one(MENTEE, {**GREAT, "text": None})
        explanation = explain(mentees, mentors, scores, 0, LABELS)
        text = " | ".join(sentence for _, sentence in explanation.reasons)
        assert "knows Python at expert level, which you want to learn" in text
        assert "3 levels above you" in text
        assert "outside your organization" in text
        assert "speaks Spanish, like you" in text
        assert len(explanation.reasons) <= 5
        assert len(explanation.hints) <= 2

    def test_hints_point_at_what_the_mentee_could_change(self):
        mentee = {**MENTEE, "skills": [], "industry": -1, "function": -1, "mentoring_types": 0}
        mentees, mentors, scores = score_one(mentee, GREAT)
        hints = explain(mentees, mentors, scores, 0, LABELS).hints
        assert "Add the skills you want to learn to your profile." in hints
        assert 1 <= len(hints) <= 2

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, 10_000))
    def test_every_reason_names_a_factor_that_really_counts_for_the_pair(self, seed):
        mentees, mentors, scores, labels = synthetic_scored(30, 20, seed)
        for i in np.flatnonzero(scores.score >= 0)[:60]:
            explanation = explain(mentees, mentors, scores, int(i), labels)
            assert len(explanation.reasons) <= 5
            for factor, _ in explanation.reasons:
                if factor != "context":
                    assert scores.factors[factor][i] >= 0.34
            if any(f == "skills" for f, _ in explanation.reasons):
                wanted = set(mentees.skills[scores.mentee[i]].tolist()) - {-1}
                offered = set(mentors.skills[scores.mentor[i]].tolist()) - {-1}
                assert wanted & offered
