"""Writes for the ask (PRODUCT.md §4.1): send, accept, decline, withdraw, and the lapse."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.errors import RuleBroken
from tandem.mentorships import notices, tasks
from tandem.mentorships.lifecycles import ASK
from tandem.mentorships.models import Ask, Mentorship, Transition
from tandem.mentorships.rules import (
    AtCapacity,
    ask_content_check,
    ask_new_check,
    places_taken,
    together,
)
from tandem.mentorships.sides import SYSTEM, sides_of
from tandem.profiles.models import Profile


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
    ask_content_check(
        focus_areas=focus_areas, note=note, intro_minutes=intro_minutes,
        proposed_times=proposed_times,
    )  # fmt: skip
    # Lock the mentee's row so two asks sent at once cannot both pass the cap.
    # (NO KEY: two people who mentor each other can ask each other at once without deadlock.)
    Profile.objects.select_for_update(no_key=True).filter(pk=mentee.pk).first()
    ask_new_check(mentee=mentee, mentor=mentor, now=now)
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
    tasks.ask_schedule_follow_ups(ask)
    return ask


def _locked(ask: Ask) -> Ask:
    return (
        Ask.objects.select_for_update(of=("self",))
        .select_related("mentee", "mentor")
        .get(pk=ask.pk)
    )


def _decide(
    ask: Ask, *, actor: User | None, to_state: str, now: datetime, reason: str = "",
    fields: Sequence[str] = (),
) -> None:  # fmt: skip
    """Move a pending ask to its answer, with the audit row (the table was checked already)."""
    ask.state, ask.decided_at = to_state, now
    ask.save(update_fields=["state", "decided_at", *fields, "updated_at"])
    Transition.objects.create(
        ask=ask, actor=actor, from_state=Ask.State.PENDING, to_state=to_state, reason=reason,
        at=now,
    )  # fmt: skip


def _check(ask: Ask, actor: User, to_state: str) -> None:
    role = sides_of(ask, actor, missing="No such request.").role
    ASK.check(state=ask.state, to_state=to_state, role=role)


@transaction.atomic
def ask_accept(
    *, ask: Ask, actor: User, now: datetime, intro_at: datetime | None = None
) -> Mentorship:
    """The mentor says yes: a mentorship starts in `intro`, using one of their places.

    `intro_at` is the suggested time the mentor picked when the meetings app books the intro
    in the same step; the mentee's notice then says when they meet.
    """
    ask = _locked(ask)
    _check(ask, actor, Ask.State.ACCEPTED)
    # The mentor's row lock makes concurrent accepts queue up: none can overfill.
    mentor = Profile.objects.select_for_update(no_key=True).get(pk=ask.mentor_id)
    if places_taken(mentor=mentor) >= mentor.capacity:
        raise AtCapacity("You're at capacity. Free a place, or raise your capacity, to accept.")
    if together(mentee=ask.mentee, mentor=mentor):
        raise RuleBroken("You already have a mentorship with this mentee.")
    _decide(ask, actor=actor, to_state=Ask.State.ACCEPTED, now=now)
    mentorship = Mentorship.objects.create(mentee=ask.mentee, mentor=ask.mentor, ask=ask)
    Transition.objects.create(
        mentorship=mentorship, actor=actor, from_state="", to_state=mentorship.state, at=now
    )
    mentor.places_taken = places_taken(mentor=mentor)
    mentor.save(update_fields=["places_taken", "updated_at"])
    notices.ask_accepted(ask, mentorship, intro_at=intro_at, now=now)
    return mentorship


@transaction.atomic
def ask_decline(
    *, ask: Ask, actor: User, now: datetime, reason: str = "", refer_to: Profile | None = None
) -> Ask:
    """The mentor says no, kindly; the reason stays private, a referral is shown to the mentee."""
    ask = _locked(ask)
    _check(ask, actor, Ask.State.DECLINED)
    if refer_to is not None and (
        refer_to.pk in (ask.mentee_id, ask.mentor_id) or not refer_to.accepts_requests
    ):
        raise RuleBroken(
            "Suggest another mentor who is taking requests right now.", field="refer_to"
        )
    ask.decline_reason, ask.referred_to = reason.strip(), refer_to
    _decide(
        ask, actor=actor, to_state=Ask.State.DECLINED, now=now, reason=reason,
        fields=("decline_reason", "referred_to"),
    )  # fmt: skip
    notices.ask_declined(ask, now=now)
    return ask


@transaction.atomic
def ask_withdraw(*, ask: Ask, actor: User, now: datetime) -> Ask:
    """The mentee takes the request back."""
    ask = _locked(ask)
    _check(ask, actor, Ask.State.WITHDRAWN)
    _decide(ask, actor=actor, to_state=Ask.State.WITHDRAWN, now=now)
    notices.ask_withdrawn(ask, now=now)
    return ask


@transaction.atomic
def ask_expire(*, ask: Ask, now: datetime) -> Ask:
    """Fourteen days without an answer: the request lapses (the system's move)."""
    ask = _locked(ask)
    ASK.check(state=ask.state, to_state=Ask.State.EXPIRED, role=SYSTEM)
    _decide(ask, actor=None, to_state=Ask.State.EXPIRED, now=now, reason="no answer in 14 days")
    notices.ask_expired(ask, now=now)
    return ask


def asks_end_for_block(*, owner: User, other_id: int, now: datetime) -> int:
    """`owner` blocked `other_id`: the asks still waiting between them end, through the
    ordinary moves, so the other person sees only what any answer looks like (never the block).
    The owner's own ask is withdrawn; one the other sent the owner is declined, with no reason
    and no referral. A live mentorship is left alone: closing it is the owner's own choice.
    Registered with `moderation.blocks.on_block_register`; returns how many asks ended."""
    waiting = Ask.objects.filter(state=Ask.State.PENDING).select_related("mentee", "mentor")
    mine = list(waiting.filter(mentee__user=owner, mentor__user_id=other_id))
    theirs = list(waiting.filter(mentee__user_id=other_id, mentor__user=owner))
    for ask in mine:
        ask_withdraw(ask=ask, actor=owner, now=now)
    for ask in theirs:
        ask_decline(ask=ask, actor=owner, now=now)
    return len(mine) + len(theirs)
