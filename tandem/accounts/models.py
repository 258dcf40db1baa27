"""The person who signs in: an email address, a name and Django's permission flags."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower

PROGRAM_MANAGERS_GROUP = "Program managers"


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
        full = self.get_full_name().strip()
        return full or self.email.split("@", 1)[0]

    @property
    def is_program_manager(self) -> bool:
        """Program managers run programs for an organization (a group, so admins can grant it)."""
        return any(group.name == PROGRAM_MANAGERS_GROUP for group in self.groups.all())


def program_managers_group() -> Group:
    """The group that grants the program-manager role."""
    group, _ = Group.objects.get_or_create(name=PROGRAM_MANAGERS_GROUP)
    return group
