"""The ask's state machine (PRODUCT.md §4.1): one table says who may move it where.

pending --mentor accepts--> accepted   (creates the mentorship in `intro`)
pending --mentor declines--> declined  (optional private reason, optional referral)
pending --mentee withdraws--> withdrawn
pending --day 14, no answer--> expired (the system)
"""

from __future__ import annotations

from typing import Protocol

from tandem.accounts.models import User
from tandem.mentorships.models import Ask
from tandem.profiles.models import Profile

MENTEE, MENTOR, SYSTEM = "mentee", "mentor", "system"

TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (Ask.State.PENDING, Ask.State.ACCEPTED): frozenset({MENTOR}),
    (Ask.State.PENDING, Ask.State.DECLINED): frozenset({MENTOR}),
    (Ask.State.PENDING, Ask.State.WITHDRAWN): frozenset({MENTEE}),
    (Ask.State.PENDING, Ask.State.EXPIRED): frozenset({SYSTEM}),
}


class AskError(Exception):
    """A refused ask operation; `status` is the HTTP status a page or API answers with."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotYours(AskError):
    """The person is on neither side of this ask (pages answer 404: it isn't theirs to see)."""

    status = 404


class IllegalTransition(AskError):
    """This move is not allowed from this state, or not for this person."""

    status = 409


class RuleBroken(AskError):
    """A rule of §4.1 stops it: caps, duplicates, cool-down, pause."""

    status = 409


class AtCapacity(RuleBroken):
    """The mentor has no free place."""


class HasSides(Protocol):
    """An ask or a mentorship: a mentee and a mentor profile."""

    @property
    def mentee(self) -> Profile: ...

    @property
    def mentor(self) -> Profile: ...


def side_of(pair: HasSides, actor: User, *, missing: str) -> str:
    """MENTOR or MENTEE for the actor; NotYours (a 404 saying `missing`) for anyone else."""
    if pair.mentor.user_id == actor.pk:
        return MENTOR
    if pair.mentee.user_id == actor.pk:
        return MENTEE
    raise NotYours(missing)


def ask_transition_check(*, ask: Ask, to_state: str, role: str) -> None:
    """Raise IllegalTransition unless `role` may move `ask` to `to_state` now."""
    allowed = TRANSITIONS.get((ask.state, to_state))
    if allowed is None:
        raise IllegalTransition(
            f"This request is {ask.get_state_display().lower()}, so it can't be "
            f"{Ask.State(to_state).label.lower()} now."
        )
    if role not in allowed:
        raise IllegalTransition("Only the other side of this request can do that.")
