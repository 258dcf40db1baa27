"""What a person's home page shows: everything waiting for them, in one place.

The home page answers "what now?" for each role. Anything a person must act on is here —
requests to answer, agreements to accept, times to pick, meetings to mark, action items due,
goals gone quiet, a mentorship that is stuck, what each program they take part in expects —
so nothing hides behind the notification badge.
It sits above the other apps (it reads asks, mentorships and meetings) and costs a fixed
number of queries however much is waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max, Q, QuerySet

from tandem.accounts.models import User
from tandem.conversations.selectors import UnreadThread, unread_threads_for
from tandem.meetings.models import ActionItem, Meeting
from tandem.meetings.selectors import OverviewRow, health_overview_for
from tandem.mentorships.models import Agreement, Ask, Goal, Mentorship
from tandem.mentorships.rules import EXPIRE_AFTER, FOLLOW_UP_AFTER, LIVE
from tandem.mentorships.selectors.asks import own_profile
from tandem.mentorships.selectors.mentorships import mentorships_of
from tandem.profiles.completeness import Completeness, profile_completeness
from tandem.profiles.models import Profile
from tandem.programs.selectors.mine import MyProgram, places_for, program_rows

SHOWN = 5  # rows per section: the rest are one click away on their own pages
ACTIONS_AHEAD = timedelta(days=7)  # action items due this soon count as due
GOAL_QUIET = timedelta(days=30)  # a goal not updated for this long is worth a look
RECENT = timedelta(days=14)  # answers the mentee may not have seen yet
NOT_ON_TRACK = ("needs_attention", "at_risk")


@dataclass(frozen=True)
class AskRow:
    """An ask with the dates that matter to its reader."""

    ask: Ask
    follow_up_on: datetime  # when we nudge the mentor once
    lapses_on: datetime  # when it lapses without an answer


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    other: Profile


@dataclass(frozen=True)
class HomePage:
    profile: Profile
    now: datetime
    to_answer: list[AskRow]  # requests waiting for this mentor, oldest first
    agreements: list[tuple[Mentorship, Agreement]]  # proposals waiting for this person
    my_asks: list[AskRow]  # this mentee's requests still waiting
    answered: list[Ask]  # this mentee's requests answered lately (no, lapsed, yes)
    times_to_pick: list[MeetingRow]  # the other side offered times
    to_mark: list[MeetingRow]  # meetings that have started and are not marked held or missed
    next_meetings: list[MeetingRow]  # booked, soonest first
    actions_due: list[ActionItem]  # this person's open items due within a week, or overdue
    quiet_goals: list[Goal]  # goals of live mentorships not updated for a month
    stuck: list[OverviewRow]  # mentorships whose health is not on track, with the reasons
    waiting_on_me: int  # how many things wait for this person's move
    completeness: Completeness  # what their profile still misses
    unread: list[UnreadThread]  # conversations with messages new to them
    programs: list[MyProgram]  # programs they take part in, each with what it expects next


def _meetings(user: User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(mentorships_of(user, path="mentorship__")).select_related(
        "mentorship__mentee__user", "mentorship__mentor__user"
    )


def _row(meeting: Meeting, user: User) -> MeetingRow:
    mentorship = meeting.mentorship
    other = mentorship.mentor if mentorship.mentee.user_id == user.pk else mentorship.mentee
    return MeetingRow(meeting, other)


def _ask_row(ask: Ask) -> AskRow:
    return AskRow(ask, ask.sent_at + FOLLOW_UP_AFTER, ask.sent_at + EXPIRE_AFTER)


def _asks(profile: Profile, now: datetime) -> tuple[list[AskRow], list[AskRow], list[Ask]]:
    """(waiting for this mentor, this mentee's waiting asks, this mentee's recent answers)."""
    asks = list(
        Ask.objects.filter(Q(mentor=profile) | Q(mentee=profile))
        .filter(Q(state=Ask.State.PENDING) | Q(decided_at__gte=now - RECENT))
        .select_related("mentee__user", "mentor__user", "mentorship")
        .order_by("sent_at", "id")
    )
    pending = [a for a in asks if a.state == Ask.State.PENDING]
    return (
        [_ask_row(a) for a in pending if a.mentor_id == profile.pk],
        [_ask_row(a) for a in pending if a.mentee_id == profile.pk],
        [a for a in reversed(asks) if a.state != Ask.State.PENDING and a.mentee_id == profile.pk],
    )


def _agreements(user: User) -> list[tuple[Mentorship, Agreement]]:
    """Proposals (first agreements and renewals) the other side made, waiting for this person."""
    waiting = (
        Agreement.objects.filter(state=Agreement.State.PROPOSED)
        .filter(mentorships_of(user, path="mentorship__"))
        .exclude(proposed_by=user)
        .select_related("mentorship__mentee__user", "mentorship__mentor__user")
        .order_by("created_at", "id")
    )
    return [(agreement.mentorship, agreement) for agreement in waiting]


def _meeting_rows(user: User, now: datetime) -> dict[str, list[MeetingRow]]:
    meetings = list(
        _meetings(user)
        .filter(
            Q(state__in=(Meeting.State.PROPOSED, Meeting.State.RESCHEDULED))
            | Q(state=Meeting.State.SCHEDULED)
        )
        .order_by("starts_at", "id")
    )
    offered = (Meeting.State.PROPOSED, Meeting.State.RESCHEDULED)
    return {
        "times_to_pick": [
            _row(m, user) for m in meetings if m.state in offered and m.proposed_by_id != user.pk
        ],
        "to_mark": [
            _row(m, user)
            for m in meetings
            if m.state == Meeting.State.SCHEDULED and m.starts_at and m.starts_at <= now
        ],
        "next_meetings": [
            _row(m, user)
            for m in meetings
            if m.state == Meeting.State.SCHEDULED and m.starts_at and m.starts_at > now
        ][:SHOWN],
    }


def _actions_due(user: User, now: datetime) -> list[ActionItem]:
    return list(
        ActionItem.objects.filter(
            owner=user, status=ActionItem.Status.OPEN, due_on__lte=(now + ACTIONS_AHEAD).date(),
            mentorship__state__in=LIVE,
        )
        .select_related("mentorship")
        .order_by("due_on", "id")[:SHOWN]
    )  # fmt: skip


def _quiet_goals(profile: Profile, user: User, now: datetime) -> list[Goal]:
    """Open or moving goals of live mentorships that nobody has updated for a month."""
    return list(
        Goal.objects.filter(
            # The mentee's goals from the agreement, and a mentor's own learning goals.
            Q(mentorship__mentee=profile, is_learning_goal=False)
            | Q(owner=user, is_learning_goal=True),
            mentorship__state=Mentorship.State.ACTIVE,
            status__in=(Goal.Status.OPEN, Goal.Status.PROGRESSING),
            created_at__lte=now - GOAL_QUIET,
        )
        .annotate(last_update=Max("updates__created_at"))
        .filter(Q(last_update__isnull=True) | Q(last_update__lte=now - GOAL_QUIET))
        .select_related("mentorship")
        .order_by("mentorship_id", "id")[:SHOWN]
    )


def home_page_for(*, user: User, now: datetime, profile: Profile | None = None) -> HomePage:
    """Everything waiting for this person, for their home page (`profile`: theirs, when the
    caller has read it already)."""
    profile = profile or own_profile(user=user)
    profile.user = user  # the page greets them by name: not a second read of their row
    to_answer, my_asks, answered = _asks(profile, now)
    health = health_overview_for(user=user, today=now.date())
    stuck = [row for row in health if row.health and row.health.status in NOT_ON_TRACK]
    agreements, meetings = _agreements(user), _meeting_rows(user, now)
    actions_due = _actions_due(user, now)
    unread = unread_threads_for(user=user)
    programs = program_rows(places_for(user), today=now.date())
    waiting = len(to_answer) + len(agreements) + len(actions_due) + len(unread)
    waiting += sum(1 for row in programs if row.step.waiting_on_me)
    waiting += len(meetings["times_to_pick"]) + len(meetings["to_mark"])
    return HomePage(
        profile=profile, now=now, to_answer=to_answer, agreements=agreements, my_asks=my_asks,
        answered=answered[:SHOWN], **meetings, actions_due=actions_due,
        quiet_goals=_quiet_goals(profile, user, now), stuck=stuck, waiting_on_me=waiting,
        completeness=profile_completeness(profile), unread=unread, programs=programs,
    )  # fmt: skip
