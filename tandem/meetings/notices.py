"""What each meeting event and each nudge tells people, in Tandem's words.

Events (a time offered, picked, moved; where to meet; a thank-you; feedback; an action item's
outcome) go to the other side through `notify`. Nudges (reminders, the prompt after a meeting,
a slipping cadence, a side gone quiet, the term review, an overdue item) are built here as
`Notice` rows for the sweep to write in bulk; each says what triggered it. Every notice is one
per cause.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from tandem.accounts.models import User
from tandem.core.paths import path_to
from tandem.meetings.health.rules import Quiet, day_words
from tandem.meetings.models import ActionItem, Meeting, MeetingFeedback, ThankYou
from tandem.meetings.recipients import Recipients
from tandem.mentorships.models import Mentorship
from tandem.mentorships.sides import sides_of
from tandem.notifications.kinds import Kind
from tandem.notifications.services import Notice, notify


def _tell_other(
    meeting: Meeting, actor_id: int | None, kind: str, cause: str, title: str, body: str, *,
    now: datetime, url: str = "",
) -> None:  # fmt: skip
    """Tell the other side of the meeting's mentorship; `title` follows the actor's name."""
    sides = sides_of(meeting.mentorship, actor_id)
    notify(
        recipient=sides.other.user, kind=kind, cause=cause,
        title=f"{sides.me.user.display_name} {title}", body=body,
        url=url or meeting.get_absolute_url(), now=now,
        actor=sides.me.user if actor_id else None,  # so a block or a mute can stop it
    )  # fmt: skip


# --- Events ---------------------------------------------------------------------------------


def meeting_proposed(meeting: Meeting, *, actor: User, now: datetime) -> None:
    _tell_other(
        meeting, actor.pk, Kind.MEETING_PROPOSED, f"meeting:{meeting.pk}:proposed",
        "suggested times to meet",
        f"Pick the one that suits you for a {meeting.minutes}-minute conversation.", now=now,
    )  # fmt: skip


def meeting_scheduled(meeting: Meeting, *, actor: User, now: datetime) -> None:
    _tell_other(
        meeting, actor.pk, Kind.MEETING_SCHEDULED,
        f"meeting:{meeting.pk}:scheduled:{meeting.sequence}", "picked a time: you're meeting",
        f"{meeting.minutes} minutes. The calendar invite is in your email; add your questions "
        "to the agenda beforehand.",
        now=now,
    )  # fmt: skip


def meeting_changed(meeting: Meeting, *, actor: User, note: str, now: datetime) -> None:
    cancelled = meeting.state == Meeting.State.CANCELLED
    said = f" Their note: “{note.strip()}”" if note.strip() else ""
    _tell_other(
        meeting, actor.pk, Kind.MEETING_CHANGED,
        f"meeting:{meeting.pk}:{meeting.state}:{meeting.transitions.count()}",
        f"{'cancelled' if cancelled else 'needs to move'} a meeting",
        ("It's off; calendars get the cancellation." if cancelled
         else "They've offered new times: pick one that suits you.") + said,
        now=now,
    )  # fmt: skip


def meeting_place_changed(meeting: Meeting, *, actor: User, now: datetime) -> None:
    where = " · ".join(w for w in (meeting.location, meeting.video_url) if w) or "not set yet"
    in_calendars = " Your calendar invite is updated." if meeting.starts_at else ""
    _tell_other(
        meeting, actor.pk, Kind.MEETING_CHANGED,
        f"meeting:{meeting.pk}:place:{now.astimezone(UTC).isoformat()}",
        "changed where you'll meet", f"Where: {where}.{in_calendars}", now=now,
    )  # fmt: skip


def meeting_held(meeting: Meeting, *, now: datetime) -> None:
    """After a good conversation: a thank-you prompt for the mentee, feedback for both."""
    mentorship, url, cause = (
        meeting.mentorship,
        meeting.get_absolute_url(),
        f"meeting:{meeting.pk}:held",
    )
    next_step = (
        " If the intro helped, you can now propose an agreement on your mentorship page."
        if mentorship.state == Mentorship.State.INTRO
        else ""
    )
    notify(
        recipient=mentorship.mentee.user, kind=Kind.MEETING_FOLLOW_UP, cause=cause,
        title=f"Say thank you to {mentorship.mentor.user.display_name}",
        body=(
            "A short note on what was useful means a lot to a mentor. Note down what you'll "
            "try, too, and share a minute of feedback." + next_step
        ),
        url=url, now=now,
    )  # fmt: skip
    notify(
        recipient=mentorship.mentor.user, kind=Kind.MEETING_FOLLOW_UP, cause=cause,
        title=f"How did your meeting with {mentorship.mentee.user.display_name} go?",
        body="A minute of feedback helps you both: where it helped, what could be better.",
        url=url, now=now,
    )  # fmt: skip


def thank_you_received(thanks: ThankYou, *, now: datetime) -> None:
    _tell_other(
        thanks.meeting, thanks.author_id, Kind.THANK_YOU_RECEIVED,
        f"meeting:{thanks.meeting_id}:thanks", "says thank you", thanks.text[:300], now=now,
    )  # fmt: skip


def meeting_feedback_received(feedback: MeetingFeedback, *, now: datetime) -> None:
    _tell_other(
        feedback.meeting, feedback.author_id, Kind.FEEDBACK_RECEIVED,
        f"meeting_feedback:{feedback.pk}", "shared feedback on your meeting",
        "See where it helped and what they appreciated on the meeting page.", now=now,
    )  # fmt: skip


def action_item_reported(item: ActionItem, *, now: datetime) -> None:
    sides = sides_of(item.mentorship, item.owner_id)
    what = {"done": "did", "tried": "tried", "dropped": "dropped"}[item.status]
    outcome = f" What happened: “{item.outcome}”" if item.outcome else ""
    notify(
        recipient=sides.other.user, kind=Kind.ACTION_ITEM, cause=f"action:{item.pk}:{item.status}",
        title=f"{sides.me.user.display_name} {what}: {item.text[:120]}",
        body=f"An update on something from your meeting.{outcome}",
        url=item.get_absolute_url(), now=now, actor=sides.me.user,
    )  # fmt: skip


# --- Nudges, built for the sweep's bulk write -----------------------------------------------


def reminder_notices(
    *, meeting_id: int, starts_at: datetime, minutes: int, pair: tuple[int, int], hours: int,
    people: Recipients,
) -> list[Notice]:  # fmt: skip
    """A day or an hour before a meeting, to both sides (`pair`: mentee and mentor user ids)."""
    cause = f"meeting:{meeting_id}:{starts_at.astimezone(UTC).isoformat()}:remind:{hours}"
    url = Meeting(pk=meeting_id).get_absolute_url()
    notices = []
    for me, other in (pair, pair[::-1]):
        if hours == 1:
            title = f"Your meeting with {people.name(other)} starts in an hour"
            why = "A reminder an hour ahead; your agenda is on the meeting page."
        else:
            title = f"Your meeting with {people.name(other)} is coming up"
            why = (
                "A reminder a day ahead, so there's time to add a question or two to the agenda "
                "and make the time count."
            )
        body = f"{minutes} minutes, {people.when(me, starts_at)}. {why}"
        notices.append(Notice(me, Kind.MEETING_REMINDER, cause, title, body, url))
    return notices


def ended_notices(
    *, meeting_id: int, starts_at: datetime, minutes: int, pair: tuple[int, int],
    people: Recipients,
) -> list[Notice]:  # fmt: skip
    """Right after a meeting ends, to both sides (`pair`: mentee and mentor user ids): how did
    it go? Mark it, note what you'll try, and (the mentee) say thank you."""
    cause = f"meeting:{meeting_id}:{starts_at.astimezone(UTC).isoformat()}:ended"
    url = Meeting(pk=meeting_id).get_absolute_url()
    notices = []
    for me, other in (pair, pair[::-1]):
        thanks = " and send a short thank-you" if me == pair[0] else ""
        body = (
            f"Your {minutes}-minute meeting with {people.name(other)} "
            f"({people.when(me, starts_at)}) has ended. While it's fresh: mark it held (or that "
            f"you didn't meet), note what you'll each try{thanks}. It takes a minute."
        )
        title = f"How did it go with {people.name(other)}?"
        notices.append(Notice(me, Kind.MEETING_FOLLOW_UP, cause, title, body, url))
    return notices


def cadence_notices(
    *, mentorship_id: int, pair: tuple[int, int], rhythm: str, anchor: date, days: int,
    period: int, met: bool, today: date, people: Recipients,
) -> list[Notice]:  # fmt: skip
    """To both sides: the agreed rhythm has slipped (`period` intervals since `anchor`)."""
    url = path_to("meetings:for_mentorship", mentorship_id=mentorship_id)
    cause = f"mentorship:{mentorship_id}:cadence:{anchor.isoformat()}:{period}"
    notices = []
    for me, other in (pair, pair[::-1]):
        name = people.name(other)
        if met:
            what = (
                f"Your last meeting with {name} was on {day_words(anchor, today)} "
                f"({days} days ago), and nothing is booked yet."
            )
        else:
            what = (
                f"You started on {day_words(anchor, today)} ({days} days ago), and no meeting "
                "is booked yet."
            )
        body = (
            f"You agreed to meet {rhythm}. {what} It's easy to let slip when things get busy: "
            f"offer two or three times that suit you, and {name} picks one."
        )
        title = f"Time to plan your next meeting with {name}"
        notices.append(Notice(me, Kind.CADENCE_SLIPPING, cause, title, body, url))
    return notices


def quiet_notice(
    *, mentorship_id: int, quiet_user: int, waiting_user: int, quiet: Quiet, today: date,
    people: Recipients,
) -> Notice:  # fmt: skip
    """To the side who is waiting: a gracious back-off, with a note they can copy (P12)."""
    name = people.name(quiet_user)
    body = (
        f"There's been no word from {name} here since {day_words(quiet.since, today)} "
        f"({quiet.days} days), while you've kept things going. People get busy, and it's rarely "
        "about you. One short, warm note and then some room usually works best. You could send "
        f"something like:\n\n“Hi {people.first_name(quiet_user)}, I know things get busy, so no "
        "pressure at all. Whenever you have time, I'd be glad to pick up where we left off. And "
        "if now isn't a good moment, we could pause for a while; that's completely fine.”\n\n"
        "If it stays quiet, pausing the mentorship from its page stops the reminders for you "
        "both, and either of you can resume any time."
    )
    return Notice(
        waiting_user, Kind.QUIET_BACK_OFF,
        f"mentorship:{mentorship_id}:quiet:{quiet.since.isoformat()}",
        f"{name} has been quiet for a while", body,
        Mentorship(pk=mentorship_id).get_absolute_url(),
    )  # fmt: skip


def term_notices(
    *, mentorship_id: int, agreement_id: int, pair: tuple[int, int], ends_on: date, today: date,
    people: Recipients,
) -> list[Notice]:  # fmt: skip
    """To both sides, in the last 30 days of the term: look back together."""
    ends, left = day_words(ends_on, today), (ends_on - today).days
    body = (
        f"The term you agreed ends in {left} days. A good moment to look back together: which "
        "goals moved, what helped, and whether to renew for another term, complete it, or stay "
        "in touch. Renewal is open on the mentorship page."
    )
    url = Mentorship(pk=mentorship_id).get_absolute_url()
    cause = f"agreement:{agreement_id}:term_review"
    return [
        Notice(me, Kind.TERM_REVIEW, cause, f"Your term with {people.name(other)} ends on {ends}",
               body, url)
        for me, other in (pair, pair[::-1])
    ]  # fmt: skip


def overdue_notice(
    *, item_id: int, owner_id: int, text: str, due_on: date | None, mentorship_id: int,
    today: date,
) -> Notice:  # fmt: skip
    """To the owner of an action item past its date: how did it go?"""
    due = day_words(due_on, today) if due_on else "the date you set"
    short = text if len(text) <= 80 else text[:79] + "…"
    body = (
        f"You planned to do this by {due}. How did it go? Mark it done, tried (what happened is "
        "worth sharing, even if it didn't work) or dropped: all are fine answers."
    )
    url = ActionItem(mentorship_id=mentorship_id).get_absolute_url()
    return Notice(
        owner_id, Kind.ACTION_ITEM, f"action:{item_id}:overdue", f"Past its due date: {short}",
        body, url,
    )  # fmt: skip
