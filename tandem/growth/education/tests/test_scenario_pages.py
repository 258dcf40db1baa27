"""The education return pages: the side-by-side list, the form with its preview, a scenario's
chart and plain words, delete; bad figures get field messages; others get a 404."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.growth.education.models import Scenario
from tandem.growth.education.rules import MAX_SCENARIOS
from tandem.growth.education.tests.factories import CERTIFICATE, as_post, make_scenario

pytestmark = pytest.mark.django_db

LIST = reverse("growth:growth_education:list")
NEW = reverse("growth:growth_education:new")


def url(name: str, scenario: Scenario) -> str:
    return reverse(f"growth:growth_education:{name}", args=[scenario.pk])


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def _field_errors(html: str) -> list[str]:
    return [unescape(m) for m in re.findall(r'<ul class="errorlist"[^>]*>\s*<li>(.*?)</li>', html)]


class TestList:
    def test_shows_each_scenario_side_by_side_with_its_figures(self, client, owner):
        make_scenario(owner, "Evening MBA")
        make_scenario(owner, "Cloud certificate", **CERTIFICATE)
        make_scenario(UserFactory(), "Someone else's secret plan")
        page = client.get(LIST).content.decode()
        assert page.index("Evening MBA") < page.index("Cloud certificate")
        assert "Someone else's secret plan" not in page
        # The certificate: cost 1,500; a 50 % chance of 3,000 for 5 years at 4 %.
        assert "1,500" in page
        assert "3,000" in page
        assert "50 %" in page
        assert "5 years" in page

    def test_says_what_to_do_first_when_there_is_none(self, client, owner):
        page = client.get(LIST).content.decode()
        assert "No scenarios yet" in page
        assert f"{NEW}?start=degree" in page

    def test_at_the_cap_offers_no_new_one(self, client, owner):
        for number in range(MAX_SCENARIOS):
            make_scenario(owner, f"Path {number}")
        page = client.get(LIST).content.decode()
        assert f'href="{NEW}"' not in page
        assert f"You have {MAX_SCENARIOS} scenarios" in page

    def test_reads_as_many_queries_for_five_scenarios_as_for_one(self, client, owner):
        make_scenario(owner, "Path 0")
        client.get(LIST)  # the first request of a session reads a little more
        with CaptureQueriesContext(connection) as one:
            client.get(LIST)
        for number in range(1, 5):
            make_scenario(owner, f"Path {number}")
        with CaptureQueriesContext(connection) as five:
            assert client.get(LIST).status_code == 200
        assert len(five) == len(one)


class TestCreate:
    def test_saving_goes_to_the_scenario_with_its_chart(self, client, owner):
        response = client.post(NEW, {**as_post("Evening MBA"), "action": "save"})
        scenario = Scenario.objects.get(owner=owner)
        assert response.status_code == 302
        assert response["Location"] == scenario.get_absolute_url()

    def test_amounts_may_be_written_with_thousands_separators(self, client, owner):
        client.post(NEW, {**as_post(tuition="20,000", salary_change="8 000"), "action": "save"})
        assert Scenario.objects.get(owner=owner).tuition == 20_000

    def test_preview_works_it_out_and_saves_nothing(self, client, owner):
        response = client.post(NEW, {**as_post(), "action": "preview"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "not saved yet" in page
        assert 'id="chart-spec-preview"' in page
        # Cost: 20,000 + 12 × 2,500 = 50,000; expected gain 60 % × 8,000 = 4,800 a year.
        assert "50,000" in page
        assert "4,800" in page
        assert not Scenario.objects.exists()

    def test_the_htmx_preview_swaps_in_the_form_and_its_result_only(self, client, owner):
        response = client.post(
            NEW, {**as_post(), "action": "preview"}, headers={"HX-Request": "true"}
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert page.lstrip().startswith('<div id="calculator">')
        assert "<html" not in page
        assert "not saved yet" in page

    @pytest.mark.parametrize(
        ("field", "value", "words"),
        [
            ("tuition", "-500", "can't be negative"),
            ("chance", "150", "from 0 to 100"),
            ("years", "0", "at least one year"),
            ("discount_rate", "75", "from 0 to 50 %"),
            ("salary_change", "999999999", "extra zero"),
            ("tuition", "lots", "whole number"),
        ],
    )
    def test_a_bad_figure_gets_a_message_beside_its_field_and_nothing_is_saved(
        self, client, owner, field, value, words
    ):
        response = client.post(NEW, {**as_post(), field: value, "action": "save"})
        page = response.content.decode()
        assert response.status_code == 400
        [message] = _field_errors(page)
        assert words in message
        # The message sits in the field's own wrapper, after its input.
        assert re.search(rf'name="{field}"[^>]*>\s*<ul class="errorlist"', page)
        assert not Scenario.objects.exists()

    def test_a_bad_figure_in_the_preview_gets_its_message_too(self, client, owner):
        response = client.post(
            NEW, {**as_post(chance="101"), "action": "preview"}, headers={"HX-Request": "true"}
        )
        page = response.content.decode()
        assert "from 0 to 100" in page
        assert "not saved yet" not in page

    def test_past_the_cap_the_form_says_so_and_saves_nothing(self, client, owner):
        for number in range(MAX_SCENARIOS):
            make_scenario(owner, f"Path {number}")
        response = client.post(NEW, {**as_post("One more"), "action": "save"})
        assert response.status_code == 400
        assert f"You have {MAX_SCENARIOS} scenarios" in response.content.decode()
        assert Scenario.objects.filter(owner=owner).count() == MAX_SCENARIOS

    def test_a_rough_example_fills_the_form(self, client, owner):
        page = client.get(NEW, {"start": "certificate"}).content.decode()
        assert 'value="A certificate"' in page
        assert client.get(NEW, {"start": "nonsense"}).status_code == 200

    def test_creating_is_rate_limited(self, client, owner):
        statuses = {client.post(NEW, {"action": "preview"}).status_code for _ in range(61)}
        assert 429 in statuses


class TestScenarioPage:
    def test_shows_the_chart_its_table_and_the_assumptions_in_plain_words(self, client, owner):
        scenario = make_scenario(owner)
        page = client.get(scenario.get_absolute_url()).content.decode()
        assert "vendor/chartjs/chart.umd.min.js" in page
        spec = json.loads(
            re.search(rf'id="chart-spec-scenario-{scenario.pk}"[^>]*>(.*?)</script>', page).group(1)
        )
        assert spec["kind"] == "line"
        assert spec["labels"][:2] == ["Now", "Year 1"]
        assert len(spec["labels"]) == 11
        assert spec["series"][0]["values"][0] == -50_000  # the cost, paid now
        assert "Show as table" in page
        assert (
            "You expect a raise of 8,000 a year, and you think there is a 60 % chance of it" in page
        )
        assert "in your currency" in page.lower()

    def test_someone_elses_scenario_is_not_found(self, client, owner):
        theirs = make_scenario(UserFactory(), "Their secret plan")
        for name in ("detail", "edit"):
            response = client.get(url(name, theirs))
            assert response.status_code == 404
            assert "Their secret plan" not in response.content.decode()
        assert (
            client.post(url("edit", theirs), {**as_post("Mine"), "action": "save"}).status_code
            == 404
        )
        assert client.post(url("delete", theirs)).status_code == 404
        theirs.refresh_from_db()
        assert theirs.name == "Their secret plan"

    def test_a_signed_out_visitor_is_sent_to_sign_in(self, client):
        scenario = make_scenario(UserFactory())
        response = client.get(scenario.get_absolute_url())
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


class TestEditAndDelete:
    def test_the_form_starts_with_the_saved_figures_and_saves_changes(self, client, owner):
        scenario = make_scenario(owner)
        assert 'value="Evening MBA"' in client.get(url("edit", scenario)).content.decode()
        response = client.post(
            url("edit", scenario), {**as_post("Part-time MBA", chance="75"), "action": "save"}
        )
        assert response.status_code == 302
        scenario.refresh_from_db()
        assert (scenario.name, scenario.chance) == ("Part-time MBA", 75)

    def test_a_bad_change_is_refused_at_the_field(self, client, owner):
        scenario = make_scenario(owner)
        response = client.post(url("edit", scenario), {**as_post(years="0"), "action": "save"})
        assert response.status_code == 400
        scenario.refresh_from_db()
        assert scenario.years == 10

    def test_delete_is_a_post_and_goes_back_to_the_list(self, client, owner):
        scenario = make_scenario(owner)
        assert client.get(url("delete", scenario)).status_code == 405
        response = client.post(url("delete", scenario), follow=True)
        assert response.redirect_chain[-1][0] == LIST
        assert "Deleted “Evening MBA”." in response.content.decode()
        assert not Scenario.objects.exists()
