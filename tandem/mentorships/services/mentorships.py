"""Writes for the mentorship's plain moves (PRODUCT.md §4.2): close, pause, resume, complete,
stay in touch; and the one transition step the agreement services share."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.errors import IllegalTransition
from tandem.mentorships import notices
from tandem.mentorships.lifecycles import AGREEMENT_MOVES, MENTORSHIP
from tandem.mentorships.models import Agreement, Mentorship, Transition
from tandem.mentorships.rules import ENDED, places_taken
from tandem.mentorships.services.goals import goals_settle
from tandem.mentorships.sides import sides_of
from tandem.profiles.models import Profile

MISSING = "No such mentorship."

# What apps above this one do when a mentorship ends (closed or completed), inside the ending
# move's transaction: the meetings app calls off the pair's meetings still ahead. Registered
# at start-up (the meetings AppConfig.ready), as matching's providers are.
EndedHook = Callable[..., None]  # (mentorship, *, actor, now)
_ended_hooks: list[EndedHook] = []


def ended_hook_register(hook: EndedHook) -> None:
    """Add a hook once (ready() may run more than once in tests)."""
    if hook not in _ended_hooks:
        _ended_hooks.append(hook)


def mentorship_lock(mentorship: Mentorship) -> Mentorship:
    """The mentorship re-read under its row lock, with both sides."""
    return (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("mentee", "mentor")
        .get(pk=mentorship.pk)
    )


def _places_recount(*, mentor_id: int) -> None:
    """Refresh the mentor's stored count under their row lock (directory and matching read it)."""
    mentor = Profile.objects.select_for_update(no_key=True).get(pk=mentor_id)
    mentor.places_taken = places_taken(mentor=mentor)
    mentor.save(update_fields=["places_taken", "updated_at"])


def mentorship_transition(
    mentorship: Mentorship, *, actor: User, to_state: str, now: datetime, reason: str = ""
) -> Transition:
    """Move a locked mentorship if the table allows this actor to, with its audit row.

    A proposal still waiting lapses once the mentorship leaves proposed or active, the
    mentor's places are recounted when the move starts or stops holding one, and the ended
    hooks run when it ends.
    """
    role = sides_of(mentorship, actor, missing=MISSING).role
    MENTORSHIP.check(state=mentorship.state, to_state=to_state, role=role)
    from_state = mentorship.state
    mentorship.state = to_state
    mentorship.save(update_fields=["state", "updated_at"])
    if to_state not in (Mentorship.State.PROPOSED, Mentorship.State.ACTIVE):
        mentorship.agreements.filter(state=Agreement.State.PROPOSED).update(
            state=Agreement.State.DECLINED, updated_at=now
        )
    if (from_state in Mentorship.HOLDING_A_PLACE) != (to_state in Mentorship.HOLDING_A_PLACE):
        _places_recount(mentor_id=mentorship.mentor_id)
    if to_state in ENDED and from_state not in ENDED:
        for hook in _ended_hooks:
            hook(mentorship, actor=actor, now=now)
    return Transition.objects.create(
        mentorship=mentorship, actor=actor, from_state=from_state, to_state=to_state,
        reason=reason.strip(), at=now,
    )  # fmt: skip


@transaction.atomic
def mentorship_move(
    *, mentorship: Mentorship, actor: User, to_state: str, now: datetime, reason: str = "",
    achieved_goals: Collection[int] | None = None,
) -> Mentorship:  # fmt: skip
    """Close, pause, resume, complete or stay in touch; agreements have their own services.

    Completing asks which of the agreement's goals were reached: `achieved_goals` (goal ids,
    None when the question wasn't asked) is recorded on the goals in the same transaction.
    """
    mentorship = mentorship_lock(mentorship)
    if (mentorship.state, to_state) in AGREEMENT_MOVES:
        raise IllegalTransition("That step happens through the agreement.")
    transition = mentorship_transition(
        mentorship, actor=actor, to_state=to_state, now=now, reason=reason
    )
    if to_state == Mentorship.State.COMPLETED and achieved_goals is not None:
        goals_settle(mentorship=mentorship, actor=actor, achieved=achieved_goals, now=now)
    notices.mentorship_changed(mentorship, transition, now=now)
    return mentorship


def mentorship_intro_held(*, mentorship: Mentorship, now: datetime) -> None:
    """Record that the pair has held a meeting, once: the intro is behind them, so the mentee
    may propose an agreement. The meeting services call it inside their transaction when a
    meeting is marked held; a later meeting changes nothing."""
    first = Mentorship.objects.filter(pk=mentorship.pk, intro_held_at=None).update(
        intro_held_at=now, updated_at=now
    )
    if first:
        mentorship.intro_held_at = now
