"""Invitation links: signed, expiring, for one program and one email address.

The token carries the program's id, the address and the moment it was issued, signed with the
site's secret (`django.core.signing`, with its own salt), so nobody can change the program or
the address, and nothing is stored: the link itself is the invitation. It is good for
`INVITATION_MAX_AGE` (14 days) from `issued`, judged against the `now` the caller passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from allauth.account.models import EmailAddress
from django.core import signing

from tandem.accounts.models import User
from tandem.core.errors import DomainError
from tandem.programs.rules import INVITATION_MAX_AGE

SALT = "tandem.programs.invitation"
INVALID = (
    "This invitation link isn't complete, or it was changed. Open it again from the email, "
    "with the whole link."
)
NOT_YOURS = (
    "This invitation was sent to another email address. Sign in with the address it was sent "
    "to, or add that address to your account and confirm it, then open the link again."
)
GONE = "The program this invitation was for has ended on Tandem."


class InvitationRefused(DomainError):
    """An invitation link that cannot be used by this person (the page says why; 404)."""

    status = 404


class InvitationExpired(InvitationRefused):
    status = 410


@dataclass(frozen=True)
class Invitation:
    program_id: int
    email: str
    issued: datetime

    @property
    def expires(self) -> datetime:
        return self.issued + INVITATION_MAX_AGE

    def expired(self, now: datetime) -> bool:
        return now >= self.expires

    def addressed_to(self, emails: set[str]) -> bool:
        return self.email.lower() in emails


def invitation_token(*, program_id: int, email: str, now: datetime) -> str:
    """The token for an invitation link (URL-safe)."""
    payload = {"p": program_id, "e": email.strip().lower(), "t": int(now.timestamp())}
    return signing.dumps(payload, salt=SALT, compress=True)


def invitation_read(token: str) -> Invitation | None:
    """The invitation a token carries, or None if it was changed or is not one of ours."""
    try:
        payload = signing.loads(token, salt=SALT)
        return Invitation(
            program_id=int(payload["p"]), email=str(payload["e"]),
            issued=datetime.fromtimestamp(int(payload["t"]), tz=UTC),
        )  # fmt: skip
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def emails_of(user: User) -> set[str]:
    """The account's address and every address it has confirmed, lowercased."""
    confirmed = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    return {user.email.lower(), *(email.lower() for email in confirmed)}


def invitation_problem(
    invitation: Invitation | None, *, user: User, now: datetime
) -> InvitationRefused | None:
    """Why `user` cannot accept this invitation now (changed, expired, someone else's), or
    None. The page and the service read the same answer."""
    if invitation is None:
        return InvitationRefused(INVALID)
    if invitation.expired(now):
        return InvitationExpired(
            f"This invitation expired on {invitation.expires:%-d %B %Y}. Ask the program's "
            "managers to send you a new one."
        )
    if not invitation.addressed_to(emails_of(user)):
        return InvitationRefused(NOT_YOURS)
    return None
