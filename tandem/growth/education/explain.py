"""A scenario's figures and assumptions in plain words, and its chart (core/charts.py).

Amounts are shown rounded to whole units of the person's own currency, which we never name;
a negative amount gets a real minus sign (read out as "minus"), payback one decimal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tandem.core.charts import Chart, Series, Table
from tandem.growth.education.returns import Inputs, Result

MONEY = "Money only"
WITH_VALUE = "With what it is worth to you"


def money(amount: Decimal) -> str:
    """8000 → "8,000"; −1000.4 → "−1,000"."""
    whole = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    text = f"{abs(whole):,}"
    return f"−{text}" if whole < 0 else text


def percent(value: Decimal) -> str:
    """Decimal("3.50") → "3.5 %"."""
    return f"{value.normalize():f} %"


def years_text(count: int) -> str:
    return f"{count} year" if count == 1 else f"{count} years"


def payback_text(payback: Decimal | None, *, years: int) -> str:
    """ "3.3 years", "right away", or "not within the 5 years it lasts"."""
    if payback is None:
        return f"Not within the {years_text(years)} it lasts"
    if payback == 0:
        return "Right away: nothing to pay back"
    rounded = payback.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded} year" if rounded == 1 else f"{rounded} years"


@dataclass(frozen=True)
class Figures:
    """What a page shows of one scenario's result, already in words."""

    cost: str
    salary_change: str  # the raise a year as entered, before its chance
    chance: str
    lasts: str
    expected_gain: str
    npv: str
    npv_with_value: str
    payback: str
    payback_with_value: str
    has_value: bool  # the person put a figure on what it is worth to them
    pays_off: bool  # money-only NPV at least 0
    verdict: str


def figures(inputs: Inputs, result: Result) -> Figures:
    span = years_text(inputs.years)
    if result.npv >= 0:
        verdict = (
            f"In money alone it comes out {money(result.npv)} ahead after {span}, in today's value."
        )
    else:
        verdict = (
            f"In money alone it comes out {money(-result.npv)} short after {span}, in today's "
            "value."
        )
    return Figures(
        cost=money(result.cost),
        salary_change=money(inputs.salary_change),
        chance=percent(inputs.chance),
        lasts=span,
        expected_gain=money(result.expected_gain),
        npv=money(result.npv),
        npv_with_value=money(result.npv_with_value),
        payback=payback_text(result.payback, years=inputs.years),
        payback_with_value=payback_text(result.payback_with_value, years=inputs.years),
        has_value=inputs.value_to_you > 0,
        pays_off=result.npv >= 0,
        verdict=verdict,
    )


def _cost_sentence(inputs: Inputs, result: Result) -> str:
    course = f"It costs {money(inputs.tuition)} in tuition and course costs"
    if inputs.months_away == 0 or inputs.pay_given_up_per_month == 0:
        away = (
            f" and you'd be away from work for {inputs.months_away} months without losing pay"
            if inputs.months_away
            else " and you'd keep working, so no pay is given up"
        )
        return f"{course}{away}: {money(result.cost)} in all, paid at the start."
    months = "1 month" if inputs.months_away == 1 else f"{inputs.months_away} months"
    return (
        f"{course}, plus {money(result.pay_given_up)} of pay given up over {months} away from "
        f"work ({money(inputs.pay_given_up_per_month)} a month): {money(result.cost)} in all, "
        "counted as paid at the start."
    )


def _gain_sentence(inputs: Inputs, result: Result) -> str:
    if inputs.salary_change >= 0:
        change = f"a raise of {money(inputs.salary_change)} a year"
    else:
        change = f"your pay to go down by {money(-inputs.salary_change)} a year"
    if inputs.chance == 100:
        return f"You expect {change}, and you're sure of it."
    return (
        f"You expect {change}, and you think there is a {percent(inputs.chance)} chance of it, "
        f"so it counts as {money(result.expected_gain)} a year."
    )


def assumptions(inputs: Inputs, result: Result) -> list[str]:
    """The scenario's assumptions, one plain sentence each, in the order they are used."""
    lines = [
        _cost_sentence(inputs, result),
        _gain_sentence(inputs, result),
        f"It lasts {years_text(inputs.years)}, starting the year after you pay.",
    ]
    if inputs.discount_rate == 0:
        lines.append("You count money later as worth the same as money now (a 0 % discount rate).")
    else:
        lines.append(
            "Money later is worth less than money now, so each year's gain is discounted by "
            f"{percent(inputs.discount_rate)} a year to today's value."
        )
    if inputs.value_to_you > 0:
        lines.append(
            f"Apart from money, you put its worth to you at {money(inputs.value_to_you)} a year. "
            "That is shown on its own, as “with what it is worth to you”, discounted the same "
            "way but not reduced by the chance: it comes from doing it, not from the raise."
        )
    else:
        lines.append(
            "You haven't put a figure on what it is worth to you apart from money, so the "
            "results are money only."
        )
    lines.append(
        "Payback is counted in fractions of a year: within the year the gains catch up, they "
        "are taken to come in evenly."
    )
    return lines


def chart(key: str, inputs: Inputs, result: Result) -> Chart:
    """Where the person stands at the end of each year, discounted to today."""
    labels = ["Now"] + [f"Year {row.year}" for row in result.years[1:]]
    money_only = [float(round(row.position)) for row in result.years]
    series = [Series(MONEY, money_only)]
    columns = ["Year", MONEY]
    if inputs.value_to_you > 0:
        series.append(
            Series(WITH_VALUE, [float(round(r.position_with_value)) for r in result.years])
        )
        columns.append(WITH_VALUE)
    rows = [
        [label, money(row.position)]
        + ([money(row.position_with_value)] if inputs.value_to_you > 0 else [])
        for label, row in zip(labels, result.years, strict=True)
    ]
    if result.payback is None:
        turn = f"the money does not catch up within the {years_text(inputs.years)}"
    elif result.payback == 0:
        turn = "there was nothing to pay back"
    else:
        turn = f"the money catches up during year {math.ceil(result.payback)}"
    start = f"You start {money(result.cost)} down" if result.cost > 0 else "You start at 0"
    summary = (
        f"{start} and end at {money(result.npv)} after {years_text(inputs.years)}, in today's "
        f"value; {turn}."
    )
    return Chart(
        key=key,
        title="Where you stand, year by year",
        summary=summary,
        kind="line",
        labels=labels,
        series=series,
        table=Table(columns=columns, rows=rows),
        unit="in your currency",
        notes=("Each year's gain is discounted to today's value; the cost is paid now.",),
    )
