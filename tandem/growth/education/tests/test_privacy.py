"""A scenario is its owner's alone: not staff's, not a program manager's, not in the admin."""

from __future__ import annotations

import pytest
from django.contrib import admin

from tandem.accounts.tests.factories import UserFactory
from tandem.growth.education.models import Scenario
from tandem.growth.education.tests.factories import make_scenario

pytestmark = pytest.mark.django_db


class TestNoOneElseSeesAScenario:
    def test_staff_get_a_404_like_anyone_else(self, client, user):
        scenario = make_scenario(user, "My private plan")
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        for path in (scenario.get_absolute_url(), f"{scenario.get_absolute_url()}edit/"):
            response = client.get(path)
            assert response.status_code == 404
            assert "My private plan" not in response.content.decode()

    def test_scenarios_are_not_in_the_admin(self):
        assert Scenario not in admin.site._registry

    def test_its_name_never_stands_for_it_in_logs_or_lists(self, user):
        scenario = make_scenario(user, "My private plan")
        assert "My private plan" not in str(scenario)
