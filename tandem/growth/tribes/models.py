"""Tribes: groups by interest (one per category of the skills taxonomy) or by profession (a job
function no category already covers), which people join to find peers and mentors beyond
their own organization. Tribes are derived, never made by hand: see `catalogue.py`.

Joining is the one thing a person chooses to show: signed-in people browsing a tribe see its
members. Nothing else of theirs is shown there, and their profile only to those who may see it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.core.models import BaseModel


class TribeKind(models.TextChoices):
    INTEREST = "interest", "By interest"
    PROFESSION = "profession", "By profession"


class Tribe(BaseModel):
    """A group people can join; made from a skill category or a job function."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=TribeKind.choices)
    # Where it comes from: exactly one of the two, by kind.
    category = models.OneToOneField(
        "skills.SkillCategory", on_delete=models.PROTECT, null=True, blank=True,
        related_name="tribe",
    )  # fmt: skip
    function = models.CharField(max_length=30, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("kind", "position", "name", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=TribeKind.INTEREST, category__isnull=False, function="")
                | (Q(kind=TribeKind.PROFESSION, category__isnull=True) & ~Q(function="")),
                name="tribes_one_source_by_kind",
            ),
            models.UniqueConstraint(
                fields=["function"], condition=~Q(function=""), name="tribes_one_per_function"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("growth:growth_tribes:tribe", kwargs={"slug": self.slug})


class TribeMembership(models.Model):
    """A person in a tribe, since when."""

    tribe = models.ForeignKey(Tribe, on_delete=models.CASCADE, related_name="memberships")
    profile = models.ForeignKey(
        "profiles.Profile", on_delete=models.CASCADE, related_name="tribe_memberships"
    )
    joined_at = models.DateTimeField()

    class Meta:
        ordering = ("-joined_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=["tribe", "profile"], name="tribes_member_once"),
        ]
        indexes = [
            # A tribe's page: its members, newest first.
            models.Index(fields=["tribe", "-joined_at", "-id"], name="tribes_members_newest_idx"),
        ]

    def __str__(self) -> str:
        return f"Profile {self.profile_id} in {self.tribe_id}"
