"""Writes for the ask (PRODUCT.md §4.1): send, accept, decline, withdraw, and the lapse."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tandem.accounts.models import User, name_of
from tandem.core.errors import RuleBroken
from tandem.core.paths import path_to
from tandem.mentorships import notices, tasks
from tandem.mentorships.lifecycles import ASK
from tandem.mentorships.models import Ask, Mentorship, Transition
from tandem.mentorships.notices import WaitingAsk
from tandem.mentorships.rules import (
    EXPIRE_AFTER,
    AtCapacity,
    ask_content_check,
    ask_new_check,
    places_taken,
    together,
)
from tandem.mentorships.sides import SYSTEM, sides_of
from tandem.notifications.services import notify_many
from tandem.profiles.models import Profile

EXPIRED_REASON = "no answer in 14 days"


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


# What the sweep's notices say about an ask and its two people, read as plain values: building
# five model instances an ask (the ask, two profiles, two users) took most of the sweep's time.
_WAITING = (
    "pk",
    "sent_at",
    "intro_minutes",
    *(
        f"{side}__user__{field}"
        for side in ("mentee", "mentor")
        for field in ("id", "first_name", "last_name", "email", "deleted_at")
    ),
)


def asks_locked(asks: QuerySet[Ask]) -> list[WaitingAsk]:
    """What the notices need of these asks, their rows locked in id order (two sweeps
    locking overlapping sets cannot deadlock); the caller's filter is re-checked under it."""
    rows = asks.select_for_update(of=("self",)).order_by("pk").values_list(*_WAITING)
    return [_waiting(row) for row in rows]


def _waiting(row: tuple[Any, ...]) -> WaitingAsk:
    """One row of `_WAITING`; the link as `Ask.get_absolute_url` makes it (building an Ask
    to ask it costs more than the rest of the row)."""

    def name(first_name: str, last_name: str, email: str, deleted_at: datetime | None) -> str:
        return name_of(first_name, last_name, email, deleted=deleted_at is not None)

    return WaitingAsk(
        pk=row[0], url=path_to("mentorships:ask", ask_id=row[0]), sent_at=row[1],
        intro_minutes=row[2],
        mentee_user_id=row[3], mentee_name=name(*row[4:8]),
        mentor_user_id=row[8], mentor_name=name(*row[9:13]),
    )  # fmt: skip


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
    _decide(ask, actor=None, to_state=Ask.State.EXPIRED, now=now, reason=EXPIRED_REASON)
    notices.ask_expired(ask, now=now)
    return ask


@transaction.atomic
def asks_expire(*, ids: Sequence[int], now: datetime) -> int:
    """`ask_expire` for many asks at once (the sweep): those of `ids` still pending at day 14
    lapse with one UPDATE, their audit rows and notices written in bulk; how many lapsed now.

    Safe beside the asks' own jobs and a second sweep: the rows are locked and the state and
    age re-checked under the lock, and each notice is one per cause (a unique constraint).
    """
    ASK.check(state=Ask.State.PENDING, to_state=Ask.State.EXPIRED, role=SYSTEM)
    asks = asks_locked(
        Ask.objects.filter(pk__in=ids, state=Ask.State.PENDING, sent_at__lte=now - EXPIRE_AFTER)
    )
    if not asks:
        return 0
    # QuerySet.update leaves auto_now alone: updated_at is set as save() would set it.
    Ask.objects.filter(pk__in=[ask.pk for ask in asks]).update(
        state=Ask.State.EXPIRED, decided_at=now, updated_at=timezone.now()
    )
    Transition.objects.bulk_create(
        Transition(
            ask_id=ask.pk,
            actor=None,
            from_state=Ask.State.PENDING,
            to_state=Ask.State.EXPIRED,
            reason=EXPIRED_REASON,
            at=now,
        )
        for ask in asks
    )
    notify_many((n for ask in asks for n in notices.ask_expired_notices(ask)), now=now)
    return len(asks)


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
