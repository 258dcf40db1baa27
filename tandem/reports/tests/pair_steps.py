"""What a pair does after its match, at chosen moments, for the section tests: a meeting held,
an agreement proposed and accepted, the mentorship completed, goals and action items moved on.

Every step goes through the meetings and mentorships services (or their factories), then rows
whose created_at the services stamp with the real clock are moved to the moment the test
chose, so a date range can take them in or leave them out. `section_on_page` and `scope_of`
read a section the two ways a manager gets it: the dashboard page, or its builder.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from django.test import Client
from django.urls import reverse

from tandem.meetings.models import ActionItem, Meeting
from tandem.meetings.services.follow_through import action_item_add, action_item_update
from tandem.meetings.tests.factories import HeldMeetingFactory, backdate
from tandem.mentorships.models import Agreement, Goal, Mentorship
from tandem.mentorships.services.agreements import agreement_accept, agreement_propose
from tandem.mentorships.services.goals import goal_update
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.programs.models import Program
from tandem.programs.tests.factories import manager_of
from tandem.reports.filters import Filters
from tandem.reports.metrics.base import Builder, Section
from tandem.reports.scope import Scope
from tandem.reports.tests.world import Pair

TODAY = date(2026, 11, 30)
GOALS = ("Lead a project end to end", "Give feedback that lands")


def at(day: str, hour: int = 9) -> datetime:
    """ "2026-09-01" → that day at `hour` o'clock, UTC."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def _started(pair: Pair) -> Mentorship:
    assert pair.mentorship is not None, "confirm the pair first (program_pair(confirmed_at=…))"
    return pair.mentorship


def held(pair: Pair, *, starts_at: datetime) -> Meeting:
    """A meeting offered two days before `starts_at`, scheduled, then marked held."""
    meeting = HeldMeetingFactory(mentorship=_started(pair), now=starts_at - timedelta(hours=48))
    return cast(Meeting, meeting)


def proposed(pair: Pair, *, on: datetime, goals: tuple[str, ...] = GOALS) -> Agreement:
    """The mentee proposes an agreement (the intro must be held)."""
    mentorship = _started(pair)
    return agreement_propose(
        mentorship=mentorship, actor=mentorship.mentee.user, now=on, goals=goals,
        cadence=Agreement.Cadence.MONTHLY, meeting_minutes=45,
    )  # fmt: skip


def accepted(pair: Pair, *, on: datetime, goals: tuple[str, ...] = GOALS) -> list[Goal]:
    """Proposed and accepted on `on`: the mentorship is active, its goals set on `on`."""
    proposed(pair, on=on, goals=goals)
    mentorship = _started(pair)
    agreement_accept(mentorship=mentorship, actor=mentorship.mentor.user, now=on)
    goals_set = list(mentorship.goals.filter(is_learning_goal=False).order_by("id"))
    for goal in goals_set:
        backdate(goal, on)
    return goals_set


def completed(pair: Pair, *, on: datetime) -> None:
    mentorship = _started(pair)
    mentorship_move(
        mentorship=mentorship, actor=mentorship.mentee.user, to_state="completed", now=on
    )


def goal_now(goal: Goal, status: str, *, on: datetime) -> None:
    """Either side records where a goal stands."""
    goal_update(goal=goal, actor=goal.mentorship.mentee.user, status=status, now=on)


def action_item(meeting: Meeting, *, on: datetime, status: str = "open") -> ActionItem:
    """An item the mentee takes away from a meeting on `on`, then reports on (unless open)."""
    actor = meeting.mentorship.mentee.user
    item = action_item_add(meeting=meeting, actor=actor, text="Try it", owner="mentee", now=on)
    if status != ActionItem.Status.OPEN:
        item = action_item_update(item=item, actor=actor, status=status, now=on)
    backdate(item, on)
    return item


def scope_of(program: Program, start: str, end: str, **people: str) -> Scope:
    """The scope a manager gets for the days from `start` to `end` ("2026-09-01", both
    included) and these people filters (cohort, department, role), on 30 November 2026."""
    filters = Filters(start=date.fromisoformat(start), end=date.fromisoformat(end), **people)
    return Scope(program=program, filters=filters, today=TODAY)


def built(build: Builder, program: Program, start: str, end: str, **people: str) -> Section:
    """What a section's builder makes of that scope (one that applies to the program)."""
    section = build(scope_of(program, start, end, **people))
    assert section is not None
    return section


def section_on_page(program: Program, key: str, **params: str) -> Section | None:
    """The section `key` on the dashboard as one of the program's managers sees it."""
    response = page(program, "reports:dashboard", **params)
    assert response.status_code == 200
    sections = response.context["sections"]
    return next((s for s in sections if s.key == key), None)


def page(program: Program, name: str, **params: str) -> Any:
    """GET a report URL of `program` (`key` for a chart) as one of its managers."""
    client = Client()
    client.force_login(manager_of(program.organization))
    kwargs = {"slug": program.slug}
    if "key" in params:
        kwargs["key"] = params.pop("key")
    return client.get(reverse(name, kwargs=kwargs), params)


def figures(section: Section) -> dict[str, str]:
    """{label: the value as the page prints it}."""
    return {f.label: str(f.value) for f in section.figures}


def table(section: Section, key: str) -> list[list[str]]:
    """A chart's table as its CSV cells (the header first)."""
    chart = next(c for c in section.charts if c.key == key)
    return list(chart.table.csv_rows())
