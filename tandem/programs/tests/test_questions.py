"""Intake questions: what a manager may ask, and answers checked before anything is written
(required, one of the choices, a scale of 1 to 5)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tandem.programs.models import Participant, Program, Question
from tandem.programs.rules import ProgramInputError, answers_check
from tandem.programs.services.enrollment import answers_give, program_join
from tandem.programs.services.questions import question_add, question_move, question_remove
from tandem.programs.tests.factories import (
    ParticipantFactory,
    ProgramFactory,
    insider,
    manager_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def program() -> Any:  # a Program
    program = ProgramFactory(enrollment=Program.Enrollment.OPEN)
    question_add(program=program, text="What do you hope to get out of it?", required=True)
    question_add(program=program, text="Where are you based?", kind="single",
                 choices=["London", "Lisbon", "Remote"], matching="same")  # fmt: skip
    question_add(program=program, text="Topics", kind="multiple",
                 choices=["Careers", "Leadership", "Tech"])  # fmt: skip
    question_add(program=program, text="How confident do you feel?", kind="scale")
    return program


def member(program: Program) -> Any:  # a Profile
    """Someone of the program's organization, who may join its open programs."""
    return insider(program.organization)


def ids(program: Program) -> list[str]:
    return [str(q.pk) for q in program.questions.all()]


class TestAnswers:
    def test_good_answers_are_stored_in_the_questions_order(self, program, now):
        text, single, multiple, scale = ids(program)
        place = program_join(
            program=program, user=member(program).user, role="mentee", now=now,
            answers={text: " Grow ", single: "Lisbon", multiple: ["Tech", "Careers"], scale: "4",
                     "999": "ignored"},
        )  # fmt: skip
        assert place.answers == {
            text: "Grow",
            single: "Lisbon",
            multiple: ["Careers", "Tech"],
            scale: 4,
        }

    @pytest.mark.parametrize(
        ("which", "value", "says"),
        [
            (0, "", "needs an answer"),
            (1, "Paris", "pick one of the choices"),
            (2, ["Tech", "Cooking"], "pick one of the choices"),
            (3, "6", "from 1 to 5"),
            (3, "0", "from 1 to 5"),
            (3, "three", "from 1 to 5"),
            (0, "x" * 1001, "1000 characters"),
        ],
    )
    def test_a_bad_answer_names_its_question_and_nothing_is_written(
        self, program, now, which, value, says
    ):
        keys = ids(program)
        answers = {keys[0]: "Grow", keys[which]: value}
        with pytest.raises(ProgramInputError, match=says) as refused:
            program_join(program=program, user=member(program).user, answers=answers, now=now)
        assert refused.value.field == f"q{keys[which]}"
        assert not Participant.objects.exists()

    def test_the_form_puts_the_refusal_on_the_question(self, client, program):
        client.force_login(member(program).user)
        keys = ids(program)
        response = client.post(
            reverse("programs:join", args=[program.slug]),
            {"role": "mentee", f"q{keys[1]}": "Paris", f"q{keys[3]}": "9"},
        )
        assert response.status_code == 400
        form = response.context["form"]
        assert set(form.errors) == {f"q{keys[0]}", f"q{keys[1]}", f"q{keys[3]}"}
        assert not Participant.objects.exists()

    def test_changing_ones_answers_is_checked_the_same_way(self, program, now):
        keys = ids(program)
        place = ParticipantFactory(program=program, answers={keys[0]: "Grow"})
        with pytest.raises(ProgramInputError):
            answers_give(program=program, user=place.profile.user, answers={keys[0]: ""}, now=now)
        assert Participant.objects.get(pk=place.pk).answers == {keys[0]: "Grow"}
        answers_give(program=program, user=place.profile.user,
                     answers={keys[0]: "Lead", keys[3]: 2}, now=now)  # fmt: skip
        assert Participant.objects.get(pk=place.pk).answers == {keys[0]: "Lead", keys[3]: 2}

    def test_answers_keyed_by_field_name_count_too(self, program):
        questions = list(program.questions.all())
        assert answers_check(questions, {f"q{questions[0].pk}": "Yes"}) == {
            str(questions[0].pk): "Yes"
        }


class TestQuestions:
    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"text": " "}, "text"),
            ({"text": "Pick", "kind": "single", "choices": ["Only one"]}, "choices"),
            ({"text": "Pick", "kind": "single", "choices": ["A", "a ", "A"]}, "choices"),
            ({"text": "Why?", "kind": "text", "matching": "same"}, "matching"),
            ({"text": "Why?", "kind": "essay"}, "kind"),
        ],
    )
    def test_bad_questions_are_refused_by_field(self, kwargs, field):
        program = ProgramFactory()
        with pytest.raises(ProgramInputError) as refused:
            question_add(program=program, **kwargs)
        assert refused.value.field == field
        assert not Question.objects.exists()

    def test_questions_move_and_go(self):
        program = ProgramFactory()
        a, b, c = (question_add(program=program, text=t) for t in "ABC")
        question_move(program=program, question_id=c.pk, direction="up")
        assert [q.text for q in program.questions.all()] == ["A", "C", "B"]
        question_move(program=program, question_id=a.pk, direction="up")  # already first
        assert [q.text for q in program.questions.all()] == ["A", "C", "B"]
        question_remove(program=program, question_id=b.pk)
        assert [q.text for q in program.questions.all()] == ["A", "C"]

    def test_the_editor_adds_moves_and_removes(self, client):
        program = ProgramFactory()
        client.force_login(manager_of(program.organization))
        url = reverse("programs:questions", args=[program.slug])
        response = client.post(url, {"text": "Team?", "kind": "single", "choices": "Data\n\nOps\n",
                                     "matching": "different", "required": "on"})  # fmt: skip
        assert response.status_code == 302
        question = Question.objects.get()
        assert (question.choices, question.matching, question.required) == (
            ["Data", "Ops"], "different", True,
        )  # fmt: skip
        bad = client.post(url, {"text": "Team?", "kind": "single", "choices": "Data",
                                "matching": "none"})  # fmt: skip
        assert bad.status_code == 400
        assert "2 to 12 different choices" in bad.content.decode()
        client.post(reverse("programs:question_remove", args=[program.slug, question.pk]))
        assert not Question.objects.exists()

    def test_another_programs_question_is_not_found(self):
        from tandem.core.errors import NotFound

        mine, theirs = ProgramFactory(), ProgramFactory()
        question = question_add(program=theirs, text="Theirs")
        with pytest.raises(NotFound):
            question_remove(program=mine, question_id=question.pk)
        assert Question.objects.filter(pk=question.pk).exists()
