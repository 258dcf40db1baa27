"""Saving, changing and deleting scenarios: each person's own, capped, checked again here."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import NotFound, RuleBroken
from tandem.growth.education.models import Scenario
from tandem.growth.education.rules import MAX_SCENARIOS
from tandem.growth.education.selectors import export_for, scenario_for
from tandem.growth.education.services import (
    scenario_create,
    scenario_delete,
    scenario_update,
    scenarios_delete_all,
)
from tandem.growth.education.tests.factories import inputs, make_scenario

pytestmark = pytest.mark.django_db


class TestScenarioCreate:
    def test_saves_the_inputs_as_whole_figures(self, user):
        scenario = make_scenario(user, "  Evening\x00 MBA  ")
        scenario.refresh_from_db()
        assert scenario.name == "Evening MBA"
        assert (scenario.tuition, scenario.chance, scenario.years) == (20_000, 60, 10)
        assert scenario.discount_rate == Decimal(4)
        assert scenario.inputs == inputs()

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"tuition": Decimal(-1)}, "tuition"),
            ({"chance": Decimal(120)}, "chance"),
            ({"years": 0}, "years"),
            ({"discount_rate": Decimal(80)}, "discount_rate"),
            ({"salary_change": Decimal(50_000_000)}, "salary_change"),
            ({"tuition": Decimal("10.5")}, "tuition"),
            ({"discount_rate": Decimal("3.125")}, "discount_rate"),
        ],
    )
    def test_refuses_figures_out_of_range_and_saves_nothing(self, user, change, field):
        with pytest.raises(RuleBroken) as refused:
            scenario_create(owner=user, name="Bad", inputs=inputs(**change))
        assert refused.value.field == field
        assert not Scenario.objects.exists()

    def test_refuses_an_empty_name(self, user):
        with pytest.raises(RuleBroken) as refused:
            scenario_create(owner=user, name="   ", inputs=inputs())
        assert refused.value.field == "name"

    def test_stops_at_the_cap_with_a_clear_message(self, user):
        for number in range(MAX_SCENARIOS):
            make_scenario(user, f"Path {number}")
        with pytest.raises(RuleBroken, match=f"You have {MAX_SCENARIOS} scenarios"):
            make_scenario(user, "One more")
        assert Scenario.objects.filter(owner=user).count() == MAX_SCENARIOS

    def test_the_cap_is_per_person(self, user):
        for number in range(MAX_SCENARIOS):
            make_scenario(user, f"Path {number}")
        assert make_scenario(UserFactory(), "Someone else's first").pk


class TestScenarioUpdateAndDelete:
    def test_the_owner_changes_the_figures(self, user):
        scenario = make_scenario(user)
        scenario_update(
            owner=user,
            scenario_id=scenario.pk,
            name="Part-time MBA",
            inputs=inputs(chance=Decimal(75)),
        )
        scenario.refresh_from_db()
        assert (scenario.name, scenario.chance) == ("Part-time MBA", 75)

    def test_someone_else_cannot_change_or_delete_it(self, user):
        scenario = make_scenario(user)
        stranger = UserFactory()
        with pytest.raises(NotFound):
            scenario_update(
                owner=stranger, scenario_id=scenario.pk, name="Mine now", inputs=inputs()
            )
        with pytest.raises(NotFound):
            scenario_delete(owner=stranger, scenario_id=scenario.pk)
        with pytest.raises(NotFound):
            scenario_for(owner=stranger, scenario_id=scenario.pk)
        scenario.refresh_from_db()
        assert scenario.name == "Evening MBA"

    def test_a_bad_change_leaves_it_as_it_was(self, user):
        scenario = make_scenario(user)
        with pytest.raises(RuleBroken):
            scenario_update(owner=user, scenario_id=scenario.pk, name="X", inputs=inputs(years=0))
        scenario.refresh_from_db()
        assert (scenario.name, scenario.years) == ("Evening MBA", 10)

    def test_the_owner_deletes_one_and_all(self, user):
        first, second = make_scenario(user, "One"), make_scenario(user, "Two")
        other = make_scenario(UserFactory(), "Not theirs")
        scenario_delete(owner=user, scenario_id=first.pk)
        assert list(Scenario.objects.filter(owner=user)) == [second]
        assert scenarios_delete_all(owner=user) == 1
        assert list(Scenario.objects.all()) == [other]


class TestExport:
    def test_holds_the_owners_scenarios_only_with_inputs_and_results(self, user):
        make_scenario(user, "Evening MBA")
        make_scenario(UserFactory(), "Someone else's plan")
        [row] = export_for(user)["education_scenarios"]
        assert row["name"] == "Evening MBA"
        assert row["inputs"]["chance_percent"] == 60
        # Cost: 20,000 + 12 × 2,500 = 50,000 now.
        assert row["results"]["cost"] == "50000"
        assert set(row["results"]) == {
            "cost", "net_present_value", "net_present_value_with_value_to_you", "payback_years",
        }  # fmt: skip
