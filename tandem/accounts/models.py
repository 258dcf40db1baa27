"""The person who signs in: an email address, a name and Django's permission flags."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower

PROGRAM_MANAGERS_GROUP = "Program managers"
# How a deleted account is named wherever its old records still show (privacy app).
FORMER_MEMBER = "a former member"
# A deleted account's email becomes deleted-<id> at this reserved domain (RFC 2606: nothing
# can be sent there), freeing the real address and marking the row in name-only reads.
DELETED_EMAIL_DOMAIN = "deleted.invalid"


def deleted_email(user_id: int) -> str:
    """The placeholder address a deleted account keeps (the column is unique)."""
    return f"deleted-{user_id}@{DELETED_EMAIL_DOMAIN}"


def is_deleted_email(email: str) -> bool:
    """Is this the placeholder of a deleted account (for reads that load only name fields)."""
    return email.lower().endswith("@" + DELETED_EMAIL_DOMAIN)


def name_of(first_name: str, last_name: str, email: str, *, deleted: bool = False) -> str:
    """The words for a person: their name if they gave one, else the part of the email before
    the @; "a former member" once the account is deleted. The one place these words live."""
    if deleted:
        return FORMER_MEMBER
    return f"{first_name} {last_name}".strip() or email.split("@", 1)[0]


class UserManager(DjangoUserManager["User"]):
    """Creates users keyed by email instead of a username."""

    use_in_migrations = True

    def _create_user_by_email(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user_by_email(email, password, **extra)

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user_by_email(email, password, **extra)


class User(AbstractUser):
    """A Tandem account. Email is the login; there is no username."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    # Set when the person deleted their account: the row stays, emptied, so the other side's
    # records (mentorships, meetings, notes) keep pointing at someone ("a former member").
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ("email", "id")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        # allauth looks emails up lowercased; an admin typing capitals must not lock anyone out.
        super().clean()
        self.email = self.email.strip().lower()

    @property
    def display_name(self) -> str:
        """The person's name if they gave one, else the part of the email before the @."""
        return name_of(self.first_name, self.last_name, self.email, deleted=self.is_former_member)

    @property
    def is_former_member(self) -> bool:
        """The person deleted their account; only what others keep still shows them."""
        return self.deleted_at is not None

    @property
    def is_program_manager(self) -> bool:
        """Program managers run programs for an organization (a group, so admins can grant it)."""
        return any(group.name == PROGRAM_MANAGERS_GROUP for group in self.groups.all())


def program_managers_group() -> Group:
    """The group that grants the program-manager role."""
    group, _ = Group.objects.get_or_create(name=PROGRAM_MANAGERS_GROUP)
    return group
