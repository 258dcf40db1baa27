"""Writes for "Am I stuck?": taking a check, and acting on one of its suggestions (a
question on a mentor's agenda, or a goal in the career plan). Each takes `now`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.errors import NotFound, RuleBroken
from tandem.growth.careers.models import PlanGoal
from tandem.growth.careers.services import plan_goal_add
from tandem.growth.sharing import share_into_agenda
from tandem.growth.stuck.models import StuckCheck, StuckStep
from tandem.growth.stuck.questionnaire import (
    AnswersError,
    Suggestion,
    clean_answers,
    offered_suggestions,
    scores_of,
)
from tandem.growth.stuck.rules import CHECKS_CAPPED, checks_left_today
from tandem.meetings.models import AgendaItem
from tandem.mentorships.sides import sides_of

NOT_OFFERED = "That suggestion isn't part of this check's result."
ALREADY_A_GOAL = "You've already made this suggestion a goal in your career plan."
ALREADY_ASKED = "You've already put this question on the agenda in that mentorship."


@transaction.atomic
def stuck_check_take(*, owner: User, answers: Mapping[str, object], now: datetime) -> StuckCheck:
    """Score a full set of answers and keep it; at most MAX_CHECKS_PER_DAY a day."""
    try:
        cleaned = clean_answers(answers)
    except AnswersError as error:
        first = next(iter(error.problems))
        raise RuleBroken("Answer every statement, then see your result.", field=first) from None
    User.objects.select_for_update().filter(pk=owner.pk).first()  # one check at a time each
    if checks_left_today(owner, now=now) == 0:
        raise RuleBroken(CHECKS_CAPPED)
    return StuckCheck.objects.create(
        owner=owner, taken_at=now, answers=cleaned, scores=scores_of(cleaned)
    )


def _own_check(owner: User, check_id: int, *, lock: bool = False) -> StuckCheck:
    checks = StuckCheck.objects.filter(owner=owner, pk=check_id)
    check = (checks.select_for_update() if lock else checks).first()
    if check is None:
        raise NotFound("No such check.")
    return check


def _offered(check: StuckCheck, suggestion_key: str) -> Suggestion:
    for _, suggestions in offered_suggestions(check.scores):
        for suggestion in suggestions:
            if suggestion.key == suggestion_key:
                return suggestion
    raise RuleBroken(NOT_OFFERED)


@dataclass(frozen=True)
class Asked:
    """Where a suggestion's question went."""

    item: AgendaItem
    other_name: str  # the other side of the mentorship


@transaction.atomic
def stuck_suggestion_ask(
    *, owner: User, check_id: int, suggestion: str, mentorship_id: int, now: datetime
) -> Asked:
    """Put a suggestion's question on the agenda of the next meeting of one of the owner's
    live mentorships. Only the question's text leaves the check."""
    check = _own_check(owner, check_id, lock=True)
    chosen = _offered(check, suggestion)
    steps = check.steps.filter(kind=StuckStep.Kind.AGENDA, suggestion=chosen.key)
    if steps.filter(mentorship_id=mentorship_id).exists():
        raise RuleBroken(ALREADY_ASKED)
    item = share_into_agenda(
        owner=owner, mentorship_id=mentorship_id, text=chosen.question, now=now
    )
    StuckStep.objects.create(
        stuck_check=check, suggestion=chosen.key, kind=StuckStep.Kind.AGENDA,
        mentorship_id=mentorship_id, taken_at=now,
    )  # fmt: skip
    other = sides_of(item.meeting.mentorship, owner).other
    return Asked(item=item, other_name=other.user.display_name)


@transaction.atomic
def stuck_suggestion_goal(
    *, owner: User, check_id: int, suggestion: str, now: datetime
) -> PlanGoal:
    """Make a suggestion a goal of the owner's career plan (whose own rules still apply: a
    fourth goal is refused there, with its message)."""
    check = _own_check(owner, check_id, lock=True)
    chosen = _offered(check, suggestion)
    if check.steps.filter(kind=StuckStep.Kind.GOAL, suggestion=chosen.key).exists():
        raise RuleBroken(ALREADY_A_GOAL)
    goal = plan_goal_add(owner=owner, text=chosen.goal, now=now)
    StuckStep.objects.create(
        stuck_check=check, suggestion=chosen.key, kind=StuckStep.Kind.GOAL, taken_at=now
    )
    return goal


def stuck_check_delete(*, owner: User, check_id: int) -> None:
    """Delete one of the owner's checks with the record of what they took from it. What it
    shared stays where it went (a question on an agenda, a goal in the plan): it is no
    longer the check's."""
    _own_check(owner, check_id).delete()


def stuck_checks_forget(*, owner: User) -> int:
    """Delete every check of the owner (and what they took from them); for account
    deletion. The questions already on agendas stay there: they were shared."""
    deleted, _ = StuckCheck.objects.filter(owner=owner).delete()
    return deleted
