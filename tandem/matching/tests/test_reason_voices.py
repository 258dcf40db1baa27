"""Reasons in the reader's words: the same pair told to the mentee and to the mentor, and the
hints said once for a whole list (no database)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.engine.reasons import (
    MENTEE,
    MENTOR,
    PARTIAL_SKILLS_HINT,
    PARTIAL_SKILLS_LIST_HINT,
    Voice,
    explain,
    list_hints,
)
from tandem.matching.engine.score import FACTORS
from tandem.matching.tests.people_builder import GREAT, LABELS, score_one, synthetic_scored
from tandem.matching.tests.people_builder import MENTEE as MENTEE_ROW

ADDRESSES_THE_READER = re.compile(r"\byou(r)?\b")
# Phrases only a mentee reading about a mentor may see.
MENTEE_WORDS = (
    "which you want to learn", "levels above you", "level above you", "where you want to be",
    "you're looking for", "so you can speak freely", "timezone difference", "like you",
    "hours a month for mentoring", "echoes the goals you wrote", "the way you prefer",
)  # fmt: skip
# A pair where every factor is strong: same city, same kind of mentoring, same text.
NEIGHBOURS = (
    {**MENTEE_ROW, "city": 0, "country": 0, "meeting": 2},
    {**GREAT, "city": 0, "country": 0, "meeting": 2},
)


def told(mentee: dict, mentor: dict, voice: Voice, **kwargs) -> list[str]:
    mentees, mentors, scores = score_one(mentee, mentor)
    explanation = explain(mentees, mentors, scores, 0, LABELS, voice=voice, **kwargs)
    return [sentence for _, sentence in explanation.reasons]


class TestTwoVoices:
    def test_the_mentee_hears_about_the_mentor_and_the_mentor_about_the_mentee(self):
        to_mentee = told(MENTEE_ROW, {**GREAT, "text": None}, MENTEE)
        to_mentor = told(MENTEE_ROW, {**GREAT, "text": None}, MENTOR)
        assert (
            "knows Python at expert level, which you want to learn, and also Team leadership"
            in to_mentee
        )
        assert "3 levels above you: far enough to see ahead, close enough to remember" in to_mentee
        assert (
            "wants to learn Python, which you know at expert level; you also offer Team leadership"
            in to_mentor
        )
        assert "3 levels below you: close enough to remember, far enough to help" in to_mentor
        assert "from outside your organization, so they can speak freely" in to_mentor
        assert "speaks Spanish, as you do" in to_mentor

    def test_every_mentor_voice_reason_speaks_to_the_mentor_and_never_in_the_mentees_words(self):
        to_mentee = told(*NEIGHBOURS, MENTEE)
        to_mentor = told(*NEIGHBOURS, MENTOR)
        assert len(to_mentor) == len(to_mentee)
        assert not set(to_mentor) & set(to_mentee)
        for sentence in to_mentor:
            assert ADDRESSES_THE_READER.search(sentence), sentence
            assert not any(words in sentence for words in MENTEE_WORDS), sentence

    @pytest.mark.parametrize("factor", [f for f in FACTORS if f != "availability"])
    def test_each_factor_has_its_own_sentence_for_the_mentor(self, factor):
        only = dict.fromkeys(FACTORS, 0.0) | {factor: 1.0}
        [(_, to_mentee)] = [r for r in told_with_factors(MENTEE, only) if r[0] == factor]
        [(_, to_mentor)] = [r for r in told_with_factors(MENTOR, only) if r[0] == factor]
        assert to_mentor != to_mentee
        assert ADDRESSES_THE_READER.search(to_mentor)
        assert not any(words in to_mentor for words in MENTEE_WORDS), to_mentor

    def test_the_mentors_own_hours_are_no_reason_told_to_the_mentor(self):
        only = dict.fromkeys(FACTORS, 0.0) | {"availability": 1.0}
        assert [f for f, _ in told_with_factors(MENTEE, only)][:1] == ["availability"]
        assert "availability" not in [f for f, _ in told_with_factors(MENTOR, only)]

    @pytest.mark.parametrize(
        ("mentor_level", "to_mentee", "to_mentor"),
        [
            (9, "6 levels above you", "6 levels below you"),
            (6, "3 levels above you", "3 levels below you"),
            (4, "one level above you", "one level below you"),
        ],
    )  # fmt: skip
    def test_the_level_gap_is_seen_from_the_readers_side(self, mentor_level, to_mentee, to_mentor):
        only = dict.fromkeys(FACTORS, 0.0) | {"level_gap": 1.0}
        mentor = {**GREAT, "level": mentor_level}
        mentees, mentors, scores = score_one(MENTEE_ROW, mentor)
        for voice, expected in ((MENTEE, to_mentee), (MENTOR, to_mentor)):
            reasons = explain(mentees, mentors, scores, 0, LABELS, weights=only, voice=voice)
            level = [s for f, s in reasons.reasons if f == "level_gap"]
            assert level[0].startswith(expected), (voice, level)

    def test_the_mentee_voice_is_the_default(self):
        mentees, mentors, scores = score_one(MENTEE_ROW, GREAT)
        assert explain(mentees, mentors, scores, 0, LABELS) == explain(
            mentees, mentors, scores, 0, LABELS, voice=MENTEE
        )

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, 10_000))
    def test_both_voices_name_the_same_factors_for_any_pair(self, seed):
        mentees, mentors, scores, labels = synthetic_scored(20, 15, seed)
        for i in np.flatnonzero(scores.score >= 0)[:40]:
            to_mentee = explain(mentees, mentors, scores, int(i), labels).reasons
            to_mentor = explain(mentees, mentors, scores, int(i), labels, voice=MENTOR).reasons
            # The mentor's own hours are left out, so the next factor may take their place.
            mentee_factors = [f for f, _ in to_mentee if f not in ("availability", "context")]
            mentor_factors = [f for f, _ in to_mentor if f != "context"]
            assert mentor_factors[: len(mentee_factors)] == mentee_factors
            assert len(mentor_factors) <= len(mentee_factors) + 1
            assert len([f for f, _ in to_mentor if f == "context"]) == len(
                [f for f, _ in to_mentee if f == "context"]
            )
            for _, sentence in to_mentor:
                assert ADDRESSES_THE_READER.search(sentence), sentence
                assert not any(words in sentence for words in MENTEE_WORDS), sentence


def told_with_factors(voice: Voice, weights: dict[str, float]) -> list[tuple[str, str]]:
    mentees, mentors, scores = score_one(*NEIGHBOURS, weights=weights)
    return explain(mentees, mentors, scores, 0, LABELS, weights=weights, voice=voice).reasons


class TestListHints:
    def test_a_hint_every_pick_shares_is_said_once(self):
        setting = "Set a target industry and function to find people already working there."
        assert list_hints([[setting], [setting], [setting]]) == [setting]

    def test_the_one_mentor_hint_becomes_a_list_hint_only_when_it_holds_for_everyone(self):
        assert list_hints([[PARTIAL_SKILLS_HINT], [PARTIAL_SKILLS_HINT]]) == [
            PARTIAL_SKILLS_LIST_HINT
        ]
        assert list_hints([[PARTIAL_SKILLS_HINT], []]) == []

    def test_a_list_has_at_most_two_hints(self):
        picks = [
            ["Add the skills you want to learn to your profile.", "Say which kinds of mentoring."],
            ["Being open to video calls would bring in mentors from other cities."],
        ]
        assert len(list_hints(picks)) == 2

    def test_an_empty_list_has_no_hints(self):
        assert list_hints([]) == []
