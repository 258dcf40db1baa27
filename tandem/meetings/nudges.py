"""Nudges that keep a mentorship going (F9): meeting reminders, cadence slipping, overdue action
items, a gracious back-off when one side goes quiet, and the term review.

The same machinery as the ask's nudges: a meeting's two reminders are deferred jobs enqueued
when it is scheduled (`meeting_reminders_schedule`), and `meetings_sweep` (part of
`tandem sweep`) sends whatever is due and was not sent, plus the periodic nudges, in bulk.
Every nudge is one per cause (the notifications' unique constraint, `notify_many`), so the
jobs and the sweep can overlap and run twice; each says what triggered it, and none is sent for
a paused, closed, completed or alumni mentorship (PRODUCT.md §4.2).

The periodic nudges read the same facts and rules as the health status (`health.py`), so what
a nudge says and what the mentorship page shows agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Max, Q
from django.urls import reverse

from tandem.accounts.models import User
from tandem.meetings.health import (
    ACTIVE,
    CADENCE_WORDS,
    SLIP_ATTENTION,
    TERM_REVIEW_DAYS,
    Quiet,
    cadence_slip,
    day_words,
    quiet_side,
    since_last_met,
)
from tandem.meetings.health_selectors import HealthRow, health_rows_for
from tandem.meetings.models import ActionItem, Meeting
from tandem.mentorships.models import Mentorship
from tandem.notifications.kinds import Kind
from tandem.notifications.services import Notice, notify_many, notify_many_by_kind

REMINDER_HOURS = (24, 1)
# Mentorship states whose scheduled meetings get reminders (the intro meeting included).
REMINDED = (Mentorship.State.INTRO, Mentorship.State.PROPOSED, Mentorship.State.ACTIVE)
# A cadence nudge per agreed interval that passes without a meeting, at most this many in a
# row: after that the health says "at risk" and the back-off suggestion has its say.
CADENCE_NUDGES_MAX = 3
# An item found overdue later than this (a worker down for weeks) is old news: no nudge.
OVERDUE_WINDOW = timedelta(days=30)
PEOPLE_BATCH = 500


@cache
def _path_parts(name: str, kwarg: str) -> tuple[str, str]:
    marker = "987654321"
    head, tail = reverse(name, kwargs={kwarg: int(marker)}).split(marker)
    return head, tail


def _path(name: str, kwarg: str, value: int) -> str:
    """`reverse(name, kwargs={kwarg: value})`, resolved once per name: thousands of nudges
    would otherwise spend a second in the URL resolver."""
    head, tail = _path_parts(name, kwarg)
    return f"{head}{value}{tail}"


# --- Meeting reminders --------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def reminder_due(
    *, starts_at: datetime, hours_before: int, now: datetime, scheduled_at: datetime | None
) -> bool:
    """Is the `hours_before` reminder of a meeting at `starts_at` due at `now`?

    Not before its time, not once the meeting has started, not the day-ahead one within the
    last hour (the hour-ahead one says it), and neither for a meeting scheduled after the
    reminder's time (someone who picked a slot three hours ahead needs no day-ahead reminder).
    """
    lead = timedelta(hours=hours_before)
    if not starts_at - lead <= now < starts_at:
        return False
    if hours_before > 1 and starts_at - now <= timedelta(hours=1):
        return False
    return scheduled_at is None or scheduled_at <= starts_at - lead


def meeting_reminders_schedule(meeting: Meeting) -> None:
    """Enqueue the meeting's reminders, a day and an hour before it starts.

    Call it whenever a meeting is scheduled or rescheduled, inside the same transaction. Each
    job carries the start time it was made for, so the jobs of a meeting since moved to
    another time do nothing; a job already past its time runs at once and finds nothing due.
    """
    # Imported here: the task module imports this one.
    from tandem.meetings.tasks import meeting_remind

    if meeting.starts_at is None:
        return
    for hours in REMINDER_HOURS:
        meeting_remind.using(run_after=meeting.starts_at - timedelta(hours=hours)).enqueue(
            meeting.pk, hours, _iso(meeting.starts_at)
        )


def _scheduled_meetings(**filters: Any) -> list[dict[str, Any]]:
    """Scheduled meetings of live mentorships, with both sides and when the time was picked."""
    return list(
        Meeting.objects.filter(
            state=Meeting.State.SCHEDULED, mentorship__state__in=REMINDED, **filters
        )
        .values(
            "id",
            "starts_at",
            "minutes",
            "mentorship__mentee__user_id",
            "mentorship__mentor__user_id",
        )
        .annotate(
            scheduled_at=Max(
                "transitions__at", filter=Q(transitions__to_state=Meeting.State.SCHEDULED)
            )
        )
        .order_by()
    )


def meeting_remind_if_due(
    *, meeting_id: int, hours_before: int, starts_at: datetime, now: datetime
) -> bool:
    """Send one of a meeting's reminders to both sides, once; True if it went out now.

    Nothing if the meeting is no longer scheduled at `starts_at` (moved or cancelled), its
    mentorship is paused or over, or the reminder isn't due (see `reminder_due`).
    """
    meetings = [
        m
        for m in _scheduled_meetings(pk=meeting_id, starts_at=starts_at)
        if reminder_due(
            starts_at=m["starts_at"],
            hours_before=hours_before,
            now=now,
            scheduled_at=m["scheduled_at"],
        )
    ]
    if not meetings:
        return False
    people = _People(_sides(meetings))
    return notify_many(_reminder_notices(meetings[0], hours_before, people), now=now) > 0


def _reminders_due(now: datetime) -> list[tuple[dict[str, Any], int]]:
    """(meeting, hours) for every reminder due now: the hour-ahead one wins over the other."""
    due = []
    for meeting in _scheduled_meetings(
        starts_at__gt=now, starts_at__lte=now + timedelta(hours=max(REMINDER_HOURS))
    ):
        for hours in sorted(REMINDER_HOURS):
            if reminder_due(
                starts_at=meeting["starts_at"], hours_before=hours, now=now,
                scheduled_at=meeting["scheduled_at"],
            ):  # fmt: skip
                due.append((meeting, hours))
                break
    return due


def _sides(meetings: Iterable[dict[str, Any]]) -> set[int]:
    return {
        user_id
        for m in meetings
        for user_id in (m["mentorship__mentee__user_id"], m["mentorship__mentor__user_id"])
    }


def _reminder_notices(meeting: dict[str, Any], hours: int, people: _People) -> list[Notice]:
    mentee, mentor = meeting["mentorship__mentee__user_id"], meeting["mentorship__mentor__user_id"]
    cause = f"meeting:{meeting['id']}:{_iso(meeting['starts_at'])}:remind:{hours}"
    url = _path("meetings:detail", "meeting_id", meeting["id"])
    notices = []
    for me, other in ((mentee, mentor), (mentor, mentee)):
        when = people.when(me, meeting["starts_at"])
        if hours == 1:
            title = f"Your meeting with {people.name(other)} starts in an hour"
            why = "A reminder an hour ahead; your agenda is on the meeting page."
        else:
            title = f"Your meeting with {people.name(other)} is coming up"
            why = (
                "A reminder a day ahead, so there's time to add a question or two to the agenda "
                "and make the time count."
            )
        notices.append(
            Notice(
                recipient_id=me,
                kind=Kind.MEETING_REMINDER,
                cause=cause,
                title=title,
                body=f"{meeting['minutes']} minutes, {when}. {why}",
                url=url,
            )
        )
    return notices


# --- People: names and timezones, fetched once for everyone nudged ------------------------


@dataclass(frozen=True)
class _Person:
    name: str
    first_name: str
    zone: ZoneInfo


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


class _People:
    """The display names and timezones of the people about to be nudged (batched queries)."""

    def __init__(self, user_ids: Iterable[int]) -> None:
        ids = sorted(set(user_ids))
        self._people: dict[int, _Person] = {}
        for start in range(0, len(ids), PEOPLE_BATCH):
            for pk, first, last, email, zone in User.objects.filter(
                pk__in=ids[start : start + PEOPLE_BATCH]
            ).values_list("id", "first_name", "last_name", "email", "profile__timezone"):
                # The same words as User.display_name, without loading the users.
                name = f"{first} {last}".strip() or email.split("@", 1)[0]
                self._people[pk] = _Person(name=name, first_name=first or name, zone=_zone(zone))

    def name(self, user_id: int) -> str:
        return self._people[user_id].name

    def first_name(self, user_id: int) -> str:
        return self._people[user_id].first_name

    def when(self, user_id: int, moment: datetime) -> str:
        """ "Tuesday 3 November at 14:00 (Europe/London)", in that person's own timezone."""
        zone = self._people[user_id].zone
        local = moment.astimezone(zone)
        return f"{local:%A} {local.day} {local:%B} at {local:%H:%M} ({zone.key})"


# --- Periodic nudges from the health facts ------------------------------------------------


def _cadence_notices(row: HealthRow, mentorship_id: int, people: _People) -> list[Notice]:
    facts = row.facts
    since = since_last_met(facts)
    if since is None or facts.cadence_days is None or cadence_slip(facts) <= SLIP_ATTENTION:
        return []
    anchor, days = since
    period = days // facts.cadence_days  # one nudge per agreed interval that slips by
    if period > CADENCE_NUDGES_MAX:
        return []
    rhythm = CADENCE_WORDS.get(facts.cadence_days, f"every {facts.cadence_days} days")
    met = facts.last_held_on is not None and facts.last_held_on >= anchor
    url = _path("meetings:for_mentorship", "mentorship_id", mentorship_id)
    notices = []
    for me, other in _pairs(row):
        name = people.name(other)
        if met:
            what = (
                f"Your last meeting with {name} was on {day_words(anchor, facts.today)} "
                f"({days} days ago), and nothing is booked yet."
            )
        else:
            what = (
                f"You started on {day_words(anchor, facts.today)} ({days} days ago), and no "
                "meeting is booked yet."
            )
        notices.append(
            Notice(
                recipient_id=me,
                kind=Kind.CADENCE_SLIPPING,
                cause=f"mentorship:{mentorship_id}:cadence:{anchor.isoformat()}:{period}",
                title=f"Time to plan your next meeting with {name}",
                body=(
                    f"You agreed to meet {rhythm}. {what} It's easy to let slip when things get "
                    f"busy: offer two or three times that suit you, and {name} picks one."
                ),
                url=url,
            )
        )
    return notices


def _quiet_notice(row: HealthRow, mentorship_id: int, quiet: Quiet, people: _People) -> Notice:
    """To the side who is waiting: a gracious back-off, with a note they can copy (P12)."""
    quiet_user = row.mentee_user_id if quiet.side == "mentee" else row.mentor_user_id
    waiting = row.mentor_user_id if quiet.side == "mentee" else row.mentee_user_id
    name = people.name(quiet_user)
    since = day_words(quiet.since, row.facts.today)
    return Notice(
        recipient_id=waiting,
        kind=Kind.QUIET_BACK_OFF,
        cause=f"mentorship:{mentorship_id}:quiet:{quiet.since.isoformat()}",
        title=f"{name} has been quiet for a while",
        body=(
            f"There's been no word from {name} here since {since} ({quiet.days} days), while "
            "you've kept things going. People get busy, and it's rarely about you. One short, "
            "warm note and then some room usually works best. You could send something like:\n\n"
            f"“Hi {people.first_name(quiet_user)}, I know things get busy, so no pressure at all. "
            "Whenever you have time, I'd be glad to pick up where we left off. And if now isn't "
            "a good moment, we could pause for a while; that's completely fine.”\n\n"
            "If it stays quiet, pausing the mentorship from its page stops the reminders for "
            "you both, and either of you can resume any time."
        ),
        url=_path("mentorships:detail", "mentorship_id", mentorship_id),
    )


def _term_notices(row: HealthRow, mentorship_id: int, people: _People) -> list[Notice]:
    facts = row.facts
    if facts.ends_on is None or row.agreement_id is None:
        return []
    left = (facts.ends_on - facts.today).days
    if not 0 < left <= TERM_REVIEW_DAYS:
        return []
    ends = day_words(facts.ends_on, facts.today)
    url = _path("mentorships:detail", "mentorship_id", mentorship_id)
    return [
        Notice(
            recipient_id=me,
            kind=Kind.TERM_REVIEW,
            cause=f"agreement:{row.agreement_id}:term_review",
            title=f"Your term with {people.name(other)} ends on {ends}",
            body=(
                f"The term you agreed ends in {left} days. A good moment to look back together: "
                "which goals moved, what helped, and whether to renew for another term, "
                "complete it, or stay in touch. Renewal is open on the mentorship page."
            ),
            url=url,
        )
        for me, other in _pairs(row)
    ]


def _pairs(row: HealthRow) -> tuple[tuple[int, int], tuple[int, int]]:
    """(recipient, the other side) for both sides."""
    return (row.mentee_user_id, row.mentor_user_id), (row.mentor_user_id, row.mentee_user_id)


def _periodic_due(today: date) -> list[tuple[int, HealthRow, Quiet | None]]:
    """Active mentorships with a cadence, quiet or term-review nudge due (which: decided later)."""
    due = []
    for mentorship_id, row in health_rows_for(mentorship_ids=None, today=today).items():
        facts = row.facts
        if facts.state != ACTIVE:
            continue  # paused: no nudges until resumed
        quiet = quiet_side(facts)
        ends_soon = (
            facts.ends_on is not None and 0 < (facts.ends_on - today).days <= TERM_REVIEW_DAYS
        )
        if quiet is not None or ends_soon or cadence_slip(facts) > SLIP_ATTENTION:
            due.append((mentorship_id, row, quiet))
    return due


# --- Overdue action items -----------------------------------------------------------------


def _overdue_items(today: date) -> list[tuple[int, int, str, date | None, int]]:
    """(id, owner, text, due, mentorship) of open items past their date in active mentorships."""
    return list(
        ActionItem.objects.filter(
            status=ActionItem.Status.OPEN,
            due_on__lt=today,
            due_on__gte=today - OVERDUE_WINDOW,
            mentorship__state=Mentorship.State.ACTIVE,
        )
        .order_by("due_on", "id")
        .values_list("id", "owner_id", "text", "due_on", "mentorship_id")
    )


def _overdue_notice(item: tuple[int, int, str, date | None, int], today: date) -> Notice:
    item_id, owner_id, text, due_on, mentorship_id = item
    due = day_words(due_on, today) if due_on else "the date you set"
    short = text if len(text) <= 80 else text[:79] + "…"
    return Notice(
        recipient_id=owner_id,
        kind=Kind.ACTION_ITEM,
        cause=f"action:{item_id}:overdue",
        title=f"Past its due date: {short}",
        body=(
            f"You planned to do this by {due}. How did it go? Mark it done, "
            "tried (what happened is worth sharing, even if it didn't work) or dropped: all "
            "are fine answers."
        ),
        url=_path("meetings:actions", "mentorship_id", mentorship_id),
    )


# --- The sweep ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingSweepReport:
    reminders: int
    cadence: int
    overdue: int
    quiet: int
    term_reviews: int

    @property
    def total(self) -> int:
        return self.reminders + self.cadence + self.overdue + self.quiet + self.term_reviews

    def __str__(self) -> str:
        return (
            f"{self.reminders} meeting reminder(s), {self.cadence} cadence nudge(s), "
            f"{self.overdue} overdue action item(s), {self.quiet} back-off suggestion(s), "
            f"{self.term_reviews} term review(s)"
        )


def meetings_sweep(*, now: datetime) -> MeetingSweepReport:
    """Send every meeting and mentorship nudge that is due and not sent yet, in bulk.

    Reminders a worker missed; cadence slipping, a side gone quiet and the term review for
    active mentorships (from the health facts of all of them, a fixed number of queries);
    overdue action items. Counts are notifications created now: a second run sends nothing.
    """
    today = now.astimezone(UTC).date()
    reminders = _reminders_due(now)
    periodic = _periodic_due(today)
    overdue = _overdue_items(today)
    people = _People(
        _sides(m for m, _ in reminders)
        | {user_id for _, row, _ in periodic for user_id in _pairs(row)[0]}
    )
    notices: list[Notice] = [
        notice
        for meeting, hours in reminders
        for notice in _reminder_notices(meeting, hours, people)
    ]
    for mentorship_id, row, quiet in periodic:
        notices += _cadence_notices(row, mentorship_id, people)
        notices += _term_notices(row, mentorship_id, people)
        if quiet is not None:
            notices.append(_quiet_notice(row, mentorship_id, quiet, people))
    notices += [_overdue_notice(item, today) for item in overdue]
    created = notify_many_by_kind(notices, now=now)
    return MeetingSweepReport(
        reminders=created[Kind.MEETING_REMINDER],
        cadence=created[Kind.CADENCE_SLIPPING],
        overdue=created[Kind.ACTION_ITEM],
        quiet=created[Kind.QUIET_BACK_OFF],
        term_reviews=created[Kind.TERM_REVIEW],
    )
