"""The career-growth tools in a person's data: all of theirs is in their download and none
of anyone else's; deleting the account deletes all of it (it was private to them)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tandem.core.tests.clock import NOW
from tandem.growth.careers.models import CareerPlan
from tandem.growth.careers.tests.factories import CareerPlanFactory
from tandem.growth.education.models import Scenario
from tandem.growth.education.tests.factories import make_scenario
from tandem.growth.journal.models import JournalEntry
from tandem.growth.journal.tests.factories import JournalEntryFactory
from tandem.growth.promotion.models import PromotionPlan
from tandem.growth.promotion.tests.factories import DeciderFactory
from tandem.growth.stuck.models import StuckCheck
from tandem.growth.stuck.tests.factories import StuckCheckFactory
from tandem.growth.tribes.models import TribeMembership
from tandem.growth.tribes.tests.factories import MembershipFactory
from tandem.privacy.services import account_delete
from tandem.profiles.tests.factories import ProfileFactory

MINE, THEIRS = "Mine: a quiet word about the reorganization", "Theirs: not for anyone else"


def _everything(profile, words):
    user = profile.user
    CareerPlanFactory(owner=user, target_title=words[:60])
    DeciderFactory(owner=user, name=words[:60])
    make_scenario(user, name=words[:60])
    StuckCheckFactory(owner=user)
    JournalEntryFactory(owner=user, text=words)
    MembershipFactory(profile=profile)


@pytest.mark.django_db
class TestGrowthInYourData:
    def test_the_download_holds_all_of_mine_and_none_of_theirs(self, client):
        me, them = ProfileFactory(), ProfileFactory()
        _everything(me, MINE)
        _everything(them, THEIRS)
        client.force_login(me.user)
        response = client.get(reverse("privacy:export"))
        growth = json.loads(response.content)["growth"]
        assert set(growth) == {
            "career_plan", "promotion_plan", "education_scenarios", "stuck_checks", "journal",
            "tribes",
        }  # fmt: skip
        assert all(growth.values()), growth  # every tool has something of mine
        text = response.content.decode()
        assert MINE[:60] in text
        assert THEIRS[:20] not in text

    def test_deleting_the_account_deletes_every_growth_row_and_only_theirs(self):
        me, them = ProfileFactory(), ProfileFactory()
        _everything(me, MINE)
        _everything(them, THEIRS)
        account_delete(user=me.user, now=NOW)
        for model, owner in (
            (CareerPlan, "owner"), (PromotionPlan, "owner"), (Scenario, "owner"),
            (StuckCheck, "owner"), (JournalEntry, "owner"), (TribeMembership, "profile__user"),
        ):  # fmt: skip
            assert not model.objects.filter(**{owner: me.user}).exists(), model.__name__
            assert model.objects.filter(**{owner: them.user}).exists(), model.__name__
