"""Who manages which organization: the one place that says who may run programs where."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet

from tandem.core.errors import NotFound
from tandem.organizations.models import Membership, Organization

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def managed_organizations(user: User) -> QuerySet[Organization]:
    """Organizations this person runs programs for (every one, for staff)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    if user.is_staff:
        return Organization.objects.all()
    return Organization.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.MANAGER
    )


def is_manager(user: User, organization: Organization) -> bool:
    """True for staff and for this organization's program managers."""
    return managed_organizations(user).filter(pk=organization.pk).exists()


@transaction.atomic
def role_grant(
    *, organization: Organization, user: User, role: str, actor: User | None
) -> Membership:
    """Give `user` a role in `organization`; only staff or one of its managers may (`actor`
    None: an operator's command or the demo loader).

    Someone who may not manage the organization learns nothing about it (404).
    """
    if role not in Membership.Role.values:
        raise ValueError(f"Unknown role {role!r}.")
    if actor is not None and not is_manager(actor, organization):
        raise NotFound("No such organization.")
    membership, _ = Membership.objects.update_or_create(
        organization=organization, user=user, defaults={"role": role, "granted_by": actor}
    )
    return membership


def member_add(*, organization: Organization, user: User) -> Membership:
    """Record `user` as a member (an import or an enrollment); an existing role is kept."""
    membership, _ = Membership.objects.get_or_create(organization=organization, user=user)
    return membership
