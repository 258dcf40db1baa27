"""Is this person verified at this organization? The one rule, used everywhere it matters:
the "only my organization" circle, the open programs of an organization, and the
"confirmed" mark beside the organization on a profile.

A person is verified at an organization when they have confirmed an email address at the
domain staff set for it (`Organization.email_domain`), or when staff or one of its managers
gave them a role in it (`Membership`). Typing the organization's name on a profile is never
enough: anyone can type "Harbourvine Bank".

`verified_exists` is the rule as a query expression, for any user and organization (a value
or an `OuterRef`); the helpers below only point it at a person or a profile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat

from tandem.core.compiled import CompiledQuery
from tandem.organizations.models import Membership, Organization

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def verified_exists(*, user: Any, organization: Any, email_domain: Any) -> Q:
    """True where `user` is verified at `organization` (whose email domain is `email_domain`).

    Each argument is a value or an `OuterRef`. An empty domain matches no address (no
    address ends in a bare "@"), so only a role counts there."""
    address = EmailAddress.objects.filter(
        user=user, verified=True, email__iendswith=Concat(Value("@"), email_domain)
    )
    role = Membership.objects.filter(user=user, organization=organization)
    return Q(Exists(address)) | Q(Exists(role))


def organizations_verified(user: User) -> QuerySet[Organization]:
    """The organizations this person is verified at (none when signed out)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return _verified_at(user.pk)


def _verified_at(user_id: int) -> QuerySet[Organization]:
    return Organization.objects.filter(
        verified_exists(
            user=user_id, organization=OuterRef("pk"), email_domain=OuterRef("email_domain")
        )
    )


# The very query `organizations_verified` makes, compiled once per process: recommendations
# ask it on every list (building its EXISTS and LIKE cost more CPU than running it).
_VERIFIED_IDS = CompiledQuery(lambda user_id: _verified_at(user_id).order_by().values_list("id"))


def organization_ids_verified(*, user_id: int) -> list[int]:
    """The ids of `organizations_verified` for this account (a signed-in person), in any
    order: the same rule, read by the account's id alone."""
    return [pk for (pk,) in _VERIFIED_IDS.rows(user_id)]


def is_verified_at(user: User, organization: Organization | None) -> bool:
    """Whether this person is verified at this organization."""
    if organization is None:
        return False
    return organizations_verified(user).filter(pk=organization.pk).exists()


def owner_verified(*, user_path: str = "user", organization_path: str = "organization") -> Q:
    """For a query over profiles (or anything with a user and an organization): whether its
    person is verified at its organization, to annotate "confirmed" marks in one query."""
    return verified_exists(
        user=OuterRef(user_path),
        organization=OuterRef(organization_path),
        email_domain=OuterRef(f"{organization_path}__email_domain"),
    )
