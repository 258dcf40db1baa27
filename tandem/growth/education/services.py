"""Writes for education return scenarios: each person's own, at most MAX_SCENARIOS of them.

The form checks the same rules first (returns.problems) so a person sees a message beside the
field; these re-check them, since a service is also called from elsewhere (tests, later an
API) and the database's check constraints should never be the ones to say no.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.errors import NotFound, RuleBroken
from tandem.core.text import clean_text
from tandem.growth.education.models import NAME_MAX, Scenario
from tandem.growth.education.returns import Inputs, problems
from tandem.growth.education.rules import MAX_SCENARIOS

# Stored as whole units of the person's currency and whole percent; the rate to 0.01 %.
WHOLE = ("tuition", "pay_given_up_per_month", "salary_change", "value_to_you", "chance")
RATE_STEP = Decimal("0.01")


def _name(name: str) -> str:
    name = clean_text(name, multiline=False)
    if not name:
        raise RuleBroken("Give it a short name, e.g. “Evening MBA”.", field="name")
    if len(name) > NAME_MAX:
        raise RuleBroken(f"Keep the name to {NAME_MAX} characters.", field="name")
    return name


def _checked(inputs: Inputs) -> dict[str, object]:
    """The inputs as the model's fields, or RuleBroken on the first one that cannot be used."""
    wrong = problems(inputs)
    if wrong:
        field, message = wrong[0]
        raise RuleBroken(message, field=field)
    for field in WHOLE:
        value: Decimal = getattr(inputs, field)
        if value != value.to_integral_value():
            raise RuleBroken("Use a whole number.", field=field)
    if inputs.discount_rate != inputs.discount_rate.quantize(RATE_STEP):
        raise RuleBroken("Use at most two decimals, e.g. 3.5.", field="discount_rate")
    return {
        "tuition": int(inputs.tuition),
        "months_away": inputs.months_away,
        "pay_given_up_per_month": int(inputs.pay_given_up_per_month),
        "salary_change": int(inputs.salary_change),
        "chance": int(inputs.chance),
        "years": inputs.years,
        "discount_rate": inputs.discount_rate,
        "value_to_you": int(inputs.value_to_you),
    }


def _owner_lock(owner: User) -> None:
    """Serialise one person's writes, so two tabs cannot both take the last place."""
    User.objects.select_for_update().filter(pk=owner.pk).first()


@transaction.atomic
def scenario_create(*, owner: User, name: str, inputs: Inputs) -> Scenario:
    """Save a new scenario for `owner`; refused past MAX_SCENARIOS or on inputs out of range."""
    fields = _checked(inputs)
    name = _name(name)
    _owner_lock(owner)
    if Scenario.objects.filter(owner=owner).count() >= MAX_SCENARIOS:
        raise RuleBroken(
            f"You have {MAX_SCENARIOS} scenarios, the most there is room for. Delete one you "
            "no longer need, or change one of them instead."
        )
    return Scenario.objects.create(owner=owner, name=name, **fields)


@transaction.atomic
def scenario_update(*, owner: User, scenario_id: int, name: str, inputs: Inputs) -> Scenario:
    """Change one of the owner's scenarios; someone else's is NotFound (a 404)."""
    fields = _checked(inputs)
    name = _name(name)
    scenario = Scenario.objects.select_for_update().filter(owner=owner, pk=scenario_id).first()
    if scenario is None:
        raise NotFound("No such scenario.")
    scenario.name = name
    for field, value in fields.items():
        setattr(scenario, field, value)
    scenario.save()
    return scenario


@transaction.atomic
def scenario_delete(*, owner: User, scenario_id: int) -> None:
    """Delete one of the owner's scenarios; someone else's is NotFound (a 404)."""
    deleted, _ = Scenario.objects.filter(owner=owner, pk=scenario_id).delete()
    if not deleted:
        raise NotFound("No such scenario.")


def scenarios_delete_all(*, owner: User) -> int:
    """Every scenario of the owner goes (for deleting an account); returns how many."""
    deleted, _ = Scenario.objects.filter(owner=owner).delete()
    return deleted
