"""Factories for career plans, built through the services (so the profile gets the target
as it does for real)."""

from __future__ import annotations

from typing import Any

import factory

from tandem.accounts.tests.factories import UserFactory
from tandem.core.tests.clock import NOW
from tandem.growth.careers.models import CareerPlan, PlanGoal
from tandem.growth.careers.services import career_plan_save, plan_goal_add


class CareerPlanFactory(factory.django.DjangoModelFactory[CareerPlan]):
    """A saved plan: heading for director level in finance, with two goals unless told."""

    class Meta:
        model = CareerPlan

    owner = factory.SubFactory(UserFactory)
    target_industry = "finance"
    target_function = "finance"
    target_level = 8
    target_organization_kind = "large_company"
    target_title = "Finance director"
    target_by = None
    brings_today = "Eight years of audit work and a calm head at quarter end."
    goals = ("Lead the next budget round", "Present to the board once")
    now = NOW

    @classmethod
    def _create(cls, model_class: type[CareerPlan], *args: Any, **kwargs: Any) -> CareerPlan:
        goals, now = kwargs.pop("goals"), kwargs.pop("now")
        plan = career_plan_save(now=now, **kwargs)
        for text in goals:
            plan_goal_add(owner=plan.owner, text=text, now=now)
        return plan


def goal_of(plan: CareerPlan, index: int = 0) -> PlanGoal:
    """The plan's goal at this place in its order."""
    return list(plan.goals.all())[index]
