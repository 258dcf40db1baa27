"""Reads for meetings: each page's selector (one meeting, a mentorship's meetings, its action
items, the health overview), and the rows the meeting forms act on.

Private notes are filtered in `notes_visible_to`, once, for every page. Anyone on neither side
of the mentorship gets NotFound (a 404).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from tandem.accounts.models import User
from tandem.core.compiled import CompiledQuery
from tandem.core.errors import NotFound
from tandem.meetings.health.rules import HEALTH_STATES, Health
from tandem.meetings.health.selectors import health_for
from tandem.meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingFeedback,
    Note,
    Slot,
    ThankYou,
)
from tandem.meetings.rules import MEETING_STATES, SHORT_AGENDA
from tandem.mentorships.models import Agreement, Mentorship
from tandem.mentorships.selectors.mentorships import (
    mentorship_for_user,
    mentorship_read,
    mentorships_of,
    named,
    named_user,
)
from tandem.mentorships.sides import sides_of
from tandem.profiles.models import Profile

MISSING = "No such meeting."


def notes_visible_to(user: User | int) -> QuerySet[Note]:
    """Shared notes, and the viewer's own private ones: never anyone else's private note."""
    return Note.objects.filter(Q(is_private=False) | Q(author=user)).select_related("author")


def _on_either_side(user: User | int, path: str = "mentorship") -> Q:
    return Q(**{f"{path}__mentee__user": user}) | Q(**{f"{path}__mentor__user": user})


def note_to_report(*, note_id: int, user: User) -> Note:
    """A shared note the other side wrote on one of the viewer's meetings: the only notes
    they may report. Their own, a private one or anyone else's is NotFound (a 404)."""
    note = (
        Note.objects.select_related("author", "meeting")
        .filter(_on_either_side(user, "meeting__mentorship"), pk=note_id, is_private=False)
        .exclude(author=user)
        .first()
    )
    if note is None:
        raise NotFound("No such note.")
    return note


def meeting_for_user(*, meeting_id: int, user: User) -> tuple[Meeting, str]:
    """The meeting with everything its page shows, and the viewer's side of the mentorship."""
    meeting = (
        Meeting.objects.select_related(
            "mentorship__mentee__user", "mentorship__mentor__user", "proposed_by"
        )
        .prefetch_related(
            "slots",
            Prefetch("agenda", queryset=AgendaItem.objects.select_related("author")),
            Prefetch("notes", queryset=notes_visible_to(user), to_attr="visible_notes"),
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
            Prefetch("feedback", queryset=MeetingFeedback.objects.select_related("author")),
            Prefetch("thank_you", queryset=ThankYou.objects.select_related("author")),
        )
        .filter(_on_either_side(user), pk=meeting_id)
        .first()
    )  # fmt: skip
    if meeting is None:
        raise NotFound(MISSING)
    return meeting, sides_of(meeting.mentorship, user).role


def agenda_item_for_user(*, item_id: int, user: User) -> AgendaItem:
    """An agenda item of one of the person's meetings; NotFound for anyone else's."""
    item = (
        AgendaItem.objects.select_related(
            "meeting__mentorship__mentee", "meeting__mentorship__mentor"
        )
        .filter(_on_either_side(user, "meeting__mentorship"), pk=item_id)
        .first()
    )
    if item is None:
        raise NotFound("No such agenda item.")
    return item


def action_item_for_user(*, item_id: int, user: User) -> ActionItem:
    """An action item of one of the person's mentorships; NotFound for anyone else's."""
    item = ActionItem.objects.filter(_on_either_side(user), pk=item_id).first()
    if item is None:
        raise NotFound("No such action item.")
    return item


def actions_of(mentorship: Mentorship) -> QuerySet[ActionItem]:
    """Every action item of a mentorship: open ones first, then by date."""
    return mentorship.action_items.select_related("owner", "meeting").order_by(
        "closed_at", "due_on", "id"
    )


# What the list and the intro show of a meeting (its slots are not read): compiled once.
_MEETINGS = CompiledQuery(
    lambda mentorship_id: Meeting.objects.filter(mentorship_id=mentorship_id).only(
        "mentorship", "state", "minutes", "starts_at", "proposed_by", "location", "video_url"
    )
)


def meetings_of(mentorship: Mentorship) -> list[Meeting]:
    """Upcoming first (soonest first), then past ones (latest first). Their slots are not
    read: the list shows each meeting's time, state and length."""
    meetings: list[Meeting] = _MEETINGS.objects(mentorship.pk)
    upcoming = [m for m in meetings if m.state in Meeting.UPCOMING]
    upcoming.sort(key=lambda m: (m.starts_at is None, m.starts_at, m.pk))
    return upcoming + [m for m in meetings if m.state not in Meeting.UPCOMING]


# --- Page selectors -------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingsPage:
    mentorship: Mentorship
    role: str
    other: Profile
    meetings: list[Meeting]
    intro: Meeting | None  # in `intro`: the intro meeting on the way, else the one held
    health: Health | None  # active and paused mentorships have one
    can_propose: bool
    action_count: int  # how many action items the link counts (up to 50, as it always has)
    default_minutes: int  # the time box the form starts with


ACTIONS_COUNTED = 50


def intro_of(mentorship: Mentorship, meetings: list[Meeting]) -> Meeting | None:
    """For a mentorship in `intro`, the meeting its page leads with: the next one on the way
    (`meetings` lists those first), else the latest held."""
    if mentorship.state != Mentorship.State.INTRO:
        return None
    ahead = [m for m in meetings if m.state in Meeting.UPCOMING]
    held = [m for m in meetings if m.state == Meeting.State.HELD]
    return next(iter(ahead or held), None)


def _meetings_read() -> QuerySet[Mentorship]:
    """The mentorship as its meetings page shows it, in one query: the two people by name, and
    the numbers the page needs from the rows around it (the agreed meeting length, the ask's
    intro length, how many action items), where three more queries read whole rows for them."""
    agreed = Agreement.objects.filter(
        mentorship=OuterRef("pk"), state=Agreement.State.ACCEPTED
    ).order_by("-version")  # the latest accepted version: rules.agreement_current
    actions = (
        ActionItem.objects.filter(mentorship=OuterRef("pk"))
        .order_by()
        .values("mentorship")
        .annotate(n=Count("pk"))
    )
    return (
        Mentorship.objects.select_related("mentee__user", "mentor__user")
        .only("state", *named("mentee"), *named("mentor"))
        .annotate(
            agreed_minutes=Subquery(agreed.values("meeting_minutes")[:1]),
            intro_minutes=F("ask__intro_minutes"),
            action_count=Subquery(actions.values("n")),
        )
    )


_MEETINGS_READ = mentorship_read(_meetings_read)  # compiled once


def _default_minutes(mentorship: Mentorship) -> int:
    """rules.default_minutes, from the lengths read with the mentorship (`_meetings_read`):
    the agreed meeting length, else the intro length the mentee asked for, else 30."""
    agreed: int | None = mentorship.agreed_minutes  # type: ignore[attr-defined]
    intro: int | None = mentorship.intro_minutes  # type: ignore[attr-defined]
    if agreed is not None:
        return agreed
    return intro if intro is not None else 30


def meetings_page_for(
    *, mentorship_id: int, user: User, today: date, with_health: bool = True
) -> MeetingsPage:
    """A mentorship's meetings with its health, its intro, and what offering times needs.
    `with_health` False: the intro part of the mentorship page, which does not show it."""
    mentorship, sides = mentorship_for_user(
        mentorship_id=mentorship_id, user=user, read=_MEETINGS_READ
    )
    meetings = meetings_of(mentorship)
    health = None
    if with_health and mentorship.state in HEALTH_STATES:  # no other state has a health
        health = health_for(mentorship_ids=[mentorship.pk], today=today).get(mentorship.pk)
    return MeetingsPage(
        mentorship=mentorship, role=sides.role, other=sides.other, meetings=meetings,
        intro=intro_of(mentorship, meetings), health=health,
        can_propose=mentorship.state in MEETING_STATES,
        action_count=min(mentorship.action_count or 0, ACTIONS_COUNTED),  # type: ignore[attr-defined]
        default_minutes=_default_minutes(mentorship),
    )  # fmt: skip


@dataclass(frozen=True)
class ActionsPage:
    mentorship: Mentorship
    role: str
    actions: list[ActionItem]


def actions_page_for(*, mentorship_id: int, user: User) -> ActionsPage:
    """Every action item of a mentorship with its outcome."""
    mentorship, sides = mentorship_for_user(mentorship_id=mentorship_id, user=user)
    return ActionsPage(mentorship=mentorship, role=sides.role, actions=list(actions_of(mentorship)))


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    mentorship: Mentorship
    role: str
    other: Profile
    now: datetime
    slots: list[Slot]  # the times now on the table (read while one is to be picked)
    i_proposed: bool
    started: bool
    in_window: bool  # scheduled and on right now: the page counts down
    agenda: list[AgendaItem]
    notes: list[Note]  # those the viewer may see (none read for a cancelled meeting)
    actions: list[ActionItem]  # this meeting's action items
    carried: list[ActionItem]  # open items from earlier meetings
    agenda_long: bool  # more questions than the time box holds
    my_feedback: MeetingFeedback | None  # feedback and the thank-you: a held meeting's
    their_feedback: MeetingFeedback | None
    thank_you: ThankYou | None


OFFERING = (Meeting.State.PROPOSED, Meeting.State.RESCHEDULED)  # a time is to be picked


def _meeting_query(meeting_id: int, user_id: int) -> QuerySet[Meeting]:
    """The meeting with its mentorship, the two people and the thank-you, with only the
    columns its page shows; none unless the viewer is on one side."""
    return (
        Meeting.objects.select_related(
            "mentorship__mentee__user", "mentorship__mentor__user", "thank_you__author"
        )
        .only(
            "state", "minutes", "starts_at", "proposed_by", "location", "video_url",
            "mentorship__state", *named("mentorship__mentee"), *named("mentorship__mentor"),
            "thank_you__text", *named_user("thank_you__author"),
        )
        .filter(_on_either_side(user_id), pk=meeting_id)
        .order_by()
    )  # fmt: skip


def _actions_query(meeting_id: int, mentorship_id: int) -> QuerySet[ActionItem]:
    """The meeting's own action items, and the open ones from earlier meetings it carries
    (F7). In the action items' own order (status, due date): the open ones all share a
    status, so they come by due date, as carried items are listed."""
    return (
        ActionItem.objects.filter(
            Q(meeting_id=meeting_id)
            | Q(mentorship_id=mentorship_id, status=ActionItem.Status.OPEN)
        )
        .select_related("owner")
        .only("meeting", "text", "due_on", "status", "outcome", *named_user("owner"))
        .order_by("status", "due_on", "id")
    )  # fmt: skip


# The meeting page's reads, compiled once per process (tandem/core/compiled.py): building and
# compiling them through the ORM cost more CPU than running them.
_MEETING = CompiledQuery(_meeting_query, values=2)
_SLOTS = CompiledQuery(
    lambda meeting_id: Slot.objects.filter(meeting_id=meeting_id).only("starts_at", "round")
)
_AGENDA = CompiledQuery(
    lambda meeting_id: (
        AgendaItem.objects.filter(meeting_id=meeting_id)
        .select_related("author")
        .only("text", *named_user("author"))
    )
)
_NOTES = CompiledQuery(
    lambda meeting_id, user_id: (
        notes_visible_to(user_id)
        .filter(meeting_id=meeting_id)
        .only("text", "is_private", "created_at", *named_user("author"))
    ),
    values=2,
)
_FEEDBACK = CompiledQuery(lambda meeting_id: MeetingFeedback.objects.filter(meeting_id=meeting_id))
_ACTIONS = CompiledQuery(_actions_query, values=2)


def _meeting_read(*, meeting_id: int, user: User) -> Meeting:
    """The meeting as its page shows it; NotFound unless the viewer is on one side."""
    found: list[Meeting] = _MEETING.objects(meeting_id, user.pk)
    if not found:
        raise NotFound(MISSING)
    return found[0]


def _actions_around(meeting: Meeting) -> tuple[list[ActionItem], list[ActionItem]]:
    """The meeting's own action items, and the open ones from earlier meetings, in one query."""
    rows: list[ActionItem] = _ACTIONS.objects(meeting.pk, meeting.mentorship_id)
    mine = [item for item in rows if item.meeting_id == meeting.pk]
    return mine, [item for item in rows if item.meeting_id != meeting.pk]


def meeting_page_for(*, meeting_id: int, user: User, now: datetime) -> MeetingPage:
    """One meeting as either side sees it, with its time box, agenda, notes and follow-through.
    Rows a state does not show are not read: the times offered, the notes of a cancelled
    meeting, the feedback before it was held."""
    meeting = _meeting_read(meeting_id=meeting_id, user=user)
    sides = sides_of(meeting.mentorship, user)
    slots: list[Slot] = _SLOTS.objects(meeting.pk) if meeting.state in OFFERING else []
    current_round = max((s.round for s in slots), default=1)
    agenda: list[AgendaItem] = _AGENDA.objects(meeting.pk)
    notes: list[Note] = []
    if meeting.state != Meeting.State.CANCELLED:
        notes = _NOTES.objects(meeting.pk, user.pk)
    feedback: dict[int, MeetingFeedback] = {}
    if meeting.state == Meeting.State.HELD:
        feedback = {f.author_id: f for f in _FEEDBACK.objects(meeting.pk)}
    mine, carried = _actions_around(meeting)
    started = meeting.starts_at is not None and now >= meeting.starts_at
    ends_at = meeting.ends_at
    return MeetingPage(
        meeting=meeting, mentorship=meeting.mentorship, role=sides.role, other=sides.other,
        now=now, slots=[s for s in slots if s.round == current_round],
        i_proposed=meeting.proposed_by_id == user.pk, started=started,
        in_window=meeting.state == Meeting.State.SCHEDULED
        and started
        and ends_at is not None
        and now < ends_at,
        agenda=agenda, notes=notes, actions=mine, carried=carried,
        agenda_long=len(agenda) > SHORT_AGENDA,
        my_feedback=feedback.get(sides.me.user_id),
        their_feedback=feedback.get(sides.other.user_id),
        thank_you=meeting.thank_you if _has_thank_you(meeting) else None,
    )  # fmt: skip


def _has_thank_you(meeting: Meeting) -> bool:
    try:
        return meeting.thank_you is not None
    except Meeting.thank_you.RelatedObjectDoesNotExist:
        return False


class OverviewRow(NamedTuple):
    mentorship: Mentorship
    other: Profile
    health: Health | None


def health_overview_for(*, user: User, today: date) -> list[OverviewRow]:
    """Each active or paused mentorship of the person, with its health and the reasons."""
    mentorships = list(
        Mentorship.objects.filter(
            mentorships_of(user), state__in=(Mentorship.State.ACTIVE, Mentorship.State.PAUSED)
        ).select_related("mentee__user", "mentor__user")
    )
    health = health_for(mentorship_ids=[m.pk for m in mentorships], today=today)
    return [OverviewRow(m, sides_of(m, user).other, health.get(m.pk)) for m in mentorships]
