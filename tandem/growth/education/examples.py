"""Rough starting points for a new scenario (?start=…): every figure is meant to be changed.
They are round numbers, not research: the form says so."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

EXAMPLES: dict[str, dict[str, Any]] = {
    "degree": {
        "name": "A degree", "tuition": 30_000, "months_away": 12,
        "pay_given_up_per_month": 3_000, "salary_change": 10_000, "chance": 60, "years": 20,
        "discount_rate": Decimal(4),
    },
    "certificate": {
        "name": "A certificate", "tuition": 2_000, "months_away": 0,
        "pay_given_up_per_month": 0, "salary_change": 4_000, "chance": 50, "years": 5,
        "discount_rate": Decimal(4),
    },
    "on-the-job": {
        "name": "Learning on the job", "tuition": 0, "months_away": 0,
        "pay_given_up_per_month": 0, "salary_change": 3_000, "chance": 40, "years": 10,
        "discount_rate": Decimal(4),
    },
}  # fmt: skip
# The words for each on the list page, in this order.
EXAMPLE_LABELS = (
    ("degree", "a degree"), ("certificate", "a certificate"), ("on-the-job", "learning on the job"),
)  # fmt: skip
