"""Recommendations are honest about their order: whenever a mentor sits below a lower score,
they say why; and wanted skills whose mentors are all paused or full are named (no database)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.engine.people import skill_table
from tandem.matching.engine.recommend import (
    STEP_BACK_WORDS,
    OutOfReach,
    recommend,
    shown,
    skills_out_of_reach,
)
from tandem.matching.engine.synthetic import N_SKILLS, synthetic_people
from tandem.matching.tests.people_builder import GREAT, LABELS, MENTEE, SKILLS, build

NEGOTIATION = SKILLS.index("Negotiation")


def market(mentors: list[dict], mentee: dict = MENTEE):
    mentees = build([mentee], "a")
    people = build(mentors, "x", person_offset=100)
    return mentees, people, skill_table(people, len(SKILLS))


class TestPlacement:
    def test_a_better_fit_many_people_are_asking_sits_lower_and_says_so(self):
        mentees, mentors, table = market([GREAT, {**GREAT, "hours": 3.0}])
        load = np.array([1.0, 0.0], dtype=np.float32)
        first, second = recommend(0, mentees, mentors, table=table, labels=LABELS, load=load)
        assert (first.mentor, second.mentor) == (1, 0)
        assert shown(second.score) > shown(first.score)
        assert first.placement == ""
        assert second.placement == (
            "Placed below a lower score on purpose: others are already waiting to hear from them."
        )

    def test_a_better_fit_from_the_same_organization_as_a_pick_above_says_so(self):
        same = [{**GREAT, "organization": 7}, {**GREAT, "organization": 7, "hours": 5.0}]
        mentees, mentors, table = market([*same, {**GREAT, "organization": 8, "hours": 3.0}])
        picks = recommend(0, mentees, mentors, table=table, labels=LABELS)
        assert [p.mentor for p in picks] == [0, 2, 1]
        assert shown(picks[2].score) > shown(picks[1].score)
        assert picks[2].placement == (
            "Placed below a lower score on purpose: a mentor above works at the same organization."
        )
        assert picks[1].placement == ""

    def test_only_the_penalties_that_outweigh_the_better_fit_are_named(self):
        # The better fit is a little busy (under a point) but mostly shares an organization
        # with the first pick: only the organization is the reason.
        same = [{**GREAT, "organization": 7}, {**GREAT, "organization": 7}]
        mentees, mentors, table = market([*same, {**GREAT, "organization": 8, "hours": 3.0}])
        load = np.array([0.0, 0.05, 0.0], dtype=np.float32)
        picks = recommend(0, mentees, mentors, table=table, labels=LABELS, load=load)
        assert [p.mentor for p in picks] == [0, 2, 1]
        assert picks[2].placement == (
            "Placed below a lower score on purpose: a mentor above works at the same organization."
        )

    def test_a_list_in_score_order_says_nothing_about_placement(self):
        mentees, mentors, table = market(
            [{**GREAT, "skills": ["Negotiation"], "organization": 3}, GREAT]
        )
        picks = recommend(0, mentees, mentors, table=table, labels=LABELS)
        assert picks[0].score >= picks[1].score
        assert [p.placement for p in picks] == ["", ""]

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(0, 10_000))
    def test_every_pick_below_a_lower_shown_score_says_why_and_no_other_does(self, seed):
        mentees, mentors = synthetic_people(8, 120, seed=seed)
        table = skill_table(mentors, N_SKILLS)
        load = np.random.default_rng(seed).random(len(mentors)).astype(np.float32)
        labels = LABELS.__class__(
            skills=[str(i) for i in range(N_SKILLS)], industries=[str(i) for i in range(20)],
            functions=[str(i) for i in range(16)], languages=["en", "es", "de"],
            mentoring_types=[str(i) for i in range(7)],
        )  # fmt: skip
        for a in range(len(mentees)):
            picks = recommend(a, mentees, mentors, table=table, labels=labels, load=load)
            for j, pick in enumerate(picks):
                below_lower = any(shown(p.score) < shown(pick.score) for p in picks[:j])
                assert bool(pick.placement) == below_lower
                if pick.placement:
                    assert any(words in pick.placement for words in STEP_BACK_WORDS.values())

    def test_shown_rounds_halves_up(self):
        assert [shown(84.4), shown(84.5), shown(84.6), shown(100.0)] == [84, 85, 85, 100]


class TestSkillsOutOfReach:
    WANTS = {**MENTEE, "skills": ["Python", "Negotiation"]}
    NEGOTIATOR = {**GREAT, "skills": ["Negotiation"], "proficiency": [1.0]}

    def out_of_reach(self, mentors: list[dict], mentee: dict = WANTS, **kwargs):
        mentees, people, table = market(mentors, mentee)
        return skills_out_of_reach(0, mentees, people, table=table, **kwargs)

    def test_a_skill_only_a_paused_mentor_offers_is_named_with_the_count(self):
        paused = {**self.NEGOTIATOR, "available": False}
        assert self.out_of_reach([GREAT, paused]) == [OutOfReach(NEGOTIATION, 1, other=False)]

    def test_paused_and_full_mentors_both_count(self):
        paused = {**self.NEGOTIATOR, "available": False}
        full = {**self.NEGOTIATOR, "capacity": 0}
        assert self.out_of_reach([GREAT, paused, full]) == [OutOfReach(NEGOTIATION, 2, other=False)]

    def test_one_mentor_taking_requests_is_enough(self):
        paused = {**self.NEGOTIATOR, "available": False}
        assert self.out_of_reach([GREAT, paused, self.NEGOTIATOR]) == []

    def test_mentors_the_mentee_could_never_have_do_not_count(self):
        rival = {**self.NEGOTIATOR, "available": False, "organization": 9}
        mentee = {**self.WANTS, "competitors": [9]}
        assert self.out_of_reach([GREAT, rival], mentee) == []
        paused = {**self.NEGOTIATOR, "available": False}
        excluded = np.array([1], dtype=np.int64)  # the key of (mentee 0, mentor 1)
        assert self.out_of_reach([GREAT, paused], excluded=excluded) == []

    def test_a_mentor_who_said_no_is_not_counted_but_makes_it_the_other_mentors(self):
        paused = {**self.NEGOTIATOR, "available": False}
        assert self.out_of_reach([self.NEGOTIATOR, paused], declined=[0]) == [
            OutOfReach(NEGOTIATION, 1, other=True)
        ]
        assert self.out_of_reach([self.NEGOTIATOR], declined=[0]) == []

    def test_a_skill_nobody_offers_is_not_out_of_reach_just_absent(self):
        assert self.out_of_reach([GREAT]) == []

    def test_a_mentee_who_wants_nothing_yet_hears_nothing(self):
        assert (
            self.out_of_reach([{**self.NEGOTIATOR, "available": False}], {**MENTEE, "skills": []})
            == []
        )
