"""What a person's home page shows: everything waiting for them, in one place.

The home page answers "what now?" for each role. Anything a person must act on is here —
requests to answer, agreements to accept, times to pick, meetings to mark, action items due,
goals gone quiet, a mentorship that is stuck, what each program they take part in expects —
so nothing hides behind the notification badge.
It sits above the other apps (it reads asks, mentorships and meetings) and costs a fixed
number of queries however much is waiting. Its own reads (`reads`) bring back only the columns
shown, as small rows, with their SQL compiled once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tandem.accounts.models import User
from tandem.conversations.selectors import UnreadThread, unread_threads_for
from tandem.core.paths import path_to
from tandem.home.reads import NAMES, SHOWN, day, moment, name, read
from tandem.meetings.health.selectors import health_for
from tandem.meetings.models import Meeting
from tandem.mentorships.models import Ask
from tandem.mentorships.rules import EXPIRE_AFTER, FOLLOW_UP_AFTER
from tandem.mentorships.selectors.asks import own_profile
from tandem.profiles.completeness import Completeness, profile_completeness
from tandem.profiles.models import Profile
from tandem.programs.selectors.mine import MyProgram, my_program_rows

ACTIONS_AHEAD = timedelta(days=7)  # action items due this soon count as due
GOAL_QUIET = timedelta(days=30)  # a goal not updated for this long is worth a look
RECENT = timedelta(days=14)  # answers the mentee may not have seen yet
NOT_ON_TRACK = ("needs_attention", "at_risk")
_STATE_WORDS = {state: str(label).lower() for state, label in Ask.State.choices}


@dataclass(frozen=True)
class AskRow:
    """An ask as its reader sees it: the other side and the dates that matter."""

    url: str
    name: str  # the other side: the mentee to a mentor, the mentor to a mentee
    intro_minutes: int
    sent_at: datetime
    followed_up: bool  # the one nudge went out
    follow_up_on: datetime  # when we nudge the mentor once
    lapses_on: datetime  # when it lapses without an answer


@dataclass(frozen=True)
class AnsweredRow:
    """A mentee's ask answered lately (no, lapsed, yes)."""

    url: str
    name: str  # the mentor
    state: str
    state_words: str  # "withdrawn"…, for states with no sentence of their own
    mentorship_url: str | None  # where a yes leads, once the mentorship exists


@dataclass(frozen=True)
class Line:
    """A row that is a link about someone: a proposal, a meeting, a stuck mentorship."""

    url: str
    name: str  # the other side
    renewal: bool = False  # an agreement: a renewal, not the first
    starts_at: datetime | None = None  # a meeting: when
    minutes: int = 0  # a meeting: how long
    words: str = ""  # a stuck mentorship: its health, in words
    reason: str = ""  # a stuck mentorship: the first reason


@dataclass(frozen=True)
class Item:
    """An action item due, or a goal gone quiet: its text, on its mentorship's page."""

    url: str
    text: str
    due_on: date | None = None  # an action item: the day it is due
    overdue: bool = False


@dataclass(frozen=True)
class HomePage:
    profile: Profile
    now: datetime
    to_answer: list[AskRow]  # requests waiting for this mentor, oldest first
    agreements: list[Line]  # proposals waiting for this person
    my_asks: list[AskRow]  # this mentee's requests still waiting
    answered: list[AnsweredRow]  # this mentee's requests answered lately (no, lapsed, yes)
    times_to_pick: list[Line]  # the other side offered times
    to_mark: list[Line]  # meetings that have started and are not marked held or missed
    next_meetings: list[Line]  # booked, soonest first
    actions_due: list[Item]  # this person's open items due within a week, or overdue
    quiet_goals: list[Item]  # goals of live mentorships not updated for a month
    stuck: list[Line]  # mentorships whose health is not on track, with the first reason
    waiting_on_me: int  # how many things wait for this person's move
    completeness: Completeness  # what their profile still misses
    unread: list[UnreadThread]  # conversations with messages new to them
    programs: list[MyProgram]  # programs they take part in, each with what it expects next


def _mentorship_url(mentorship_id: int) -> str:
    return path_to("mentorships:detail", mentorship_id=mentorship_id)


def _other(row: tuple[Any, ...], names_at: int, mentee_id: int, me: int) -> str:
    """The other side's name, from a row with the mentee's then the mentor's name columns."""
    return name(row, names_at + NAMES if mentee_id == me else names_at)


def _asks(
    rows: list[tuple[Any, ...]], me: int
) -> tuple[list[AskRow], list[AskRow], list[AnsweredRow]]:
    """(waiting for this mentor, this mentee's waiting asks, this mentee's recent answers)."""
    to_answer: list[AskRow] = []
    mine: list[AskRow] = []
    answered: list[AnsweredRow] = []
    for row in rows:
        ask_id, state, mentee_id, minutes, sent, followed_up_at, mentorship_id = row[:7]
        url = path_to("mentorships:ask", ask_id=ask_id)
        if state != Ask.State.PENDING:
            if mentee_id == me:
                mentorship_url = _mentorship_url(mentorship_id) if mentorship_id else None
                words = _STATE_WORDS.get(state, state)
                answered.append(
                    AnsweredRow(url, name(row, 7 + NAMES), state, words, mentorship_url)
                )
            continue
        sent_at = moment(sent)
        assert sent_at is not None  # an ask is always sent
        ask = AskRow(
            url, _other(row, 7, mentee_id, me), minutes, sent_at, followed_up_at is not None,
            sent_at + FOLLOW_UP_AFTER, sent_at + EXPIRE_AFTER,
        )  # fmt: skip
        (mine if mentee_id == me else to_answer).append(ask)
    return to_answer, mine, answered[::-1][:SHOWN]


def _meetings(rows: list[tuple[Any, ...]], me: int, user: User, now: datetime) -> dict[str, Any]:
    """Times the other side offered, meetings to mark held or missed, the next few booked."""
    offered = (Meeting.State.PROPOSED, Meeting.State.RESCHEDULED)
    pick: list[Line] = []
    mark: list[Line] = []
    ahead: list[Line] = []
    for row in rows:
        meeting_id, state, starts, minutes, proposed_by_id, mentee_id = row[:6]
        starts_at = moment(starts)
        line = Line(
            path_to("meetings:detail", meeting_id=meeting_id), _other(row, 6, mentee_id, me),
            starts_at=starts_at, minutes=minutes,
        )  # fmt: skip
        if state in offered:
            if proposed_by_id != user.pk:
                pick.append(line)
        elif starts_at is not None:
            (mark if starts_at <= now else ahead).append(line)
    return {"times_to_pick": pick, "to_mark": mark, "next_meetings": ahead[:SHOWN]}


def _stuck(rows: list[tuple[Any, ...]], me: int, now: datetime) -> list[Line]:
    """The active and paused mentorships whose health is not on track."""
    health = health_for(mentorship_ids=[row[0] for row in rows], today=now.date())
    stuck = []
    for row in rows:
        found = health.get(row[0])
        if found is not None and found.status in NOT_ON_TRACK:
            reason = found.reasons[0] if found.reasons else ""
            other = _other(row, 2, row[1], me)
            stuck.append(
                Line(_mentorship_url(row[0]), other, words=found.label.lower(), reason=reason)
            )
    return stuck


def _action(row: tuple[Any, ...], today: date) -> Item:
    """An action item due soon, or overdue, listed on its mentorship's action items."""
    mentorship_id, text, due_on = row[0], row[1], day(row[2])
    url = path_to("meetings:actions", mentorship_id=mentorship_id)
    return Item(url, text, due_on, due_on is not None and due_on < today)


def home_page_for(*, user: User, now: datetime, profile: Profile | None = None) -> HomePage:
    """Everything waiting for this person, for their home page (`profile`: theirs, when the
    caller has read it already)."""
    profile = profile or own_profile(user=user)
    profile.user = user  # the page greets them by name: not a second read of their row
    me = profile.pk
    values = {
        "me": me, "user": user.pk, "recent_since": now - RECENT,
        "due_by": (now + ACTIONS_AHEAD).date(), "quiet_since": now - GOAL_QUIET,
    }  # fmt: skip
    to_answer, my_asks, answered = _asks(read("asks", values), me)
    stuck = _stuck(read("live", values), me, now)
    agreements = [
        Line(_mentorship_url(row[0]), _other(row, 3, row[2], me), renewal=row[1] > 1)
        for row in read("agreements", values)
    ]
    meetings = _meetings(read("meetings", values), me, user, now)
    today = now.date()
    actions_due = [_action(row, today) for row in read("actions_due", values)]
    quiet_goals = [Item(_mentorship_url(row[0]), row[1]) for row in read("quiet_goals", values)]
    unread = unread_threads_for(user=user)
    programs = my_program_rows(user=user, today=today)
    waiting = len(to_answer) + len(agreements) + len(actions_due) + len(unread)
    waiting += sum(1 for row in programs if row.step.waiting_on_me)
    waiting += len(meetings["times_to_pick"]) + len(meetings["to_mark"])
    return HomePage(
        profile=profile, now=now, to_answer=to_answer, agreements=agreements, my_asks=my_asks,
        answered=answered, **meetings, actions_due=actions_due, quiet_goals=quiet_goals,
        stuck=stuck, waiting_on_me=waiting, completeness=profile_completeness(profile),
        unread=unread, programs=programs,
    )  # fmt: skip
