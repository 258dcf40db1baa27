"""What more education is worth in money: the arithmetic of the education return calculator.

Pure Python, no Django: inputs in, a result out, so the sums can be checked by hand. Amounts
are Decimal in the person's own currency (whole units in, exact sums out; the pages round).

The model, kept simple on purpose and said in plain words on the pages:

* the whole cost is paid now (year 0): tuition and course costs, plus the pay given up while
  away from work (months away × pay given up a month);
* from year 1, for as many years as it lasts, the expected gain is the salary change times the
  chance it happens (a 60 % chance of 8,000 a year counts as 4,800 a year);
* each year's gain is discounted to today's value at the discount rate: year t is worth
  gain / (1 + rate)^t;
* net present value (NPV) = −cost + the sum of those discounted gains;
* what it is worth to the person apart from money, if they put a yearly figure on it, is
  discounted the same way (not scaled by the chance: it comes from doing it, not from the
  raise) and kept apart: `npv_with_value` beside the money-only `npv`;
* payback is the first moment the discounted gains add up to the cost, as a fraction of a
  year: within the year it happens, straight-line between that year's start and end.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# Past these a figure is a typo (an extra zero), not a plan.
MAX_AMOUNT = 10_000_000
MAX_MONTHS_AWAY = 120
MAX_YEARS = 50
MAX_RATE = Decimal(50)

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Inputs:
    """One scenario's assumptions. Percentages are given as percent (60 means 60 %)."""

    tuition: Decimal  # tuition, fees, books: the course's own cost, paid up front
    months_away: int  # months away from work (0 when studying alongside the job)
    pay_given_up_per_month: Decimal  # pay lost for each month away
    salary_change: Decimal  # the raise a year it could bring (negative: a lower-paid path)
    chance: Decimal  # percent, 0-100: how likely that raise is
    years: int  # how many years the raise lasts, from year 1
    discount_rate: Decimal  # percent a year, 0-50: what money later is worth less than now
    value_to_you: Decimal = ZERO  # a yearly figure for what it is worth apart from money

    @property
    def pay_given_up(self) -> Decimal:
        return self.months_away * self.pay_given_up_per_month

    @property
    def cost(self) -> Decimal:
        return self.tuition + self.pay_given_up

    @property
    def expected_gain(self) -> Decimal:
        """The raise a year times its chance, before discounting."""
        return self.salary_change * self.chance / HUNDRED


@dataclass(frozen=True)
class Year:
    """One year of the chart: where the person stands by its end, discounted to today."""

    year: int  # 0: now, when the cost is paid
    gain: Decimal  # this year's expected gain, discounted to today (0 in year 0)
    value: Decimal  # this year's worth-to-you figure, discounted (0 in year 0)
    position: Decimal  # −cost + the discounted gains so far: money only
    position_with_value: Decimal  # the same with what it is worth to you added


@dataclass(frozen=True)
class Result:
    cost: Decimal
    pay_given_up: Decimal
    expected_gain: Decimal  # a year, before discounting
    npv: Decimal  # money only
    npv_with_value: Decimal  # with what it is worth to you
    payback: Decimal | None  # years, fractional; None: not within the years it lasts
    payback_with_value: Decimal | None
    years: tuple[Year, ...]  # year 0 to the last year it lasts


# Each problem as (field, message): the form shows it beside the field, the service refuses.
Problem = tuple[str, str]


def _amount(field: str, value: Decimal, *, negative: str | None) -> list[Problem]:
    if value < 0 and negative is not None:
        return [(field, negative)]
    if abs(value) > MAX_AMOUNT:
        return [(field, f"That is more than {MAX_AMOUNT:,}. Check for an extra zero.")]
    return []


def problems(inputs: Inputs) -> list[Problem]:
    """What is wrong with the inputs, field by field; empty when they can be worked out."""
    found = [
        *_amount(
            "tuition", inputs.tuition,
            negative="A cost can't be negative. Enter 0 if the course is free.",
        ),
        *_amount(
            "pay_given_up_per_month", inputs.pay_given_up_per_month,
            negative="Pay given up can't be negative. Enter 0 if your pay carries on.",
        ),
        *_amount("salary_change", inputs.salary_change, negative=None),
        *_amount(
            "value_to_you", inputs.value_to_you,
            negative="Enter 0 or more. Leave it at 0 if you'd rather not put a figure on it.",
        ),
    ]  # fmt: skip
    if inputs.months_away < 0:
        found.append(
            ("months_away", "Months away can't be negative. Enter 0 if you'd keep working.")
        )
    elif inputs.months_away > MAX_MONTHS_AWAY:
        found.append(("months_away", f"At most {MAX_MONTHS_AWAY} months (ten years)."))
    if not ZERO <= inputs.chance <= HUNDRED:
        found.append(("chance", "A chance is a percentage from 0 to 100."))
    if inputs.years < 1:
        found.append(("years", "It has to last at least one year. Enter 1 or more."))
    elif inputs.years > MAX_YEARS:
        found.append(("years", f"At most {MAX_YEARS} years: a working life is about that long."))
    if not ZERO <= inputs.discount_rate <= MAX_RATE:
        found.append(
            (
                "discount_rate",
                "Use a rate from 0 to 50 %. Many people pick something from 3 to 5 %.",
            )
        )
    return found


def _payback(positions: list[Decimal], steps: list[Decimal]) -> Decimal | None:
    """The first moment the position reaches 0: year t−1 plus the part of year t's step that
    covers what was still owed. `steps[t]` is what year t added (steps[0] is unused)."""
    if positions[0] >= 0:
        return ZERO
    for t in range(1, len(positions)):
        if positions[t] >= 0 and steps[t] > 0:
            return Decimal(t - 1) + (-positions[t - 1]) / steps[t]
    return None


def evaluate(inputs: Inputs) -> Result:
    """The scenario's cost, NPV (money only and with what it is worth to you), payback and
    its year-by-year position. Raises ValueError on inputs `problems` would refuse."""
    wrong = problems(inputs)
    if wrong:
        raise ValueError(f"Inputs that cannot be worked out: {wrong}")
    cost, gain = inputs.cost, inputs.expected_gain
    rate = inputs.discount_rate / HUNDRED
    rows = [Year(0, ZERO, ZERO, -cost, -cost)]
    money_steps, value_steps = [ZERO], [ZERO]
    factor = Decimal(1)
    for t in range(1, inputs.years + 1):
        factor *= 1 + rate  # (1 + r)^t, one multiplication a year
        this_gain, this_value = gain / factor, inputs.value_to_you / factor
        last = rows[-1]
        rows.append(
            Year(
                t, this_gain, this_value, last.position + this_gain,
                last.position_with_value + this_gain + this_value,
            )
        )  # fmt: skip
        money_steps.append(this_gain)
        value_steps.append(this_gain + this_value)
    return Result(
        cost=cost,
        pay_given_up=inputs.pay_given_up,
        expected_gain=gain,
        npv=rows[-1].position,
        npv_with_value=rows[-1].position_with_value,
        payback=_payback([row.position for row in rows], money_steps),
        payback_with_value=_payback([row.position_with_value for row in rows], value_steps),
        years=tuple(rows),
    )
