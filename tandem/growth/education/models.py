"""A person's education return scenarios: private to their owner, never shown to anyone else."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.core.models import BaseModel
from tandem.growth.education.returns import (
    MAX_AMOUNT,
    MAX_MONTHS_AWAY,
    MAX_RATE,
    MAX_YEARS,
    Inputs,
)

NAME_MAX = 80


class Scenario(BaseModel):
    """One "what if I studied this" with its assumptions; the results are worked out on read
    (returns.evaluate), so they always follow the current arithmetic."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="education_scenarios"
    )
    name = models.CharField(max_length=NAME_MAX)
    # Amounts are whole units of the person's own currency; we never convert or name it.
    tuition = models.IntegerField(default=0)
    months_away = models.SmallIntegerField(default=0)
    pay_given_up_per_month = models.IntegerField(default=0)
    salary_change = models.IntegerField(default=0)
    chance = models.SmallIntegerField(default=100)  # percent
    years = models.SmallIntegerField(default=10)
    discount_rate = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal(3))
    value_to_you = models.IntegerField(default=0)  # a year, apart from money

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(tuition__gte=0, tuition__lte=MAX_AMOUNT),
                name="education_tuition_in_range",
            ),
            models.CheckConstraint(
                condition=Q(months_away__gte=0, months_away__lte=MAX_MONTHS_AWAY),
                name="education_months_away_in_range",
            ),
            models.CheckConstraint(
                condition=Q(pay_given_up_per_month__gte=0, pay_given_up_per_month__lte=MAX_AMOUNT),
                name="education_pay_given_up_in_range",
            ),
            models.CheckConstraint(
                condition=Q(salary_change__gte=-MAX_AMOUNT, salary_change__lte=MAX_AMOUNT),
                name="education_salary_change_in_range",
            ),
            models.CheckConstraint(
                condition=Q(chance__gte=0, chance__lte=100), name="education_chance_0_to_100"
            ),
            models.CheckConstraint(
                condition=Q(years__gte=1, years__lte=MAX_YEARS), name="education_years_in_range"
            ),
            models.CheckConstraint(
                condition=Q(discount_rate__gte=0, discount_rate__lte=MAX_RATE),
                name="education_discount_rate_0_to_50",
            ),
            models.CheckConstraint(
                condition=Q(value_to_you__gte=0, value_to_you__lte=MAX_AMOUNT),
                name="education_value_to_you_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Education scenario {self.pk}"  # never the name: it is the owner's own text

    def get_absolute_url(self) -> str:
        return reverse("growth:growth_education:detail", kwargs={"scenario_id": self.pk})

    @property
    def inputs(self) -> Inputs:
        return Inputs(
            tuition=Decimal(self.tuition),
            months_away=self.months_away,
            pay_given_up_per_month=Decimal(self.pay_given_up_per_month),
            salary_change=Decimal(self.salary_change),
            chance=Decimal(self.chance),
            years=self.years,
            discount_rate=Decimal(self.discount_rate),
            value_to_you=Decimal(self.value_to_you),
        )
