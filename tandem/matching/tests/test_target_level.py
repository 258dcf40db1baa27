"""A mentee's target level (set by a career plan, P14): a mentor already at that level fits
their direction better, and the reason says so in plain words (no database)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.matching.engine.candidates import coarse_features
from tandem.matching.engine.people import skill_table
from tandem.matching.engine.reasons import MENTOR, explain
from tandem.matching.engine.score import direction_fit, normalized_weights
from tandem.matching.engine.synthetic import N_SKILLS, synthetic_people
from tandem.matching.tests.people_builder import LABELS, build, score_one

LEVEL_WORDS = ("", "", "", "", "", "", "as a manager", "as a senior manager", "as a director")
WORDED = replace(LABELS, levels=LEVEL_WORDS)
# Heading for Finance (industry 1), level 8, from engineering at level 4.
AIMING = {"industry": 1, "function": 0, "level": 4, "target_level": 8}
DIRECTOR_IN_FINANCE = {"industry": 1, "function": 2, "level": 8, "organization": 2}
MANAGER_IN_FINANCE = {"industry": 1, "function": 2, "level": 7, "organization": 2}


def _sentences(mentee, mentor, labels=WORDED, voice="mentee"):
    mentees, mentors, scores = score_one(mentee, mentor)
    return [s for _, s in explain(mentees, mentors, scores, 0, labels, voice=voice).reasons]


class TestDirectionWithATargetLevel:
    def test_the_mentor_at_the_target_level_fits_better_than_one_a_level_below(self):
        mentees = build([AIMING], "a")
        mentors = build([DIRECTOR_IN_FINANCE, MANAGER_IN_FINANCE], "x", person_offset=10)
        fit = direction_fit(mentees, mentors, np.zeros(2, dtype=np.int64), np.arange(2))
        assert fit.tolist() == pytest.approx([0.65, 0.35])

    def test_without_a_target_level_direction_is_industry_and_function_as_before(self):
        mentees = build([{**AIMING, "target_level": -1}], "a")
        mentors = build([DIRECTOR_IN_FINANCE], "x", person_offset=10)
        fit = direction_fit(mentees, mentors, np.zeros(1, dtype=np.int64), np.zeros(1, np.int64))
        assert fit.tolist() == pytest.approx([0.5])

    def test_setting_the_target_raises_that_mentors_score(self):
        _, _, before = score_one({**AIMING, "target_level": -1}, DIRECTOR_IN_FINANCE)
        _, _, after = score_one(AIMING, DIRECTOR_IN_FINANCE)
        assert after.score[0] > before.score[0]


class TestTheReasonNamesTheTarget:
    def test_the_mentee_reads_the_level_and_industry_they_aim_for(self):
        sentences = _sentences(AIMING, DIRECTOR_IN_FINANCE)
        assert "works as a director in Finance, where you want to be" in sentences

    def test_a_mentor_only_in_the_industry_is_still_named_for_it(self):
        sentences = _sentences(AIMING, MANAGER_IN_FINANCE)
        assert "works in Finance, where you want to be" in sentences

    def test_without_words_for_levels_the_number_is_said(self):
        sentences = _sentences(AIMING, DIRECTOR_IN_FINANCE, labels=LABELS)
        assert "works at level 8 in Finance, where you want to be" in sentences

    def test_the_mentor_reads_that_the_mentee_is_heading_for_their_level(self):
        sentences = _sentences(AIMING, DIRECTOR_IN_FINANCE, voice=MENTOR)
        assert "heading for your level in Finance, where you work" in sentences


class TestCoarseScoreFollowsTheTarget:
    @settings(max_examples=15, deadline=None)
    @given(st.integers(0, 2**32 - 1))
    def test_the_coarse_score_moves_by_exactly_the_direction_change(self, seed):
        mentees, mentors = synthetic_people(25, 15, seed=seed)
        rng = np.random.default_rng(seed)
        aiming = rng.random(len(mentees)) < 0.5
        target = np.where(aiming, rng.integers(1, 11, size=len(mentees)), -1).astype(np.int64)
        targeted = replace(mentees, target_level=target)
        table = skill_table(mentors, N_SKILLS)
        w = normalized_weights(None)

        def coarse(people):
            f_a, f_x = coarse_features(people, mentors, table, w)
            return f_a.astype(np.float64) @ f_x.T.astype(np.float64)

        a = np.repeat(np.arange(len(mentees)), len(mentors))
        x = np.tile(np.arange(len(mentors)), len(mentees))
        change = direction_fit(targeted, mentors, a, x) - direction_fit(mentees, mentors, a, x)
        expected = (w["direction"] * change).reshape(len(mentees), len(mentors))
        np.testing.assert_allclose(coarse(targeted) - coarse(mentees), expected, atol=1e-3)
