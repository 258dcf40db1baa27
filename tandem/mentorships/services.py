"""Writes for asks and mentorships; every rule of PRODUCT.md §4.1 is checked here.

Time is passed in (`now`), never read from the clock, so tests and jobs control it.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.db import transaction

from tandem.accounts.models import User
from tandem.mentorships import notices
from tandem.mentorships.ask_lifecycle import (
    MENTOR,
    SYSTEM,
    AtCapacity,
    IllegalTransition,
    RuleBroken,
    ask_transition_check,
    side_of,
)
from tandem.mentorships.goals import goals_from_agreement
from tandem.mentorships.mentorship_lifecycle import mentorship_transition_check
from tandem.mentorships.models import (
    INTRO_MINUTES,
    NOTE_MAX_LENGTH,
    Agreement,
    Ask,
    Feedback,
    Mentorship,
    Transition,
)
from tandem.profiles.choices import FocusArea
from tandem.profiles.models import Profile

MAX_PENDING_ASKS = 3
COOL_DOWN = timedelta(days=90)
MAX_FOCUS_AREAS = 3
MAX_PROPOSED_TIMES = 3


def _audit(*, ask: Ask, actor: User | None, from_state: str, reason: str, now: datetime) -> None:
    Transition.objects.create(
        ask=ask, actor=actor, from_state=from_state, to_state=ask.state, reason=reason, at=now
    )


def places_taken(*, mentor: Profile) -> int:
    """How many of the mentor's places are held by mentorships right now."""
    return Mentorship.objects.filter(mentor=mentor, state__in=Mentorship.HOLDING_A_PLACE).count()


def _places_recount(*, mentor_id: int) -> None:
    """Refresh the mentor's stored count under their row lock (directory and matching read it)."""
    mentor = Profile.objects.select_for_update(no_key=True).get(pk=mentor_id)
    mentor.places_taken = places_taken(mentor=mentor)
    mentor.save(update_fields=["places_taken", "updated_at"])


def together(*, mentee: Profile, mentor: Profile) -> bool:
    """Do these two already have a mentorship holding one of the mentor's places?"""
    return Mentorship.objects.filter(
        mentee=mentee, mentor=mentor, state__in=Mentorship.HOLDING_A_PLACE
    ).exists()


def _check_new_ask(*, mentee: Profile, mentor: Profile, now: datetime) -> None:
    if mentee.pk == mentor.pk:
        raise RuleBroken("You can't ask yourself.")
    if not mentee.is_mentee:
        raise RuleBroken("Turn on “I want a mentor” on your profile first.")
    if together(mentee=mentee, mentor=mentor):
        raise RuleBroken("You already have a mentorship with this mentor.")
    if not (mentor.is_mentor and mentor.is_onboarded):
        raise RuleBroken("This person isn't taking mentoring requests.")
    if mentor.is_paused or places_taken(mentor=mentor) >= mentor.capacity:
        raise AtCapacity("This mentor isn't taking new requests right now. It isn't personal.")
    if Ask.objects.filter(mentee=mentee, mentor=mentor, state=Ask.State.PENDING).exists():
        raise RuleBroken("You already have a request waiting with this mentor.")
    if Ask.objects.filter(mentee=mentee, state=Ask.State.PENDING).count() >= MAX_PENDING_ASKS:
        raise RuleBroken(
            f"You have {MAX_PENDING_ASKS} requests waiting. Give mentors a little time, or "
            "withdraw one, before asking someone new."
        )
    recent = Ask.objects.filter(
        mentee=mentee,
        mentor=mentor,
        state__in=[Ask.State.DECLINED, Ask.State.EXPIRED],
        decided_at__gte=now - COOL_DOWN,
    )
    if recent.exists():
        raise RuleBroken(
            "This mentor couldn't take your last request. Let it rest for a while; other "
            "mentors may fit just as well."
        )


def ask_refusal(*, mentee: Profile, mentor: Profile, now: datetime) -> str | None:
    """Why this mentee can't ask this mentor now, if they can't (shown before they write)."""
    try:
        _check_new_ask(mentee=mentee, mentor=mentor, now=now)
    except RuleBroken as error:
        return error.message
    return None


def _check_content(
    *, focus_areas: Sequence[str], note: str, intro_minutes: int, proposed_times: Sequence[str]
) -> None:
    if not 1 <= len(focus_areas) <= MAX_FOCUS_AREAS or set(focus_areas) - set(FocusArea.values):
        raise RuleBroken("Pick one to three focus areas.", field="focus_areas")
    if not note.strip() or len(note) > NOTE_MAX_LENGTH:
        raise RuleBroken(
            f"Write a short note (at most {NOTE_MAX_LENGTH} characters).", field="note"
        )
    if intro_minutes not in INTRO_MINUTES:
        raise RuleBroken("Choose a 15, 20 or 30 minute intro.", field="intro_minutes")
    if len(proposed_times) > MAX_PROPOSED_TIMES:
        raise RuleBroken("Propose at most three times.", field="proposed_times")


@transaction.atomic
def ask_create(
    *,
    mentee: Profile,
    mentor: Profile,
    focus_areas: Sequence[str],
    note: str,
    intro_minutes: int,
    proposed_times: Sequence[str] = (),
    now: datetime,
) -> Ask:
    """A mentee's short, easy-to-refuse first request to a mentor."""
    _check_content(
        focus_areas=focus_areas, note=note, intro_minutes=intro_minutes,
        proposed_times=proposed_times,
    )  # fmt: skip
    # Lock the mentee's row so two asks sent at once cannot both pass the cap.
    # (NO KEY: two people who mentor each other can ask each other at once without deadlock.)
    Profile.objects.select_for_update(no_key=True).filter(pk=mentee.pk).first()
    _check_new_ask(mentee=mentee, mentor=mentor, now=now)
    ask = Ask.objects.create(
        mentee=mentee,
        mentor=mentor,
        focus_areas=list(focus_areas),
        note=note.strip(),
        intro_minutes=intro_minutes,
        proposed_times=list(proposed_times),
        sent_at=now,
    )
    Transition.objects.create(ask=ask, actor=mentee.user, from_state="", to_state=ask.state, at=now)
    notices.ask_received(ask, now=now)
    # Imported here: the jobs module imports these services.
    from tandem.mentorships.tasks import ask_schedule_follow_ups

    ask_schedule_follow_ups(ask)
    return ask


def _role(ask: Ask, actor: User) -> str:
    return side_of(ask, actor, missing="No such request.")


def _locked(ask: Ask) -> Ask:
    return (
        Ask.objects.select_for_update(of=("self",))
        .select_related("mentee", "mentor")
        .get(pk=ask.pk)
    )


@transaction.atomic
def ask_accept(*, ask: Ask, actor: User, now: datetime) -> Mentorship:
    """The mentor says yes: a mentorship starts in `intro`, using one of their places."""
    ask = _locked(ask)
    ask_transition_check(ask=ask, to_state=Ask.State.ACCEPTED, role=_role(ask, actor))
    # The mentor's row lock makes concurrent accepts queue up: none can overfill.
    mentor = Profile.objects.select_for_update(no_key=True).get(pk=ask.mentor_id)
    if places_taken(mentor=mentor) >= mentor.capacity:
        raise AtCapacity("You're at capacity. Free a place, or raise your capacity, to accept.")
    if together(mentee=ask.mentee, mentor=mentor):
        raise RuleBroken("You already have a mentorship with this mentee.")
    ask.state, ask.decided_at = Ask.State.ACCEPTED, now
    ask.save(update_fields=["state", "decided_at", "updated_at"])
    _audit(ask=ask, actor=actor, from_state=Ask.State.PENDING, reason="", now=now)
    mentorship = Mentorship.objects.create(mentee=ask.mentee, mentor=ask.mentor, ask=ask)
    Transition.objects.create(
        mentorship=mentorship, actor=actor, from_state="", to_state=mentorship.state, at=now
    )
    mentor.places_taken = places_taken(mentor=mentor)
    mentor.save(update_fields=["places_taken", "updated_at"])
    notices.ask_accepted(ask, mentorship, now=now)
    return mentorship


@transaction.atomic
def ask_decline(
    *, ask: Ask, actor: User, now: datetime, reason: str = "", refer_to: Profile | None = None
) -> Ask:
    """The mentor says no, kindly; the reason stays private, a referral is shown to the mentee."""
    ask = _locked(ask)
    ask_transition_check(ask=ask, to_state=Ask.State.DECLINED, role=_role(ask, actor))
    if refer_to is not None and (
        refer_to.pk in (ask.mentee_id, ask.mentor_id) or not refer_to.accepts_requests
    ):
        raise RuleBroken(
            "Suggest another mentor who is taking requests right now.", field="refer_to"
        )
    ask.state, ask.decided_at = Ask.State.DECLINED, now
    ask.decline_reason, ask.referred_to = reason.strip(), refer_to
    ask.save(update_fields=["state", "decided_at", "decline_reason", "referred_to", "updated_at"])
    _audit(ask=ask, actor=actor, from_state=Ask.State.PENDING, reason=reason, now=now)
    notices.ask_declined(ask, now=now)
    return ask


@transaction.atomic
def ask_withdraw(*, ask: Ask, actor: User, now: datetime) -> Ask:
    """The mentee takes the request back."""
    ask = _locked(ask)
    ask_transition_check(ask=ask, to_state=Ask.State.WITHDRAWN, role=_role(ask, actor))
    ask.state, ask.decided_at = Ask.State.WITHDRAWN, now
    ask.save(update_fields=["state", "decided_at", "updated_at"])
    _audit(ask=ask, actor=actor, from_state=Ask.State.PENDING, reason="", now=now)
    notices.ask_withdrawn(ask, now=now)
    return ask


@transaction.atomic
def ask_expire(*, ask: Ask, now: datetime) -> Ask:
    """Fourteen days without an answer: the request lapses (the system's move)."""
    ask = _locked(ask)
    ask_transition_check(ask=ask, to_state=Ask.State.EXPIRED, role=SYSTEM)
    ask.state, ask.decided_at = Ask.State.EXPIRED, now
    ask.save(update_fields=["state", "decided_at", "updated_at"])
    _audit(
        ask=ask, actor=None, from_state=Ask.State.PENDING, reason="no answer in 14 days", now=now
    )
    notices.ask_expired(ask, now=now)
    return ask


# --- Mentorships (PRODUCT.md §4.2) -------------------------------------------------------

# Moves that only the agreement services make, so the agreement's state follows along.
AGREEMENT_MOVES = {
    (Mentorship.State.INTRO, Mentorship.State.PROPOSED),
    (Mentorship.State.PROPOSED, Mentorship.State.ACTIVE),
    (Mentorship.State.ACTIVE, Mentorship.State.ACTIVE),  # renewal
}
MIN_GOALS, MAX_GOALS = 2, 3


def _mentorship_role(mentorship: Mentorship, actor: User) -> str:
    return side_of(mentorship, actor, missing="No such mentorship.")


def _locked_mentorship(mentorship: Mentorship) -> Mentorship:
    return (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("mentee", "mentor")
        .get(pk=mentorship.pk)
    )


def _move(
    mentorship: Mentorship, *, actor: User, to_state: str, now: datetime, reason: str = ""
) -> Transition:
    role = _mentorship_role(mentorship, actor)
    mentorship_transition_check(mentorship=mentorship, to_state=to_state, role=role)
    from_state = mentorship.state
    mentorship.state = to_state
    mentorship.save(update_fields=["state", "updated_at"])
    if to_state not in (Mentorship.State.PROPOSED, Mentorship.State.ACTIVE):
        # A proposal or renewal still waiting can't be answered any more: it lapses with it.
        mentorship.agreements.filter(state=Agreement.State.PROPOSED).update(
            state=Agreement.State.DECLINED, updated_at=now
        )
    if (from_state in Mentorship.HOLDING_A_PLACE) != (to_state in Mentorship.HOLDING_A_PLACE):
        _places_recount(mentor_id=mentorship.mentor_id)
    return Transition.objects.create(
        mentorship=mentorship, actor=actor, from_state=from_state, to_state=to_state,
        reason=reason.strip(), at=now,
    )  # fmt: skip


@transaction.atomic
def mentorship_move(
    *, mentorship: Mentorship, actor: User, to_state: str, now: datetime, reason: str = ""
) -> Mentorship:
    """Close, pause, resume, complete or stay in touch; agreements have their own services."""
    mentorship = _locked_mentorship(mentorship)
    if (mentorship.state, to_state) in AGREEMENT_MOVES:
        raise IllegalTransition("That step happens through the agreement.")
    transition = _move(mentorship, actor=actor, to_state=to_state, now=now, reason=reason)
    notices.mentorship_changed(mentorship, transition, now=now)
    return mentorship


def _check_agreement(
    goals: Sequence[str], cadence: str, meeting_minutes: int, term_months: int
) -> None:
    if not MIN_GOALS <= len([g for g in goals if g.strip()]) <= MAX_GOALS:
        raise RuleBroken("Agree two or three goals.", field="goals")
    if cadence not in Agreement.Cadence.values:
        raise RuleBroken("Choose how often you'll meet.", field="cadence")
    if not 30 <= meeting_minutes <= 60:
        raise RuleBroken("Meetings last 30 to 60 minutes.", field="meeting_minutes")
    if not 1 <= term_months <= 24:
        raise RuleBroken("Choose a term of 1 to 24 months.", field="term_months")


@transaction.atomic
def agreement_propose(
    *,
    mentorship: Mentorship,
    actor: User,
    goals: Sequence[str],
    cadence: str,
    meeting_minutes: int,
    now: datetime,
    term_months: int = 12,
    channel: str = "",
    boundaries: str = "",
) -> Agreement:
    """After a good intro the mentee proposes goals, a rhythm and an end date (P9)."""
    mentorship = _locked_mentorship(mentorship)
    _check_agreement(goals, cadence, meeting_minutes, term_months)
    _move(mentorship, actor=actor, to_state=Mentorship.State.PROPOSED, now=now)
    agreement = _agreement_new(
        mentorship, actor=actor, goals=goals, cadence=cadence, meeting_minutes=meeting_minutes,
        term_months=term_months, channel=channel, boundaries=boundaries,
    )  # fmt: skip
    notices.agreement_proposed(agreement, now=now)
    return agreement


def _agreement_new(
    mentorship: Mentorship,
    *,
    actor: User,
    goals: Sequence[str],
    cadence: str,
    meeting_minutes: int,
    term_months: int,
    channel: str,
    boundaries: str,
) -> Agreement:
    version = mentorship.agreements.count() + 1
    return Agreement.objects.create(
        mentorship=mentorship, version=version, proposed_by=actor,
        goals=[g.strip() for g in goals if g.strip()], cadence=cadence,
        meeting_minutes=meeting_minutes, term_months=term_months, channel=channel.strip(),
        boundaries=boundaries.strip(),
    )  # fmt: skip


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


@transaction.atomic
def agreement_accept(*, mentorship: Mentorship, actor: User, now: datetime) -> Agreement:
    """The mentor agrees: the mentorship is active until the term ends."""
    mentorship = _locked_mentorship(mentorship)
    _move(mentorship, actor=actor, to_state=Mentorship.State.ACTIVE, now=now)
    agreement = mentorship.agreements.filter(state=Agreement.State.PROPOSED).latest("version")
    agreement.state = Agreement.State.ACCEPTED
    agreement.starts_on = now.date()
    agreement.ends_on = _add_months(now.date(), agreement.term_months)
    agreement.save(update_fields=["state", "starts_on", "ends_on", "updated_at"])
    goals_from_agreement(agreement)
    notices.agreement_answered(agreement, now=now)
    return agreement


@transaction.atomic
def agreement_decline(
    *, mentorship: Mentorship, actor: User, now: datetime, reason: str = ""
) -> Mentorship:
    """The mentor declines the regular arrangement; the mentorship closes without blame."""
    mentorship = _locked_mentorship(mentorship)
    if _mentorship_role(mentorship, actor) != MENTOR:
        raise IllegalTransition("The mentor answers the proposed agreement.")
    proposal = mentorship.agreements.filter(state=Agreement.State.PROPOSED).last()
    _move(mentorship, actor=actor, to_state=Mentorship.State.CLOSED, now=now, reason=reason)
    if proposal is not None:  # _move has marked it declined
        proposal.refresh_from_db()
        notices.agreement_answered(proposal, now=now)
    return mentorship


# --- Renewal at term end (active → active, a new agreement version) ----------------------

RENEWAL_WINDOW = timedelta(days=60)


def agreement_current(mentorship: Mentorship) -> Agreement | None:
    """The agreement in force: the latest accepted version."""
    return mentorship.agreements.filter(state=Agreement.State.ACCEPTED).order_by("version").last()


def renewal_open(mentorship: Mentorship, *, now: datetime) -> bool:
    """Renewal is offered from 60 days before the term ends (or any time after it ended)."""
    current = agreement_current(mentorship)
    return (
        mentorship.state == Mentorship.State.ACTIVE
        and current is not None
        and current.ends_on is not None
        and now.date() >= current.ends_on - RENEWAL_WINDOW
    )


@transaction.atomic
def renewal_propose(
    *,
    mentorship: Mentorship,
    actor: User,
    goals: Sequence[str],
    cadence: str,
    meeting_minutes: int,
    now: datetime,
    term_months: int = 12,
    channel: str = "",
    boundaries: str = "",
) -> Agreement:
    """Either side proposes another term near the end of this one; the other side answers."""
    mentorship = _locked_mentorship(mentorship)
    _renewal_check(mentorship, actor)
    if not renewal_open(mentorship, now=now):
        raise RuleBroken("Renewal opens 60 days before the term ends.")
    if mentorship.agreements.filter(state=Agreement.State.PROPOSED).exists():
        raise RuleBroken("A renewal is already waiting for an answer.")
    _check_agreement(goals, cadence, meeting_minutes, term_months)
    agreement = _agreement_new(
        mentorship, actor=actor, goals=goals, cadence=cadence, meeting_minutes=meeting_minutes,
        term_months=term_months, channel=channel, boundaries=boundaries,
    )  # fmt: skip
    notices.renewal_proposed(agreement, now=now)
    return agreement


def _renewal_check(mentorship: Mentorship, actor: User) -> None:
    """Renewal is the table's active → active move, so only an active mentorship renews."""
    role = _mentorship_role(mentorship, actor)
    if mentorship.state != Mentorship.State.ACTIVE:
        raise IllegalTransition("Only an active mentorship can be renewed.")
    mentorship_transition_check(mentorship=mentorship, to_state=Mentorship.State.ACTIVE, role=role)


def _pending_renewal(mentorship: Mentorship, actor: User) -> tuple[Agreement, Agreement]:
    _renewal_check(mentorship, actor)
    proposal = mentorship.agreements.filter(state=Agreement.State.PROPOSED).last()
    current = agreement_current(mentorship)
    if proposal is None or current is None:
        raise IllegalTransition("There is no renewal waiting for an answer.")
    if proposal.proposed_by_id == actor.pk:
        raise IllegalTransition("The other side answers your renewal proposal.")
    return proposal, current


@transaction.atomic
def renewal_accept(*, mentorship: Mentorship, actor: User, now: datetime) -> Agreement:
    """Both want another term: the new version starts where the current one ends."""
    mentorship = _locked_mentorship(mentorship)
    proposal, current = _pending_renewal(mentorship, actor)
    proposal.state = Agreement.State.ACCEPTED
    proposal.starts_on = max(current.ends_on or now.date(), now.date())
    proposal.ends_on = _add_months(proposal.starts_on, proposal.term_months)
    proposal.save(update_fields=["state", "starts_on", "ends_on", "updated_at"])
    goals_from_agreement(proposal)
    Transition.objects.create(
        mentorship=mentorship, actor=actor, from_state=mentorship.state,
        to_state=mentorship.state, reason=f"renewed (agreement v{proposal.version})", at=now,
    )  # fmt: skip
    notices.agreement_answered(proposal, now=now)
    return proposal


@transaction.atomic
def renewal_decline(*, mentorship: Mentorship, actor: User, now: datetime) -> Agreement:
    """Not another term; the current one runs to its end as agreed."""
    mentorship = _locked_mentorship(mentorship)
    proposal, _ = _pending_renewal(mentorship, actor)
    proposal.state = Agreement.State.DECLINED
    proposal.save(update_fields=["state", "updated_at"])
    notices.agreement_answered(proposal, now=now)
    return proposal


# --- Feedback when a mentorship ends (P11) ------------------------------------------------

ENDED = (Mentorship.State.COMPLETED, Mentorship.State.CLOSED, Mentorship.State.ALUMNI)
TERM_REVIEW_WINDOW = timedelta(days=30)


def term_review_open(mentorship: Mentorship, *, now: datetime) -> bool:
    """The last 30 days of an active term (and after its end, until it is renewed or ends)."""
    current = agreement_current(mentorship)
    return (
        mentorship.state == Mentorship.State.ACTIVE
        and current is not None
        and current.ends_on is not None
        and now.date() >= current.ends_on - TERM_REVIEW_WINDOW
    )


FEEDBACK_TEXT_MAX = 500


def feedback_texts_check(*, helped: str, better: str, appreciated: str) -> dict[str, str]:
    """The three feedback texts, stripped; any over the limit is a field error."""
    texts = {"helped": helped, "better": better, "appreciated": appreciated}
    for field, text in texts.items():
        if len(text) > FEEDBACK_TEXT_MAX:
            raise RuleBroken(f"Keep it to {FEEDBACK_TEXT_MAX} characters.", field=field)
    return {field: text.strip() for field, text in texts.items()}


@transaction.atomic
def feedback_give(
    *,
    mentorship: Mentorship,
    actor: User,
    rating: int,
    now: datetime,
    helped: str = "",
    better: str = "",
    appreciated: str = "",
    occasion: str = Feedback.Occasion.ENDING,
) -> Feedback:
    """One side tells the other how it went, once per occasion: the term review in the
    last 30 days of the term, and the review when the mentorship has ended."""
    mentorship = _locked_mentorship(mentorship)
    _mentorship_role(mentorship, actor)
    if occasion == Feedback.Occasion.TERM_REVIEW:
        if not term_review_open(mentorship, now=now):
            raise IllegalTransition("The term review opens 30 days before the term ends.")
    elif mentorship.state not in ENDED:
        raise IllegalTransition("Feedback on the whole mentorship comes once it has ended.")
    if not 1 <= rating <= 5:
        raise RuleBroken("Choose a rating from 1 to 5.", field="rating")
    texts = feedback_texts_check(helped=helped, better=better, appreciated=appreciated)
    if Feedback.objects.filter(mentorship=mentorship, author=actor, occasion=occasion).exists():
        raise RuleBroken("You've already shared your feedback. Thank you!")
    feedback = Feedback.objects.create(
        mentorship=mentorship, author=actor, occasion=occasion, rating=rating,
        **texts,
    )  # fmt: skip
    notices.feedback_received(feedback, now=now)
    return feedback
