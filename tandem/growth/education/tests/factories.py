"""Scenarios made the way a person makes them: through the service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tandem.accounts.models import User
from tandem.growth.education.models import Scenario
from tandem.growth.education.returns import Inputs
from tandem.growth.education.services import scenario_create

# A degree: 20,000 of fees and 12 months away at 2,500 a month, for a 60 % chance of 8,000
# a year more over 10 years, discounted at 4 %.
DEGREE: dict[str, Any] = {
    "tuition": Decimal(20_000), "months_away": 12, "pay_given_up_per_month": Decimal(2_500),
    "salary_change": Decimal(8_000), "chance": Decimal(60), "years": 10,
    "discount_rate": Decimal(4), "value_to_you": Decimal(0),
}  # fmt: skip
# A certificate: 1,500 in fees while keeping the job, a 50 % chance of 3,000 a year for 5.
CERTIFICATE: dict[str, Any] = {
    "tuition": Decimal(1_500), "months_away": 0, "pay_given_up_per_month": Decimal(0),
    "salary_change": Decimal(3_000), "chance": Decimal(50), "years": 5,
    "discount_rate": Decimal(4), "value_to_you": Decimal(0),
}  # fmt: skip


def inputs(**changes: Any) -> Inputs:
    """The degree's inputs with `changes`."""
    return Inputs(**{**DEGREE, **changes})


def make_scenario(owner: User, name: str = "Evening MBA", **changes: Any) -> Scenario:
    return scenario_create(owner=owner, name=name, inputs=inputs(**changes))


def as_post(name: str = "Evening MBA", **changes: Any) -> dict[str, str]:
    """What the form sends for the degree with `changes` (values as typed)."""
    data = {key: str(value) for key, value in {**DEGREE, **changes}.items()}
    return {"name": name, **data}
