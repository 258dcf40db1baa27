"""The growth hub: each tool with where the person stands and the next step, read in one
query, and only ever from the person's own rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.growth.careers.tests.factories import CareerPlanFactory
from tandem.growth.education.tests.factories import make_scenario
from tandem.growth.journal.tests.factories import JournalEntryFactory
from tandem.growth.selectors import hub_page_for
from tandem.growth.stuck.tests.factories import StuckCheckFactory
from tandem.growth.tribes.tests.factories import MembershipFactory
from tandem.profiles.tests.factories import ProfileFactory

HUB = reverse("growth:hub")


def _statuses(user):
    return {tool.title: tool.status for tool in hub_page_for(user=user)}


@pytest.mark.django_db
class TestGrowthHub:
    def test_a_newcomer_sees_every_tool_with_a_first_step(self, client):
        profile = ProfileFactory()
        client.force_login(profile.user)
        response = client.get(HUB)
        assert response.status_code == 200
        tools = response.context["tools"]
        assert [t.title for t in tools] == [
            "Career plan", "Promotion plan", "Education return", "Am I stuck?", "Journal",
            "Tribes",
        ]  # fmt: skip
        assert not any(t.started for t in tools)
        page = response.content.decode()
        for tool in tools:
            assert tool.action in page
            assert tool.url in page

    def test_each_tool_says_where_the_person_stands(self):
        profile = ProfileFactory()
        user = profile.user
        CareerPlanFactory(owner=user)
        make_scenario(user, name="Evening MBA")
        make_scenario(user, name="A certificate")
        StuckCheckFactory(owner=user)
        JournalEntryFactory(owner=user)
        MembershipFactory(profile=profile)
        statuses = _statuses(user)
        assert statuses["Career plan"] == "Aiming for Finance director; 2 goals."
        assert statuses["Education return"] == "2 scenarios saved."
        assert statuses["Am I stuck?"].startswith("Last taken on ")
        assert statuses["Journal"].startswith("1 entry, the latest on ")
        assert statuses["Tribes"] == "You are in 1 tribe."
        assert statuses["Promotion plan"] == "Not started yet."

    def test_someone_elses_tools_never_count(self):
        mine, theirs = ProfileFactory(), ProfileFactory()
        CareerPlanFactory(owner=theirs.user)
        make_scenario(theirs.user)
        JournalEntryFactory(owner=theirs.user)
        MembershipFactory(profile=theirs)
        assert not any(tool.started for tool in hub_page_for(user=mine.user))

    def test_the_figures_are_one_query_however_much_is_there(self, django_assert_num_queries):
        profile = ProfileFactory()
        for name in ("One", "Two", "Three"):
            make_scenario(profile.user, name=name)
        JournalEntryFactory.create_batch(3, owner=profile.user)
        with django_assert_num_queries(1):
            hub_page_for(user=profile.user)

    def test_signed_out_it_asks_to_sign_in(self, client):
        response = client.get(HUB)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    def test_a_person_without_a_profile_still_gets_the_page(self, client):
        client.force_login(UserFactory())
        assert client.get(HUB).status_code == 200
