"""Reads for education return scenarios. Every read filters by owner: someone else's scenario
is a NotFound (a 404), the same answer as one that never existed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandem.accounts.models import User
from tandem.core.charts import Chart
from tandem.core.errors import NotFound
from tandem.growth.education import explain
from tandem.growth.education.models import Scenario
from tandem.growth.education.returns import Inputs, Result, evaluate
from tandem.growth.education.rules import MAX_SCENARIOS


@dataclass(frozen=True)
class Worked:
    """A scenario (or a preview of one) with its result, in figures and in words."""

    inputs: Inputs
    result: Result
    figures: explain.Figures
    assumptions: list[str]
    chart: Chart


def worked(inputs: Inputs, *, key: str) -> Worked:
    """Work the inputs out: the page's figures, plain words and chart (`key` names the chart)."""
    result = evaluate(inputs)
    return Worked(
        inputs=inputs,
        result=result,
        figures=explain.figures(inputs, result),
        assumptions=explain.assumptions(inputs, result),
        chart=explain.chart(key, inputs, result),
    )


def scenario_for(*, owner: User, scenario_id: int) -> Scenario:
    """One of the owner's scenarios, or NotFound."""
    scenario = Scenario.objects.filter(owner=owner, pk=scenario_id).first()
    if scenario is None:
        raise NotFound("No such scenario.")
    return scenario


@dataclass(frozen=True)
class Row:
    scenario: Scenario
    worked: Worked


@dataclass(frozen=True)
class ListPage:
    rows: list[Row]
    can_add: bool
    limit: int
    any_value: bool  # some scenario has a worth-to-you figure: the table shows that column


def scenarios_page_for(*, owner: User) -> ListPage:
    """The owner's scenarios, oldest first, each worked out for the side-by-side table."""
    scenarios = list(Scenario.objects.filter(owner=owner).order_by("created_at", "id"))
    rows = [Row(s, worked(s.inputs, key=f"scenario-{s.pk}")) for s in scenarios]
    return ListPage(
        rows=rows,
        can_add=len(rows) < MAX_SCENARIOS,
        limit=MAX_SCENARIOS,
        any_value=any(row.worked.figures.has_value for row in rows),
    )


@dataclass(frozen=True)
class ScenarioPage:
    scenario: Scenario
    worked: Worked


def scenario_page_for(*, owner: User, scenario_id: int) -> ScenarioPage:
    """One scenario with its chart and assumptions in plain words; someone else's: NotFound."""
    scenario = scenario_for(owner=owner, scenario_id=scenario_id)
    return ScenarioPage(scenario, worked(scenario.inputs, key=f"scenario-{scenario.pk}"))


def export_for(user: User) -> dict[str, Any]:
    """The person's scenarios for their data download: what they entered and what it gives."""
    rows = []
    for scenario in Scenario.objects.filter(owner=user).order_by("created_at", "id"):
        result = evaluate(scenario.inputs)
        rows.append(
            {
                "name": scenario.name,
                "created_at": scenario.created_at,
                "updated_at": scenario.updated_at,
                "inputs": {
                    "tuition": scenario.tuition,
                    "months_away": scenario.months_away,
                    "pay_given_up_per_month": scenario.pay_given_up_per_month,
                    "salary_change_per_year": scenario.salary_change,
                    "chance_percent": scenario.chance,
                    "years": scenario.years,
                    "discount_rate_percent": str(scenario.discount_rate),
                    "value_to_you_per_year": scenario.value_to_you,
                },
                "results": {
                    "cost": str(round(result.cost)),
                    "net_present_value": str(round(result.npv)),
                    "net_present_value_with_value_to_you": str(round(result.npv_with_value)),
                    "payback_years": None if result.payback is None else f"{result.payback:.1f}",
                },
            }
        )
    return {"education_scenarios": rows}
