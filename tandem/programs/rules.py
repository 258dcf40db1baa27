"""Rules of programs that services check before they write and pages read to say in advance
what is possible: intake answers, questions, who may join how, invitations, feedback.

A refusal here is a domain error naming the form field it is about, so a page puts it back on
its form (400) and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from tandem.core.errors import DomainError, IllegalTransition, RuleBroken
from tandem.programs.models import Participant, Program, Question

ANSWER_MAX_LENGTH = 1000
DEPARTMENT_MAX_LENGTH = 120  # Participant.department
QUESTION_MAX_LENGTH = 200
CHOICE_MAX_LENGTH = 80
MIN_CHOICES, MAX_CHOICES = 2, 12
MAX_QUESTIONS = 20
SCALE = (1, 2, 3, 4, 5)
FEEDBACK_NOTE_MAX = 1000
INVITATION_MAX_AGE = timedelta(days=14)
INVITATIONS_PER_SEND = 200
# Participants who hold a place (an application waiting counts: it is theirs until decided).
HOLDING = (Participant.State.ACTIVE, Participant.State.APPLIED)
SIDES_1TO1 = (Participant.Role.MENTEE, Participant.Role.MENTOR, Participant.Role.BOTH)


class ProgramInputError(DomainError):
    """Bad input for a program write (400): an answer, a question, an email; nothing written."""


def field_name(question: Question | int) -> str:
    """The form field (and error field) of one intake question: `q12`."""
    return f"q{question if isinstance(question, int) else question.pk}"


def _choice_answer(question: Question, value: Any) -> str:
    if not isinstance(value, str) or value not in question.choices:
        raise ProgramInputError(
            f"“{question.text}”: pick one of the choices given.", field=field_name(question)
        )
    return value


def _answer(question: Question, value: Any) -> Any:
    """The answer as stored, or None when it was left empty; a bad one is refused."""
    if value in (None, "", [], ()):
        return None
    field = field_name(question)
    if question.kind == Question.Kind.TEXT:
        text = str(value).strip()
        if len(text) > ANSWER_MAX_LENGTH:
            raise ProgramInputError(
                f"“{question.text}”: keep it to {ANSWER_MAX_LENGTH} characters.", field=field
            )
        return text or None
    if question.kind == Question.Kind.SINGLE:
        return _choice_answer(question, value)
    if question.kind == Question.Kind.MULTIPLE:
        values = [value] if isinstance(value, str) else list(value)
        picked = [_choice_answer(question, v) for v in values]
        return [choice for choice in question.choices if choice in picked]  # the question's order
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number not in SCALE or isinstance(value, float | bool):
        raise ProgramInputError(f"“{question.text}”: choose a number from 1 to 5.", field=field)
    return number


def answers_check(questions: Sequence[Question], raw: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to store ({question id: answer}) from `raw` (keyed by question id or by
    field name): every required question answered, choices among the question's own, a
    scale from 1 to 5. Answers to questions the program does not ask are dropped."""
    answers: dict[str, Any] = {}
    for question in questions:
        value = raw.get(str(question.pk), raw.get(field_name(question)))
        answer = _answer(question, value)
        if answer is None:
            if question.required:
                raise ProgramInputError(
                    f"“{question.text}”: this one needs an answer.", field=field_name(question)
                )
            continue
        answers[str(question.pk)] = answer
    return answers


def answers_missing(questions: Sequence[Question], answers: Mapping[str, Any]) -> bool:
    """True when a required question has no answer (it was added after they joined)."""
    return any(q.required and str(q.pk) not in answers for q in questions)


def question_check(
    *, text: str, kind: str, choices: Sequence[str], matching: str
) -> tuple[str, list[str]]:
    """(text, choices) cleaned for a new question; a bad one is refused with its field."""
    text = " ".join(text.split())
    if not text:
        raise ProgramInputError("Write the question.", field="text")
    if len(text) > QUESTION_MAX_LENGTH:
        raise ProgramInputError(
            f"Keep the question to {QUESTION_MAX_LENGTH} characters.", field="text"
        )
    if kind not in Question.Kind.values:
        raise ProgramInputError("Choose what kind of answer it takes.", field="kind")
    if matching not in Question.Matching.values:
        raise ProgramInputError("Choose how matching uses it.", field="matching")
    is_choice = kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
    if matching != Question.Matching.NONE and not is_choice:
        raise ProgramInputError(
            "Only a single or multiple choice question can feed matching.", field="matching"
        )
    cleaned: list[str] = []
    for choice in choices:
        choice = " ".join(choice.split())
        if choice and choice.casefold() not in {c.casefold() for c in cleaned}:
            cleaned.append(choice)
    if not is_choice:
        return text, []
    if not MIN_CHOICES <= len(cleaned) <= MAX_CHOICES:
        raise ProgramInputError(
            f"Give {MIN_CHOICES} to {MAX_CHOICES} different choices, one a line.", field="choices"
        )
    if any(len(choice) > CHOICE_MAX_LENGTH for choice in cleaned):
        raise ProgramInputError(
            f"Keep each choice to {CHOICE_MAX_LENGTH} characters.", field="choices"
        )
    return text, cleaned


def enrollment_refusal(program: Program, place: Participant | None, *, how: str) -> str | None:
    """Why this person cannot join (`how` = open, apply or invite) now, or None if they can."""
    if place is not None and place.state == Participant.State.ACTIVE:
        return f"You're already taking part in {program.name}."
    if place is not None and place.state == Participant.State.APPLIED:
        return "Your application is waiting for a manager's answer."
    if place is not None and place.state == Participant.State.DECLINED and how != "invite":
        return "Your application wasn't approved. A manager of the program can invite you."
    if how != "invite" and program.enrollment != how:
        if program.enrollment == Program.Enrollment.INVITE:
            return "This program takes people by invitation only."
        if program.enrollment == Program.Enrollment.APPLY:
            return "This program takes applications: apply, and a manager will answer."
        return "This program is open: join it straight away."
    return None


def enrollment_check(program: Program, place: Participant | None, *, how: str) -> None:
    refusal = enrollment_refusal(program, place, how=how)
    if refusal is not None:
        raise RuleBroken(refusal)


def side_check(program: Program, role: str) -> str:
    """The side this person takes: pools have one kind of participant; in 1:1 programs they
    pick mentee, mentor or both."""
    if program.is_pool:
        return Participant.Role.PEER
    if role not in SIDES_1TO1:
        raise ProgramInputError("Choose your side: mentee, mentor or both.", field="role")
    return role


def department_check(program: Program, department: str | None) -> str | None:
    """The department a person gives for their place, cleaned (None: not asked, keep what is
    stored). Pools do not ask: nothing in a pool reads it."""
    if department is None or program.is_pool:
        return None
    cleaned = " ".join(str(department).split())
    if len(cleaned) > DEPARTMENT_MAX_LENGTH:
        raise ProgramInputError(
            f"Keep your department to {DEPARTMENT_MAX_LENGTH} characters.", field="department"
        )
    return cleaned


def feedback_check(*, met: bool, rating: int | None, note: str) -> None:
    if rating is not None and rating not in SCALE:
        raise ProgramInputError("Choose a rating from 1 to 5.", field="rating")
    if met and rating is None:
        raise ProgramInputError("How was it? Choose a rating from 1 to 5.", field="rating")
    if len(note) > FEEDBACK_NOTE_MAX:
        raise ProgramInputError(
            f"Keep the note to {FEEDBACK_NOTE_MAX} characters or fewer.", field="note"
        )


def coffee_check(program: Program) -> None:
    if program.kind != Program.Kind.COFFEE:
        raise IllegalTransition("Only coffee rounds can be paused and resumed.")
