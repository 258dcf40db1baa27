"""The questionnaire and its scoring, as plain functions: no database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.growth.stuck import questionnaire as q
from tandem.growth.stuck.tests.factories import answers, standing_out

KEYS = [statement.key for statement in q.STATEMENTS]
VALUES = sorted(q.VALUES)
answer_sets = st.fixed_dictionaries({key: st.sampled_from(VALUES) for key in KEYS})


class TestTheQuestionnaire:
    def test_covers_the_seven_causes_with_two_or_three_statements_and_suggestions_each(self):
        assert [cause.key for cause in q.CAUSES] == [
            "bored", "under_performing", "attitude", "falling_behind", "rigid",
            "no_longer_fit", "change_around_me",
        ]  # fmt: skip
        for cause in q.CAUSES:
            assert 2 <= len(cause.statements) <= 3
            assert 2 <= len(cause.suggestions) <= 3

    def test_every_key_is_unique_and_fits_its_column(self):
        statement_keys = [s.key for c in q.CAUSES for s in c.statements]
        suggestion_keys = [s.key for c in q.CAUSES for s in c.suggestions]
        assert len(set(statement_keys)) == len(statement_keys) == len(q.STATEMENTS)
        assert len(set(suggestion_keys)) == len(suggestion_keys)
        assert all(len(key) <= 40 for key in suggestion_keys)

    def test_suggestions_fit_on_an_agenda_and_in_a_goal(self):
        for cause in q.CAUSES:
            for suggestion in cause.suggestions:
                assert 0 < len(suggestion.question) <= 300
                assert suggestion.question.endswith("?")
                assert 0 < len(suggestion.goal) <= 200

    def test_statements_of_one_cause_are_not_asked_side_by_side(self):
        for before, after in zip(q.STATEMENTS, q.STATEMENTS[1:], strict=False):
            assert q.CAUSE_OF[before.key] != q.CAUSE_OF[after.key]

    def test_the_module_imports_nothing_of_django_or_tandem(self):
        tree = ast.parse(Path(q.__file__).read_text())
        imported = [
            name
            for node in ast.walk(tree)
            for name in (
                [alias.name for alias in node.names] if isinstance(node, ast.Import)
                else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )
        ]  # fmt: skip
        assert not [name for name in imported if name.startswith(("django", "tandem"))]


class TestCleaningAnswers:
    def test_accepts_a_full_set_given_as_digits(self):
        raw = dict.fromkeys(KEYS, "2")
        assert q.clean_answers(raw) == dict.fromkeys(KEYS, 2)

    def test_names_each_statement_left_unanswered(self):
        raw = answers()
        del raw["bored_sleep"], raw["rigid_keep"]
        with pytest.raises(q.AnswersError) as caught:
            q.clean_answers(raw)
        assert set(caught.value.problems) == {"bored_sleep", "rigid_keep"}

    @pytest.mark.parametrize("value", [3, -1, "very", True, 1.5, "", None])
    def test_refuses_a_value_off_the_scale(self, value):
        with pytest.raises(q.AnswersError) as caught:
            q.clean_answers(answers(bored_sleep=value))
        assert list(caught.value.problems) == ["bored_sleep"]

    def test_refuses_a_key_that_is_no_statement(self):
        with pytest.raises(q.AnswersError) as caught:
            q.clean_answers({**answers(), "salary": 2})
        assert list(caught.value.problems) == ["salary"]


class TestScoring:
    def test_all_not_me_scores_zero_everywhere_and_nothing_stands_out(self):
        result = q.result_of(answers(q.NOT_ME))
        assert set(result.scores.values()) == {0}
        assert result.standing_out == []
        assert "Nothing here suggests you're stuck" in result.reading

    def test_all_very_much_me_scores_100_everywhere(self):
        result = q.result_of(answers(q.VERY_MUCH))
        assert set(result.scores.values()) == {100}
        assert len(result.standing_out) == 7
        assert "Quite a lot stands out" in result.reading

    def test_a_little_everywhere_stands_out_nowhere(self):
        result = q.result_of(answers(q.A_LITTLE))
        assert set(result.scores.values()) == {50}
        assert result.standing_out == []
        assert result.reading.startswith("Nothing stands out strongly.")

    def test_four_points_of_six_stand_out_and_three_do_not(self):
        four = answers(tools_avoid=2, tools_old_way=2)
        three = answers(tools_avoid=2, tools_old_way=1)
        assert q.scores_of(four)["falling_behind"] == 67
        assert [c.key for c in q.result_of(four).standing_out] == ["falling_behind"]
        assert q.scores_of(three)["falling_behind"] == 50
        assert q.result_of(three).standing_out == []

    def test_one_cause_standing_out_is_named_in_the_reading(self):
        result = q.result_of(standing_out("rigid"))
        assert result.scores["rigid"] == 100
        assert [cause.key for cause in result.standing_out] == ["rigid"]
        assert "One thing stands out: set in your ways." in result.reading

    def test_causes_that_stand_out_come_highest_first(self):
        raw = {**standing_out("bored"), "attitude_wronged": 2, "attitude_shows": 2}
        result = q.result_of(raw)
        assert [cause.key for cause in result.standing_out] == ["bored", "attitude"]
        assert "A few things stand out: the work no longer stretches you and frustration" in (
            result.reading
        )

    def test_only_the_causes_that_stand_out_offer_suggestions(self):
        offered = q.offered_suggestions(q.scores_of(standing_out("falling_behind", "rigid")))
        assert [cause.key for cause, _ in offered] == ["falling_behind", "rigid"]
        assert any("an hour a week" in s.goal for s in offered[0][1])

    @given(answer_sets)
    def test_scores_are_always_between_0_and_100(self, raw):
        scores = q.scores_of(q.clean_answers(raw))
        assert set(scores) == set(q.CAUSE_BY_KEY)
        assert all(0 <= score <= 100 for score in scores.values())

    @given(answer_sets, st.sampled_from(KEYS))
    def test_moving_an_answer_to_very_much_me_never_lowers_a_score(self, raw, key):
        before = q.scores_of(raw)
        after = q.scores_of({**raw, key: q.VERY_MUCH})
        assert all(after[cause] >= before[cause] for cause in before)
        assert after[q.CAUSE_OF[key]] >= before[q.CAUSE_OF[key]]

    @given(answer_sets)
    def test_a_cause_stands_out_exactly_when_its_score_reaches_the_threshold(self, raw):
        result = q.result_of(raw)
        expected = {key for key, score in result.scores.items() if score >= q.STANDS_OUT_AT}
        assert {cause.key for cause in result.standing_out} == expected
        assert result.reading

    @given(st.sets(st.sampled_from(KEYS)))
    def test_with_not_me_everywhere_else_nothing_answered_a_little_stands_out(self, keys):
        raw = answers(**dict.fromkeys(keys, q.A_LITTLE))
        assert q.result_of(raw).standing_out == []
