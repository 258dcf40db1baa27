"""Writes for the agreement's goals and the mentor's own learning goals (P9, P11).

Goals are rows made from the agreement when it is accepted (a renewal adds its own), so
progress has somewhere to live; the agreement keeps the words as they were agreed.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.errors import DomainError, IllegalTransition, RuleBroken
from tandem.mentorships.models import Agreement, Goal, GoalUpdate, Mentorship
from tandem.mentorships.rules import LIVE, MAX_LEARNING_GOALS, open_check
from tandem.mentorships.sides import MENTOR, sides_of

MISSING = "No such goal."


def goals_from_agreement(agreement: Agreement) -> list[Goal]:
    """Called when an agreement (or a renewal) is accepted: its goals become trackable."""
    mentorship = agreement.mentorship
    owner = mentorship.mentee.user_id
    return Goal.objects.bulk_create(
        Goal(
            mentorship=mentorship, owner_id=owner, text=t[:200], agreement_version=agreement.version
        )
        for t in agreement.goals
    )


@transaction.atomic
def goal_update(
    *, goal: Goal, actor: User, status: str, now: datetime, text: str = ""
) -> GoalUpdate:
    """Either side records progress on a goal of their mentorship, while it is live."""
    # The mentorship's row first (as closing and completing lock it, then its goals): a goal
    # updated while the other side ends the mentorship waits, then sees it ended.
    mentorship = (
        Mentorship.objects.select_for_update(no_key=True, of=("self",))
        .select_related("mentee", "mentor")
        .get(pk=goal.mentorship_id)
    )
    sides_of(mentorship, actor, missing=MISSING)
    open_check(mentorship, states=LIVE)
    goal = Goal.objects.select_for_update(of=("self",)).get(pk=goal.pk)
    goal.mentorship = mentorship
    if goal.is_learning_goal and goal.owner_id != actor.pk:
        raise IllegalTransition("A learning goal is updated by the mentor who set it.")
    if status not in Goal.Status.values:
        raise RuleBroken("Choose where the goal stands.", field="status")
    if len(text) > 500:
        raise RuleBroken("Keep the update to 500 characters.", field="text")
    goal.status = status
    goal.save(update_fields=["status", "updated_at"])
    return GoalUpdate.objects.create(goal=goal, author=actor, text=text.strip(), status=status)


def goals_settle(
    *, mentorship: Mentorship, actor: User, achieved: Collection[int], now: datetime
) -> None:
    """At completion, record which of the agreement's goals were reached (`achieved`, goal
    ids): those become achieved, one marked achieved but not ticked goes back to in progress,
    and each change gets an update in the actor's name. Call it inside the completing move's
    transaction."""
    goals = list(mentorship.goals.filter(is_learning_goal=False).select_for_update())
    if set(achieved) - {goal.pk for goal in goals}:
        raise DomainError("Tick only the goals of this mentorship.", field="achieved")
    for goal in goals:
        reached = goal.pk in achieved
        if reached == (goal.status == Goal.Status.ACHIEVED):
            continue
        goal.status = Goal.Status.ACHIEVED if reached else Goal.Status.PROGRESSING
        goal.save(update_fields=["status", "updated_at"])
        GoalUpdate.objects.create(
            goal=goal, author=actor, status=goal.status,
            text="Reached by the end." if reached else "Not reached by the end.",
        )  # fmt: skip


@transaction.atomic
def learning_goal_add(*, mentorship: Mentorship, actor: User, text: str) -> Goal:
    """What the mentor wants to learn from mentoring (P11): seen by both, set by the mentor."""
    # The mentorship's row first, as goal_update and the moves that end it lock it: a goal
    # added while the mentorship is being closed waits and then sees it closed, and two adds
    # at once count the goals one after the other.
    mentorship = (
        Mentorship.objects.select_for_update(no_key=True, of=("self",))
        .select_related("mentee", "mentor")
        .get(pk=mentorship.pk)
    )
    if sides_of(mentorship, actor, missing=MISSING).role != MENTOR:
        raise IllegalTransition("Learning goals are the mentor's own.")
    open_check(mentorship, states=LIVE)
    text = text.strip()
    if not text or len(text) > 200:
        raise RuleBroken("Write the goal in a sentence (200 characters at most).", field="text")
    if mentorship.goals.filter(is_learning_goal=True).count() >= MAX_LEARNING_GOALS:
        raise RuleBroken("Three learning goals are plenty; finish one first.", field="text")
    return Goal.objects.create(mentorship=mentorship, owner=actor, text=text, is_learning_goal=True)
