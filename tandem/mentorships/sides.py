"""Which side of an ask or a mentorship a person is on, and who is on the other side."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from tandem.accounts.models import User
from tandem.core.errors import NotFound
from tandem.profiles.models import Profile

MENTEE, MENTOR, SYSTEM = "mentee", "mentor", "system"


class HasSides(Protocol):
    """An ask or a mentorship: a mentee and a mentor profile."""

    @property
    def mentee(self) -> Profile: ...

    @property
    def mentor(self) -> Profile: ...


@dataclass(frozen=True)
class Sides:
    """One person's view of a pair: their role, their own profile and the other side's."""

    role: str  # MENTEE or MENTOR
    me: Profile
    other: Profile


def sides_of(pair: HasSides, user: User | int | None, *, missing: str = "Not found.") -> Sides:
    """The person's side of the pair (by user or user id); NotFound saying `missing` if they
    are on neither side."""
    user_id = user.pk if isinstance(user, User) else user
    if pair.mentor.user_id == user_id:
        return Sides(MENTOR, pair.mentor, pair.mentee)
    if pair.mentee.user_id == user_id:
        return Sides(MENTEE, pair.mentee, pair.mentor)
    raise NotFound(missing)
