"""A person's career plan: where they want to be and by when, what they bring, and the few
goals that follow. Private to its owner; only the target (industry, function, level) is
copied onto their profile, where matching reads it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.core.models import BaseModel
from tandem.organizations.choices import Industry, JobFunction
from tandem.profiles.choices import Level

MAX_GOALS = 3
MAX_GOAL_TEXT = 200
MAX_BRINGS_TODAY = 2000
MAX_TITLE = 120


class OrganizationKind(models.TextChoices):
    """The kind of place a person wants to work in."""

    START_UP = "start_up", "A start-up"
    SCALE_UP = "scale_up", "A scale-up"
    SMALL_BUSINESS = "small_business", "A small or mid-size company"
    LARGE_COMPANY = "large_company", "A large company"
    PUBLIC_SECTOR = "public_sector", "The public sector"
    NON_PROFIT = "non_profit", "A non-profit"
    ACADEMIA = "academia", "A university or research institute"
    OWN_BUSINESS = "own_business", "My own business"


class CareerPlan(BaseModel):
    """One per person, created on first save."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="career_plan"
    )
    target_industry = models.CharField(max_length=30, choices=Industry.choices, blank=True)
    target_function = models.CharField(max_length=30, choices=JobFunction.choices, blank=True)
    target_level = models.PositiveSmallIntegerField(choices=Level.choices, null=True, blank=True)
    target_organization_kind = models.CharField(
        "kind of organization", max_length=20, choices=OrganizationKind.choices, blank=True
    )
    target_title = models.CharField("job title", max_length=MAX_TITLE, blank=True)
    target_by = models.DateField("by when", null=True, blank=True)
    brings_today = models.TextField("what I bring today", max_length=MAX_BRINGS_TODAY, blank=True)

    class Meta:
        ordering = ("id",)
        constraints = [
            models.CheckConstraint(
                condition=Q(target_level__isnull=True)
                | Q(target_level__gte=1, target_level__lte=10),
                name="growth_careers_target_level_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        # No private text: this shows in the admin and in logs.
        return f"Career plan #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("growth:growth_careers:plan")

    @property
    def has_target(self) -> bool:
        """Whether any part of "where I want to be" is filled in."""
        return bool(
            self.target_industry
            or self.target_function
            or self.target_level
            or self.target_organization_kind
            or self.target_title
        )


class PlanGoal(BaseModel):
    """One of the few goals that follow from the plan."""

    plan = models.ForeignKey(CareerPlan, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(max_length=MAX_GOAL_TEXT)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("position", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"], name="growth_careers_goal_position_once"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="growth_careers_goal_not_blank"),
        ]

    def __str__(self) -> str:
        return f"Goal #{self.pk} of career plan #{self.plan_id}"
