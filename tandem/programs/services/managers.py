"""Giving a member of an organization the program manager role, from one of its programs.

Only staff and the organization's own managers may (`organizations.roles.role_grant`); the
person must already be a member (they joined or were imported into one of its programs), so
typing an address never tells anyone whether an account exists.
"""

from __future__ import annotations

from django.db import transaction

from tandem.accounts.models import User
from tandem.organizations.models import Membership
from tandem.organizations.roles import role_grant
from tandem.programs.models import Program
from tandem.programs.rules import ProgramInputError


@transaction.atomic
def manager_grant(*, program: Program, email: str, actor: User) -> Membership:
    """Make the member with this address a manager of the program's organization."""
    organization = program.organization
    membership = (
        Membership.objects.select_related("user")
        .filter(organization=organization, user__email__iexact=email.strip())
        .first()
    )
    if membership is None:
        raise ProgramInputError(
            f"No member of {organization.name} has that address. People become members when "
            "they join or are imported into one of its programs.",
            field="email",
        )
    return role_grant(
        organization=organization, user=membership.user, role=Membership.Role.MANAGER, actor=actor
    )
