"""A program's intake questions: add, remove and reorder (for a program found through
`access.program_managed`). Answers people already gave stay with them; a question removed
is no longer asked or shown."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Count, Max

from tandem.core.errors import NotFound, RuleBroken
from tandem.programs.models import Program, Question
from tandem.programs.rules import MAX_QUESTIONS, question_check

MOVES = ("up", "down")


@transaction.atomic
def question_add(
    *, program: Program, text: str, kind: str = Question.Kind.TEXT, choices: Sequence[str] = (),
    matching: str = Question.Matching.NONE, required: bool = False,
) -> Question:  # fmt: skip
    """A new question at the end of the list."""
    Program.objects.select_for_update().filter(pk=program.pk).first()  # one add at a time
    text, cleaned = question_check(text=text, kind=kind, choices=choices, matching=matching)
    asked = program.questions.aggregate(n=Max("position"), count=Count("id"))
    if asked["count"] >= MAX_QUESTIONS:
        raise RuleBroken(f"A program asks at most {MAX_QUESTIONS} questions.")
    return Question.objects.create(
        program=program, position=(asked["n"] or 0) + 1, text=text, kind=kind, choices=cleaned,
        matching=matching, required=required,
    )  # fmt: skip


def _question(program: Program, question_id: int) -> Question:
    question = Question.objects.filter(program=program, pk=question_id).first()
    if question is None:
        raise NotFound("No such question.")
    return question


@transaction.atomic
def question_remove(*, program: Program, question_id: int) -> None:
    _question(program, question_id).delete()


@transaction.atomic
def question_move(*, program: Program, question_id: int, direction: str) -> list[Question]:
    """Move a question one place up or down; returns the questions in their new order."""
    if direction not in MOVES:
        raise ValueError(f"Move a question up or down, not {direction!r}.")
    question = _question(program, question_id)
    order = list(Question.objects.select_for_update().filter(program=program))
    at = next(i for i, q in enumerate(order) if q.pk == question.pk)
    to = at - 1 if direction == "up" else at + 1
    if 0 <= to < len(order):
        order[at], order[to] = order[to], order[at]
    changed = []
    for position, item in enumerate(order, start=1):
        if item.position != position:
            item.position = position
            changed.append(item)
    Question.objects.bulk_update(changed, ["position"])
    return order
