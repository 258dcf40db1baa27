"""What each ask and mentorship event tells the people involved, in Tandem's words.

Every notice goes through `notify`, which is idempotent on (recipient, kind, cause): a job or
sweep that runs twice still tells each person once. Links are the objects' own pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tandem.accounts.models import User
from tandem.core.zones import zone_named
from tandem.mentorships.models import Agreement, Ask, Feedback, Mentorship, Transition
from tandem.mentorships.rules import EXPIRE_AFTER
from tandem.mentorships.sides import sides_of
from tandem.mentorships.wording import WORDS, focus_labels
from tandem.notifications.kinds import Kind
from tandem.notifications.services import Notice, notify


def _tell(
    recipient: User, kind: str, cause: str, title: str, body: str, *, about: Ask | Mentorship,
    now: datetime, actor: User | None = None,
) -> None:  # fmt: skip
    """`actor`: the person whose doing it is, so a block, a mute or a flood can stop it."""
    notify(
        recipient=recipient, kind=kind, cause=cause, title=title, body=body,
        url=about.get_absolute_url(), now=now, actor=actor,
    )  # fmt: skip


def ask_received(ask: Ask, *, now: datetime) -> None:
    mentee = ask.mentee.user.display_name
    _tell(
        ask.mentor.user, Kind.ASK_RECEIVED, f"ask:{ask.pk}:received",
        f"{mentee} would like a {ask.intro_minutes}-minute intro",
        f"They would like help with: {focus_labels(ask.focus_areas)}. Accept, decline, or point "
        "them to someone better placed; each is one click, and a no is fine.",
        about=ask, now=now, actor=ask.mentee.user,
    )  # fmt: skip


def ask_accepted(
    ask: Ask, mentorship: Mentorship, *, intro_at: datetime | None = None, now: datetime
) -> None:
    """To the mentee: a yes, and, when the mentor picked one of their times, when they meet."""
    if intro_at is None:
        when = "Agree a time and keep the conversation"
    else:
        zone = zone_named(ask.mentee.timezone)
        local = intro_at.astimezone(zone)
        when = (
            f"They picked {local:%A} {local.day} {local:%B} at {local:%H:%M} ({zone.key}) from "
            "the times you suggested; the calendar invite is in your email. Keep the conversation"
        )
    _tell(
        ask.mentee.user, Kind.ASK_ACCEPTED, f"ask:{ask.pk}:accepted",
        f"{ask.mentor.user.display_name} said yes to an intro",
        f"Their contact details are now on your mentorship page. {when} to the "
        f"{ask.intro_minutes} minutes you asked for.",
        about=mentorship, now=now, actor=ask.mentor.user,
    )  # fmt: skip


def ask_declined(ask: Ask, *, now: datetime) -> None:
    referral = (
        f" They suggest {ask.referred_to.user.display_name} may be a better fit."
        if ask.referred_to
        else ""
    )
    _tell(
        ask.mentee.user, Kind.ASK_DECLINED, f"ask:{ask.pk}:declined",
        f"{ask.mentor.user.display_name} can't take your request",
        "It isn't personal: mentors say no for reasons of time and fit." + referral
        + " Other mentors who match what you're after are waiting on the page.",
        about=ask, now=now, actor=ask.mentor.user,
    )  # fmt: skip


def ask_withdrawn(ask: Ask, *, now: datetime) -> None:
    _tell(
        ask.mentor.user, Kind.ASK_WITHDRAWN, f"ask:{ask.pk}:withdrawn",
        f"{ask.mentee.user.display_name} withdrew their request",
        "Nothing for you to do. Thank you for being open to requests.",
        about=ask, now=now, actor=ask.mentee.user,
    )  # fmt: skip


@dataclass(frozen=True)
class WaitingAsk:
    """What the day-7 and day-14 notices say about an ask: from a loaded ask (`of`) for its
    own job, or read as plain values for thousands at once (the sweep)."""

    pk: int
    url: str
    sent_at: datetime
    intro_minutes: int
    mentee_user_id: int
    mentee_name: str
    mentor_user_id: int
    mentor_name: str

    @classmethod
    def of(cls, ask: Ask) -> WaitingAsk:
        mentee, mentor = ask.mentee.user, ask.mentor.user
        return cls(
            pk=ask.pk, url=ask.get_absolute_url(), sent_at=ask.sent_at,
            intro_minutes=ask.intro_minutes, mentee_user_id=mentee.pk,
            mentee_name=mentee.display_name, mentor_user_id=mentor.pk,
            mentor_name=mentor.display_name,
        )  # fmt: skip


def _tell_each(found: list[Notice], *, ask: Ask, now: datetime) -> None:
    """Raise one ask's system notices (no actor) one by one with `notify`, as its own job
    does; the sweep raises the same notices in bulk."""
    users = {user.pk: user for user in (ask.mentee.user, ask.mentor.user)}
    for n in found:
        notify(
            recipient=users[n.recipient_id], kind=n.kind, cause=n.cause, title=n.title,
            body=n.body, url=n.url, now=now,
        )  # fmt: skip


def ask_follow_up_notices(ask: WaitingAsk) -> list[Notice]:
    """Day 7: one gentle reminder to the mentor, one reassurance to the mentee."""
    mentee, mentor = ask.mentee_name, ask.mentor_name
    lapses = ask.sent_at + EXPIRE_AFTER
    cause, kind = f"ask:{ask.pk}:follow_up", Kind.ASK_FOLLOW_UP
    return [
        Notice(
            recipient_id=ask.mentor_user_id, kind=kind, cause=cause, url=ask.url,
            title=f"{mentee}'s request is waiting for you",
            body=f"{mentee} asked for a {ask.intro_minutes}-minute intro on "
            f"{ask.sent_at:%d %B}. A quick answer helps either way; declining takes one click. "
            f"If there's no answer, the request lapses on {lapses:%d %B}.",
        ),
        Notice(
            recipient_id=ask.mentee_user_id, kind=kind, cause=cause, url=ask.url,
            title=f"Still waiting to hear from {mentor}",
            body="Waiting a while for a reply is common: mentors are busy people. We've sent "
            "one gentle reminder, so there's no need to chase. You're welcome to ask another "
            "mentor meanwhile.",
        ),
    ]  # fmt: skip


def ask_follow_up(ask: Ask, *, now: datetime) -> None:
    _tell_each(ask_follow_up_notices(WaitingAsk.of(ask)), ask=ask, now=now)


def ask_expired_notices(ask: WaitingAsk) -> list[Notice]:
    mentee, mentor = ask.mentee_name, ask.mentor_name
    cause, kind = f"ask:{ask.pk}:expired", Kind.ASK_EXPIRED
    return [
        Notice(
            recipient_id=ask.mentee_user_id, kind=kind, cause=cause, url=ask.url,
            title=f"Your request to {mentor} has lapsed",
            body="Two weeks went by without an answer. It isn't personal: calendars fill up. "
            "We've picked other mentors who fit what you're after.",
        ),
        Notice(
            recipient_id=ask.mentor_user_id, kind=kind, cause=cause, url=ask.url,
            title=f"{mentee}'s request has lapsed",
            body="It went two weeks without an answer, so we've let them know and suggested "
            "others. If you're short of time, you can pause new requests from your profile.",
        ),
    ]  # fmt: skip


def ask_expired(ask: Ask, *, now: datetime) -> None:
    _tell_each(ask_expired_notices(WaitingAsk.of(ask)), ask=ask, now=now)


def agreement_proposed(agreement: Agreement, *, now: datetime) -> None:
    """A first agreement goes to the mentor; a renewal to whichever side did not propose it."""
    mentorship = agreement.mentorship
    sides = sides_of(mentorship, agreement.proposed_by_id)
    cadence = agreement.get_cadence_display().lower()
    if agreement.version == 1:
        kind, title = Kind.AGREEMENT_PROPOSED, "proposed a mentoring agreement"
        body = (
            f"{len(agreement.goals)} goals, {cadence}, {agreement.meeting_minutes} minutes a "
            f"meeting, for {agreement.term_months} months. Accept it, or decline; a decline "
            "closes the mentorship without blame."
        )
    else:
        kind, title = Kind.RENEWAL_PROPOSED, "would like another term"
        body = (
            f"A renewal for {agreement.term_months} months, {cadence}. Accept it or let the "
            "current term run to its end."
        )
    _tell(
        sides.other.user, kind, f"agreement:{agreement.pk}:proposed",
        f"{sides.me.user.display_name} {title}", body, about=mentorship, now=now,
        actor=sides.me.user,
    )  # fmt: skip


def agreement_answered(agreement: Agreement, *, now: datetime) -> None:
    """Tell the proposer the answer (accepted or declined)."""
    mentorship = agreement.mentorship
    proposer = sides_of(mentorship, agreement.proposed_by_id or mentorship.mentee.user_id)
    accepted = agreement.state == Agreement.State.ACCEPTED
    if accepted and agreement.ends_on:
        body = (
            f"You're set until {agreement.ends_on:%d %B %Y}. Plan your meetings around the goals."
        )
    elif agreement.version > 1:
        body = "The current term runs to its end as agreed; there's no blame in a no."
    else:
        body = "The mentorship is closed, without blame. Thank you both for the intro."
    _tell(
        proposer.me.user, Kind.AGREEMENT_ANSWERED, f"agreement:{agreement.pk}:{agreement.state}",
        f"{proposer.other.user.display_name} {'accepted' if accepted else 'declined'} the "
        "agreement",
        body, about=mentorship, now=now, actor=proposer.other.user,
    )  # fmt: skip


def mentorship_changed(mentorship: Mentorship, transition: Transition, *, now: datetime) -> None:
    """Tell the other side what happened and why, if a reason was given."""
    sides = sides_of(mentorship, transition.actor_id)
    words = WORDS[transition.to_state]
    reason = f" Their note: “{transition.reason}”" if transition.reason else ""
    _tell(
        sides.other.user, Kind.MENTORSHIP_CHANGED,
        f"mentorship:{mentorship.pk}:transition:{transition.pk}",
        f"{sides.me.user.display_name} {words.did}", f"{words.now}{reason}",
        about=mentorship, now=now, actor=sides.me.user if transition.actor_id else None,
    )  # fmt: skip
    if transition.to_state == Mentorship.State.COMPLETED and not mentorship.mentee.is_mentor:
        _tell(
            mentorship.mentee.user, Kind.MENTORSHIP_CHANGED,
            f"mentorship:{mentorship.pk}:pass_it_on", "Pass it on: you could mentor someone now",
            "You know what a good mentor gives. One click sets up a mentor profile from what "
            "fits in yours, paused until you've checked it.",
            about=mentorship, now=now,
        )  # fmt: skip


def feedback_received(feedback: Feedback, *, now: datetime) -> None:
    mentorship = feedback.mentorship
    sides = sides_of(mentorship, feedback.author_id)
    _tell(
        sides.other.user, Kind.FEEDBACK_RECEIVED, f"feedback:{feedback.pk}",
        f"{sides.me.user.display_name} shared how your mentorship went",
        "Read what helped and what they appreciated; it's on the mentorship page.",
        about=mentorship, now=now, actor=sides.me.user,
    )  # fmt: skip


def intro_arranged(mentorship: Mentorship, *, notes: tuple[str, str]) -> list[Notice]:
    """To both sides of an intro a program arranged: who, why (each their own note: the
    mentee's, the mentor's), and what to do first. Raised in bulk by the caller."""
    mentee, mentor = mentorship.mentee.user, mentorship.mentor.user
    return [
        Notice(
            recipient_id=recipient.pk,
            kind=Kind.PROGRAM_MATCH,
            cause=f"mentorship:{mentorship.pk}:arranged",
            title=f"Meet {other.display_name}, your {role}",
            body=f"{note} Their contact details are on your mentorship page: agree a time for "
            "a first conversation.",
            url=mentorship.get_absolute_url(),
        )
        for recipient, other, role, note in (
            (mentee, mentor, "mentor", notes[0]),
            (mentor, mentee, "mentee", notes[1]),
        )
    ]
