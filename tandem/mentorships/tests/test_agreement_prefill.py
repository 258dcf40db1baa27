"""Goals another page offers for an agreement form: kept per mentorship in the person's
session, trimmed to what the form takes, and handed over once."""

from __future__ import annotations

from tandem.mentorships.prefill import SESSION_KEY, agreement_goals_offer, agreement_goals_take


class TestAgreementGoalsPrefill:
    def test_goals_offered_are_taken_once_for_that_mentorship_only(self):
        session: dict = {}
        agreement_goals_offer(session, mentorship_id=7, goals=["One", "Two"])
        agreement_goals_offer(session, mentorship_id=8, goals=["Other"])
        assert agreement_goals_take(session, mentorship_id=7) == ["One", "Two"]
        assert agreement_goals_take(session, mentorship_id=7) == []
        assert agreement_goals_take(session, mentorship_id=8) == ["Other"]
        assert SESSION_KEY not in session

    def test_goals_are_trimmed_to_three_of_at_most_200_characters_and_blanks_dropped(self):
        session: dict = {}
        agreement_goals_offer(session, mentorship_id=1, goals=["  a   b ", "", "x" * 300, "c", "d"])
        assert agreement_goals_take(session, mentorship_id=1) == ["a b", "x" * 200, "c"]

    def test_offering_again_replaces_what_was_kept(self):
        session: dict = {}
        agreement_goals_offer(session, mentorship_id=1, goals=["old"])
        agreement_goals_offer(session, mentorship_id=1, goals=["new"])
        assert agreement_goals_take(session, mentorship_id=1) == ["new"]
