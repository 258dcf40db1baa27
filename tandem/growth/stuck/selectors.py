"""Reads for "Am I stuck?": one selector per page, each for the owner alone (someone else's
check is NotFound, a 404), and the owner's data for the download."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tandem.accounts.models import User
from tandem.core.errors import NotFound
from tandem.growth.careers.models import MAX_GOALS, PlanGoal
from tandem.growth.sharing import ShareTarget, share_targets_for
from tandem.growth.stuck.models import StuckCheck, StuckStep
from tandem.growth.stuck.questionnaire import (
    CAUSE_BY_KEY,
    CAUSES,
    SCALE,
    STANDS_OUT_AT,
    STATEMENTS,
    SUGGESTION_BY_KEY,
    Cause,
    Result,
    Suggestion,
    offered_suggestions,
)
from tandem.growth.stuck.rules import MAX_CHECKS_PER_DAY, checks_left_today
from tandem.mentorships.sides import sides_of

HISTORY_COLUMNS = 4  # checks side by side in the history table: what fits a phone
HISTORY_LIST = 50  # checks listed under it, newest first


def check_for(*, owner: User, check_id: int) -> StuckCheck:
    """One of the owner's checks; anyone else's (or none) is NotFound."""
    check = StuckCheck.objects.filter(owner=owner, pk=check_id).first()
    if check is None:
        raise NotFound("No such check.")
    return check


@dataclass(frozen=True)
class StartPage:
    latest: StuckCheck | None
    count: int
    left_today: int
    per_day: int = MAX_CHECKS_PER_DAY


def start_page_for(*, owner: User, now: datetime) -> StartPage:
    """The questionnaire page: the last check (to compare with) and how many are left today."""
    checks = StuckCheck.objects.filter(owner=owner)
    latest = checks.order_by("-taken_at", "-id").first()
    return StartPage(latest, checks.count(), checks_left_today(owner, now=now))


def change_words(change: int | None) -> str:
    """A change of score in words: "up 17", "down 5", "no change" ("" when there is none)."""
    if change is None:
        return ""
    if change == 0:
        return "no change"
    return f"up {change}" if change > 0 else f"down {-change}"


@dataclass(frozen=True)
class CauseScore:
    cause: Cause
    score: int
    stands_out: bool
    change: int | None  # since the check before this one; None for the first

    @property
    def change_text(self) -> str:
        return change_words(self.change)


@dataclass
class OfferedSuggestion:
    suggestion: Suggestion
    made_goal: bool = False
    asked: list[str] = field(default_factory=list)  # who it was asked of (names)
    asked_ids: set[int] = field(default_factory=set)  # the mentorships it went to
    can_ask: list[ShareTarget] = field(default_factory=list)  # where it could still go now


@dataclass(frozen=True)
class OfferedCause:
    cause: Cause
    suggestions: list[OfferedSuggestion]


@dataclass(frozen=True)
class ResultPage:
    check: StuckCheck
    result: Result
    scores: list[CauseScore]
    offered: list[OfferedCause]
    targets: list[ShareTarget]  # live mentorships with their next meeting (or none)
    previous: StuckCheck | None
    plan_full: bool  # the career plan holds its MAX_GOALS, so a suggestion can't become one
    stands_out_at: int = STANDS_OUT_AT
    max_goals: int = MAX_GOALS

    @property
    def no_meeting(self) -> list[ShareTarget]:
        return [target for target in self.targets if target.meeting is None]


def result_page_for(*, owner: User, check_id: int, now: datetime) -> ResultPage:
    """One check's result: the scores (and change since the check before), the suggestions
    of the causes that stand out with what was already done with each, and where a question
    could go."""
    check = check_for(owner=owner, check_id=check_id)
    previous = (
        StuckCheck.objects.filter(owner=owner, taken_at__lt=check.taken_at)
        .order_by("-taken_at", "-id")
        .first()
    )
    result = check.result
    scores = [
        CauseScore(
            cause, result.scores[cause.key], cause in result.standing_out,
            None if previous is None
            else result.scores[cause.key] - int(previous.scores.get(cause.key, 0)),
        )
        for cause in CAUSES
    ]  # fmt: skip
    steps = check.steps.select_related("mentorship__mentee__user", "mentorship__mentor__user")
    taken: dict[str, OfferedSuggestion] = {}
    offered = []
    for cause, suggestions in offered_suggestions(result.scores):
        rows = [OfferedSuggestion(suggestion) for suggestion in suggestions]
        taken.update({row.suggestion.key: row for row in rows})
        offered.append(OfferedCause(cause, rows))
    for step in steps.order_by("taken_at", "id"):
        row = taken.get(step.suggestion)
        if row is None:
            continue  # a suggestion this result no longer offers (the wording changed)
        if step.kind == StuckStep.Kind.GOAL:
            row.made_goal = True
        elif step.mentorship is not None:
            row.asked.append(sides_of(step.mentorship, owner).other.user.display_name)
            row.asked_ids.add(step.mentorship.pk)
    targets = share_targets_for(owner, now=now)
    for row in taken.values():
        row.can_ask = [
            target for target in targets
            if target.meeting is not None and target.mentorship.pk not in row.asked_ids
        ]  # fmt: skip
    # The plan's own cap, read as its service checks it (and only when a suggestion could
    # still become a goal), so the page never offers a goal the plan would refuse.
    plan_full = any(not row.made_goal for row in taken.values()) and (
        PlanGoal.objects.filter(plan__owner=owner).count() >= MAX_GOALS
    )
    return ResultPage(check, result, scores, offered, targets, previous, plan_full)


@dataclass(frozen=True)
class HistoryRow:
    cause: Cause
    scores: list[int]  # one per column, oldest first
    change: int | None  # last column minus the first; None with a single column

    @property
    def change_text(self) -> str:
        return change_words(self.change)


@dataclass(frozen=True)
class HistoryPage:
    columns: list[StuckCheck]  # the latest few checks, oldest first
    rows: list[HistoryRow]
    checks: list[StuckCheck]  # the list under the table, newest first
    total: int
    stands_out_at: int = STANDS_OUT_AT


def history_page_for(*, owner: User) -> HistoryPage:
    """How each cause's score changed over the owner's latest checks."""
    newest_first = StuckCheck.objects.filter(owner=owner).order_by("-taken_at", "-id")
    checks = list(newest_first[:HISTORY_LIST])
    columns = list(reversed(checks[:HISTORY_COLUMNS]))
    rows = []
    for cause in CAUSES:
        scores = [int(check.scores.get(cause.key, 0)) for check in columns]
        change = scores[-1] - scores[0] if len(scores) > 1 else None
        rows.append(HistoryRow(cause, scores, change))
    return HistoryPage(columns, rows, checks, StuckCheck.objects.filter(owner=owner).count())


def export_for(user: User) -> dict[str, Any]:
    """Everything "Am I stuck?" keeps about `user`, as plain data for their download."""
    labels = dict(SCALE)
    texts = {statement.key: statement.text for statement in STATEMENTS}
    checks = (
        StuckCheck.objects.filter(owner=user).prefetch_related("steps").order_by("taken_at", "id")
    )
    return {
        "stuck_checks": [
            {
                "taken_at": check.taken_at,
                "answers": [
                    {"statement": texts.get(key, key), "answer": labels.get(value, value)}
                    for key, value in check.answers.items()
                ],
                "scores": {
                    (CAUSE_BY_KEY[key].title if key in CAUSE_BY_KEY else key): value
                    for key, value in check.scores.items()
                },
                "suggestions_taken": [
                    {
                        "suggestion": _suggestion_text(step),
                        "as": step.get_kind_display(),
                        "taken_at": step.taken_at,
                    }
                    for step in sorted(check.steps.all(), key=lambda s: (s.taken_at, s.pk))
                ],
            }
            for check in checks
        ]
    }


def _suggestion_text(step: StuckStep) -> str:
    found = SUGGESTION_BY_KEY.get(step.suggestion)
    if found is None:
        return step.suggestion
    _, suggestion = found
    return suggestion.goal if step.kind == StuckStep.Kind.GOAL else suggestion.question
