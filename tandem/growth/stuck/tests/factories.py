"""Factories for stuck checks, made through the service as a person would make them."""

from __future__ import annotations

from typing import Any

import factory

from tandem.accounts.tests.factories import UserFactory
from tandem.core.tests.clock import NOW
from tandem.growth.stuck.models import StuckCheck
from tandem.growth.stuck.questionnaire import CAUSES, NOT_ME, STATEMENTS, VERY_MUCH
from tandem.growth.stuck.services import stuck_check_take


def answers(fill: int = NOT_ME, **overrides: int) -> dict[str, int]:
    """Every statement answered `fill`, but for the statement keys given."""
    return {statement.key: overrides.get(statement.key, fill) for statement in STATEMENTS}


def standing_out(*cause_keys: str) -> dict[str, int]:
    """ "Not me" everywhere except "Very much me" on every statement of these causes."""
    keys = {s.key for cause in CAUSES if cause.key in cause_keys for s in cause.statements}
    return answers(**dict.fromkeys(keys, VERY_MUCH))


class StuckCheckFactory(factory.django.DjangoModelFactory[StuckCheck]):
    """A check taken at `now` (`stuck_check_take`): falling behind on tools stands out."""

    class Meta:
        model = StuckCheck

    owner = factory.SubFactory(UserFactory)
    answers = factory.LazyFunction(lambda: standing_out("falling_behind"))
    now = NOW

    @classmethod
    def _create(cls, model_class: type[StuckCheck], *args: Any, **kwargs: Any) -> StuckCheck:
        return stuck_check_take(**kwargs)
