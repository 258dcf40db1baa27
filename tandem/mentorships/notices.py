"""What each ask and mentorship event tells the people involved, in Tandem's words.

Every notice goes through `notify`, which is idempotent on (recipient, kind, cause): a job or
sweep that runs twice still tells each person once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.urls import reverse

from tandem.mentorships.models import Agreement, Ask, Feedback, Mentorship, Transition
from tandem.notifications.kinds import Kind
from tandem.notifications.services import notify
from tandem.profiles.choices import FocusArea


def ask_url(ask: Ask) -> str:
    return reverse("mentorships:ask", kwargs={"ask_id": ask.pk})


def mentorship_url(mentorship: Mentorship) -> str:
    return reverse("mentorships:detail", kwargs={"mentorship_id": mentorship.pk})


def focus_labels(values: list[str]) -> str:
    labels = dict(FocusArea.choices)
    return ", ".join(labels.get(v, v) for v in values)


def ask_received(ask: Ask, *, now: datetime) -> None:
    mentee = ask.mentee.user.display_name
    notify(
        recipient=ask.mentor.user, kind=Kind.ASK_RECEIVED, cause=f"ask:{ask.pk}:received",
        title=f"{mentee} would like a {ask.intro_minutes}-minute intro",
        body=(
            f"They would like help with: {focus_labels(ask.focus_areas)}. "
            "Accept, decline, or point them to someone better placed; each is one click, "
            "and a no is fine."
        ),
        url=ask_url(ask), now=now,
    )  # fmt: skip


def ask_accepted(ask: Ask, mentorship: Mentorship, *, now: datetime) -> None:
    mentor = ask.mentor.user.display_name
    notify(
        recipient=ask.mentee.user, kind=Kind.ASK_ACCEPTED, cause=f"ask:{ask.pk}:accepted",
        title=f"{mentor} said yes to an intro",
        body=(
            "Their contact details are now on your mentorship page. Agree a time and keep "
            f"the conversation to the {ask.intro_minutes} minutes you asked for."
        ),
        url=mentorship_url(mentorship), now=now,
    )  # fmt: skip


def ask_declined(ask: Ask, *, now: datetime) -> None:
    mentor = ask.mentor.user.display_name
    referral = (
        f" They suggest {ask.referred_to.user.display_name} may be a better fit."
        if ask.referred_to
        else ""
    )
    notify(
        recipient=ask.mentee.user, kind=Kind.ASK_DECLINED, cause=f"ask:{ask.pk}:declined",
        title=f"{mentor} can't take your request",
        body=(
            "It isn't personal: mentors say no for reasons of time and fit." + referral
            + " Other mentors who match what you're after are waiting on the page."
        ),
        url=ask_url(ask), now=now,
    )  # fmt: skip


def ask_withdrawn(ask: Ask, *, now: datetime) -> None:
    mentee = ask.mentee.user.display_name
    notify(
        recipient=ask.mentor.user, kind=Kind.ASK_WITHDRAWN, cause=f"ask:{ask.pk}:withdrawn",
        title=f"{mentee} withdrew their request",
        body="Nothing for you to do. Thank you for being open to requests.",
        url=ask_url(ask), now=now,
    )  # fmt: skip


def ask_follow_up(ask: Ask, *, now: datetime) -> None:
    """Day 7: one gentle reminder to the mentor, one reassurance to the mentee."""
    mentee, mentor = ask.mentee.user.display_name, ask.mentor.user.display_name
    lapses = ask.sent_at + timedelta(days=14)
    notify(
        recipient=ask.mentor.user, kind=Kind.ASK_FOLLOW_UP, cause=f"ask:{ask.pk}:follow_up",
        title=f"{mentee}'s request is waiting for you",
        body=(
            f"{mentee} asked for a {ask.intro_minutes}-minute intro on {ask.sent_at:%d %B}. "
            "A quick answer helps either way; declining takes one click. If there's no answer, "
            f"the request lapses on {lapses:%d %B}."
        ),
        url=ask_url(ask), now=now,
    )  # fmt: skip
    notify(
        recipient=ask.mentee.user, kind=Kind.ASK_FOLLOW_UP, cause=f"ask:{ask.pk}:follow_up",
        title=f"Still waiting to hear from {mentor}",
        body=(
            "Waiting a while for a reply is common: mentors are busy people. We've sent one "
            "gentle reminder, so there's no need to chase. You're welcome to ask another "
            "mentor meanwhile."
        ),
        url=ask_url(ask), now=now,
    )  # fmt: skip


def ask_expired(ask: Ask, *, now: datetime) -> None:
    mentee, mentor = ask.mentee.user.display_name, ask.mentor.user.display_name
    notify(
        recipient=ask.mentee.user, kind=Kind.ASK_EXPIRED, cause=f"ask:{ask.pk}:expired",
        title=f"Your request to {mentor} has lapsed",
        body=(
            "Two weeks went by without an answer. It isn't personal: calendars fill up. "
            "We've picked other mentors who fit what you're after."
        ),
        url=ask_url(ask), now=now,
    )  # fmt: skip
    notify(
        recipient=ask.mentor.user, kind=Kind.ASK_EXPIRED, cause=f"ask:{ask.pk}:expired",
        title=f"{mentee}'s request has lapsed",
        body=(
            "It went two weeks without an answer, so we've let them know and suggested "
            "others. If you're short of time, you can pause new requests from your profile."
        ),
        url=ask_url(ask), now=now,
    )  # fmt: skip


def agreement_proposed(agreement: Agreement, *, now: datetime) -> None:
    mentorship = agreement.mentorship
    mentee = mentorship.mentee.user.display_name
    notify(
        recipient=mentorship.mentor.user, kind=Kind.AGREEMENT_PROPOSED,
        cause=f"agreement:{agreement.pk}:proposed",
        title=f"{mentee} proposed a mentoring agreement",
        body=(
            f"{len(agreement.goals)} goals, {agreement.get_cadence_display().lower()}, "
            f"{agreement.meeting_minutes} minutes a meeting, for {agreement.term_months} "
            "months. Accept it, or decline; a decline closes the mentorship without blame."
        ),
        url=mentorship_url(mentorship), now=now,
    )  # fmt: skip


def renewal_proposed(agreement: Agreement, *, now: datetime) -> None:
    mentorship = agreement.mentorship
    proposer_is_mentee = agreement.proposed_by_id == mentorship.mentee.user_id
    other = mentorship.mentor if proposer_is_mentee else mentorship.mentee
    proposer = mentorship.mentee if proposer_is_mentee else mentorship.mentor
    notify(
        recipient=other.user, kind=Kind.RENEWAL_PROPOSED,
        cause=f"agreement:{agreement.pk}:proposed",
        title=f"{proposer.user.display_name} would like another term",
        body=(
            f"A renewal for {agreement.term_months} months, "
            f"{agreement.get_cadence_display().lower()}. Accept it or let the current term "
            "run to its end."
        ),
        url=mentorship_url(mentorship), now=now,
    )  # fmt: skip


def agreement_answered(agreement: Agreement, *, now: datetime) -> None:
    """Tell the proposer the answer (accepted or declined)."""
    mentorship = agreement.mentorship
    proposer_is_mentee = agreement.proposed_by_id in (None, mentorship.mentee.user_id)
    proposer = mentorship.mentee if proposer_is_mentee else mentorship.mentor
    answerer = mentorship.mentor if proposer_is_mentee else mentorship.mentee
    accepted = agreement.state == Agreement.State.ACCEPTED
    verb = "accepted" if accepted else "declined"
    if accepted and agreement.ends_on:
        body = (
            f"You're set until {agreement.ends_on:%d %B %Y}. Plan your meetings around the goals."
        )
    elif agreement.version > 1:
        body = "The current term runs to its end as agreed; there's no blame in a no."
    else:
        body = "The mentorship is closed, without blame. Thank you both for the intro."
    notify(
        recipient=proposer.user, kind=Kind.AGREEMENT_ANSWERED,
        cause=f"agreement:{agreement.pk}:{agreement.state}",
        title=f"{answerer.user.display_name} {verb} the agreement",
        body=body, url=mentorship_url(mentorship), now=now,
    )  # fmt: skip


STATE_NOW = {
    Mentorship.State.PAUSED: "It's paused: no nudges until one of you resumes.",
    Mentorship.State.ACTIVE: "It's active again.",
    Mentorship.State.CLOSED: "It's closed, without blame. You can say how it went on its page.",
    Mentorship.State.COMPLETED: "It's complete. Tell each other how it went on its page.",
    Mentorship.State.ALUMNI: "No cadence and no nudges from now on; you're still connected.",
}

CHANGE_WORDS = {
    Mentorship.State.PAUSED: "paused the mentorship",
    Mentorship.State.ACTIVE: "resumed the mentorship",
    Mentorship.State.CLOSED: "closed the mentorship",
    Mentorship.State.COMPLETED: "marked the mentorship complete",
    Mentorship.State.ALUMNI: "moved the mentorship to staying in touch",
}


def mentorship_changed(mentorship: Mentorship, transition: Transition, *, now: datetime) -> None:
    """Tell the other side what happened and why, if a reason was given."""
    actor_is_mentee = transition.actor_id == mentorship.mentee.user_id
    actor = mentorship.mentee if actor_is_mentee else mentorship.mentor
    other = mentorship.mentor if actor_is_mentee else mentorship.mentee
    words = CHANGE_WORDS.get(Mentorship.State(transition.to_state), "updated the mentorship")
    reason = f" Their note: “{transition.reason}”" if transition.reason else ""
    notify(
        recipient=other.user, kind=Kind.MENTORSHIP_CHANGED,
        cause=f"mentorship:{mentorship.pk}:transition:{transition.pk}",
        title=f"{actor.user.display_name} {words}",
        body=f"{STATE_NOW.get(Mentorship.State(transition.to_state), '')}{reason}",
        url=mentorship_url(mentorship), now=now,
    )  # fmt: skip
    if transition.to_state == Mentorship.State.COMPLETED and not mentorship.mentee.is_mentor:
        notify(
            recipient=mentorship.mentee.user, kind=Kind.MENTORSHIP_CHANGED,
            cause=f"mentorship:{mentorship.pk}:pass_it_on",
            title="Pass it on: you could mentor someone now",
            body=(
                "You know what a good mentor gives. One click sets up a mentor profile from "
                "what fits in yours, paused until you've checked it."
            ),
            url=mentorship_url(mentorship), now=now,
        )  # fmt: skip


def feedback_received(feedback: Feedback, *, now: datetime) -> None:
    mentorship = feedback.mentorship
    author_is_mentee = feedback.author_id == mentorship.mentee.user_id
    author = mentorship.mentee if author_is_mentee else mentorship.mentor
    other = mentorship.mentor if author_is_mentee else mentorship.mentee
    notify(
        recipient=other.user, kind=Kind.FEEDBACK_RECEIVED,
        cause=f"feedback:{feedback.pk}",
        title=f"{author.user.display_name} shared how your mentorship went",
        body="Read what helped and what they appreciated; it's on the mentorship page.",
        url=mentorship_url(mentorship), now=now,
    )  # fmt: skip
