"""Organizations people work or study at; programs are run by them later on."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from tandem.core.models import BaseModel
from tandem.organizations.choices import Industry


class Organization(BaseModel):
    """A company, university or association."""

    class Kind(models.TextChoices):
        COMPANY = "company", "Company"
        UNIVERSITY = "university", "University or school"
        ASSOCIATION = "association", "Professional association"
        PUBLIC_BODY = "public_body", "Public body"
        NONPROFIT = "nonprofit", "Non-profit"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    industry = models.CharField(max_length=30, choices=Industry.choices, blank=True)
    # Set by staff, never by members: people whose verified email is at this domain count
    # as insiders for "only my organization" visibility. Anyone can type an organization's
    # name on their profile, so the name alone proves nothing.
    email_domain = models.CharField(
        max_length=120,
        blank=True,
        help_text="e.g. acme.com. People with a verified email here see organization-only "
        "profiles.",
    )
    # Made when someone typed a name Tandem didn't know on their profile (their organization
    # or a competitor): removed again once nothing refers to it, so typing never fills the
    # table. Staff untick it (or set a domain) to keep one for good.
    named_on_profile = models.BooleanField(
        default=False,
        help_text="Typed on a profile; removed once no profile, program or member refers to it.",
    )

    class Meta:
        ordering = ("name", "id")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organizations_name_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """A person's role in an organization: a member, or a program manager who runs its programs.

    Roles are given by staff or by another manager of the same organization, never taken.
    """

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        MANAGER = "manager", "Program manager"

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("organization", "user")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="organizations_one_role_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} is {self.role} of {self.organization_id}"
