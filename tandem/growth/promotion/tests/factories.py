"""Factories for promotion plans, built through the services: each row is added by its owner
(a mentee with a profile, unless one is given), as the plan page would add it."""

from __future__ import annotations

from typing import Any

import factory

from tandem.growth.promotion import services
from tandem.growth.promotion.models import Decider, Opportunity, SkillToGain, VisibilityAction
from tandem.profiles.tests.factories import ProfileFactory
from tandem.skills.models import Skill


def _owner() -> Any:
    return ProfileFactory().user


class SkillToGainFactory(factory.django.DjangoModelFactory[SkillToGain]):
    """A skill from the taxonomy (by slug) in the owner's plan."""

    class Meta:
        model = SkillToGain

    owner = factory.LazyFunction(_owner)
    slug = "public-speaking"
    how_to_show = "Present the quarterly results at the all-hands"

    @classmethod
    def _create(cls, model_class: type[SkillToGain], *args: Any, **kwargs: Any) -> SkillToGain:
        skill = Skill.objects.get(slug=kwargs["slug"])
        return services.skill_to_gain_add(
            owner=kwargs["owner"], skill=skill, how_to_show=kwargs["how_to_show"]
        )


class VisibilityActionFactory(factory.django.DjangoModelFactory[VisibilityAction]):
    class Meta:
        model = VisibilityAction

    owner = factory.LazyFunction(_owner)
    what = factory.Sequence(lambda n: f"Demo the new dashboard to the finance team ({n})")
    whom = "Finance leadership"

    @classmethod
    def _create(cls, model_class: type[Any], *args: Any, **kwargs: Any) -> VisibilityAction:
        return services.visibility_action_add(**kwargs)


class DeciderFactory(factory.django.DjangoModelFactory[Decider]):
    class Meta:
        model = Decider

    owner = factory.LazyFunction(_owner)
    name = factory.Sequence(lambda n: f"Head of operations {n}")
    relation = Decider.Relation.NOT_YET
    next_step = "Ask for 15 minutes of advice on the vendor review"

    @classmethod
    def _create(cls, model_class: type[Any], *args: Any, **kwargs: Any) -> Decider:
        return services.decider_add(**kwargs)


class OpportunityFactory(factory.django.DjangoModelFactory[Opportunity]):
    class Meta:
        model = Opportunity

    owner = factory.LazyFunction(_owner)
    what = factory.Sequence(lambda n: f"The platform team is hiring a lead ({n})")
    when = "After the summer"

    @classmethod
    def _create(cls, model_class: type[Any], *args: Any, **kwargs: Any) -> Opportunity:
        return services.opportunity_add(**kwargs)
