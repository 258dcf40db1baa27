"""Promotion plan pages: the plan with its four lists and their forms, bad input answered at
the field with nothing changed, the edit pages, removing, ticking off, the map of who decides,
the one click that puts the plan's skills on the profile, and rate limits."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from tandem.growth.careers.tests.factories import CareerPlanFactory
from tandem.growth.promotion.models import (
    MAX_ITEMS,
    Decider,
    Opportunity,
    PromotionPlan,
    SkillToGain,
    VisibilityAction,
)
from tandem.growth.promotion.tests.factories import (
    DeciderFactory,
    OpportunityFactory,
    SkillToGainFactory,
    VisibilityActionFactory,
)
from tandem.profiles.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

NS = "growth:growth_promotion"
# The plan, its four lists and the profile's wanted skills (6), and what every page costs:
# the session (read and saved), the user, their timezone, the menu and its badge.
QUERIES = 14


def url(name: str, **kwargs: object) -> str:
    return reverse(f"{NS}:{name}", kwargs=kwargs or None)


@pytest.fixture
def me(client, mentee):
    client.force_login(mentee.user)
    return mentee


class TestThePlanPage:
    def test_an_empty_plan_invites_a_start_and_makes_no_row(self, client, me):
        response = client.get(url("plan"))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Your promotion plan" in body
        assert "Only you can see it" in body
        assert "No skills yet" in body
        assert not PromotionPlan.objects.exists()

    def test_it_lists_every_kind_of_row(self, client, me):
        SkillToGainFactory(owner=me.user, slug="negotiation", how_to_show="Lead the renewal")
        VisibilityActionFactory(owner=me.user, what="Demo at the ops review", whom="Ops")
        DeciderFactory(owner=me.user, name="Priya, VP Sales", relation="me")
        OpportunityFactory(owner=me.user, what="Team lead role opening", when="Q3")
        body = client.get(url("plan")).content.decode()
        for text in (
            "Negotiation", "Lead the renewal", "Demo at the ops review", "Priya, VP Sales",
            "Knows me", "Team lead role opening", "Q3",
        ):  # fmt: skip
            assert text in body

    def test_the_page_costs_the_same_few_queries_however_full(
        self, client, me, django_assert_max_num_queries
    ):
        for slug in ("negotiation", "public-speaking", "stakeholder-management"):
            SkillToGainFactory(owner=me.user, slug=slug)
        DeciderFactory.create_batch(4, owner=me.user)
        VisibilityActionFactory.create_batch(4, owner=me.user)
        with django_assert_max_num_queries(QUERIES):
            assert client.get(url("plan")).status_code == 200

    def test_saving_the_target(self, client, me):
        response = client.post(
            url("plan"), {"target_role": "Engineering manager", "target_level": "6",
                          "by_when": "2031-06-30"},
        )  # fmt: skip
        assert response.status_code == 302
        assert response["Location"].endswith("#target")
        plan = PromotionPlan.objects.get(owner=me.user)
        assert (plan.target_role, plan.target_level, str(plan.by_when)) == (
            "Engineering manager", 6, "2031-06-30",
        )  # fmt: skip
        assert 'value="Engineering manager"' in client.get(url("plan")).content.decode()

    def test_a_past_date_is_answered_at_the_field_and_nothing_saved(self, client, me):
        response = client.post(url("plan"), {"target_role": "Lead", "by_when": "2001-01-01"})
        assert response.status_code == 400
        assert "Pick a date still ahead." in response.content.decode()
        assert not PromotionPlan.objects.exists()

    def test_a_level_off_the_list_is_a_field_message(self, client, me):
        response = client.post(url("plan"), {"target_role": "Lead", "target_level": "42"})
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()


class TestStartingFromTheCareerPlan:
    def test_with_no_plan_yet_the_target_starts_from_the_career_plans_job_and_level(
        self, client, me
    ):
        CareerPlanFactory(owner=me.user, target_title="Finance director", target_level=8)
        body = client.get(url("plan")).content.decode()
        assert 'value="Finance director"' in body
        assert '<option value="8" selected>' in body
        assert "We started this from" in body
        assert not PromotionPlan.objects.exists()

    def test_once_saved_the_plans_own_target_is_shown(self, client, me):
        CareerPlanFactory(owner=me.user, target_title="Finance director", target_level=8)
        client.post(url("plan"), {"target_role": "Finance manager", "target_level": "6"})
        body = client.get(url("plan")).content.decode()
        assert 'value="Finance manager"' in body
        assert "Finance director" not in body
        assert "We started this from" not in body

    def test_someone_elses_career_plan_is_never_used(self, client, me):
        CareerPlanFactory(target_title="Their own job")
        body = client.get(url("plan")).content.decode()
        assert "Their own job" not in body
        assert "We started this from" not in body


class TestAddingRows:
    def test_a_skill_typed_by_a_synonym_is_added(self, client, me):
        response = client.post(url("skill_add"), {"skill": "public speaking", "how_to_show": ""})
        assert response.status_code == 302
        assert response["Location"].endswith("#skills")
        assert SkillToGain.objects.get().skill.slug == "public-speaking"

    def test_a_picked_suggestion_wins_over_what_was_typed(self, client, me):
        client.post(url("skill_add"), {"skill": "nego", "pick": "Negotiation"})
        assert SkillToGain.objects.get().skill.slug == "negotiation"

    def test_an_unknown_skill_offers_the_closest_and_adds_nothing(self, client, me):
        response = client.post(url("skill_add"), {"skill": "negociation"})
        assert response.status_code == 400
        body = unescape(response.content.decode())
        assert "We don't know the skill “negociation” yet." in body
        assert "Did you mean" in body
        assert 'aria-invalid="true"' in body
        assert not SkillToGain.objects.exists()

    def test_the_same_skill_twice_is_a_field_message(self, client, me):
        SkillToGainFactory(owner=me.user, slug="negotiation")
        response = client.post(url("skill_add"), {"skill": "Negotiation"})
        assert response.status_code == 400
        assert "Negotiation is already in your plan." in response.content.decode()
        assert SkillToGain.objects.count() == 1

    @pytest.mark.parametrize(
        ("key", "data", "model"),
        [
            (
                "visibility",
                {"what": "Write up the migration", "whom": "Platform"},
                VisibilityAction,
            ),
            ("decider", {"name": "Sam, CTO", "relation": "work", "next_step": ""}, Decider),
            ("opportunity", {"what": "New data team", "when": "Autumn"}, Opportunity),
        ],
    )
    def test_each_list_adds_from_its_form(self, client, me, key, data, model):
        response = client.post(url(f"{key}_add"), data)
        assert response.status_code == 302
        assert model.objects.get().plan.owner == me.user

    def test_an_empty_required_field_is_a_field_message_and_adds_nothing(self, client, me):
        response = client.post(url("decider_add"), {"name": "", "relation": "me"})
        assert response.status_code == 400
        assert "This field is required." in response.content.decode()
        assert not Decider.objects.exists()

    def test_past_the_cap_the_form_says_so(self, client, me):
        OpportunityFactory.create_batch(MAX_ITEMS, owner=me.user)
        body = client.get(url("plan")).content.decode()
        assert f"That's {MAX_ITEMS}, a full list." in body
        response = client.post(url("opportunity_add"), {"what": "One more"})
        assert response.status_code == 400
        assert "Remove one that has passed" in response.content.decode()
        assert Opportunity.objects.count() == MAX_ITEMS

    def test_adding_is_rate_limited(self, client, me):
        for n in range(10):
            client.post(url("opportunity_add"), {"what": f"Opening {n}"})
        for n in range(10):
            client.post(url("opportunity_remove", item_id=Opportunity.objects.first().pk))
            client.post(url("opportunity_add"), {"what": f"Again {n}"})
        assert client.post(url("opportunity_add"), {"what": "Too fast"}).status_code == 429


class TestEditingAndRemoving:
    def test_the_edit_page_shows_the_row_and_saves_a_change(self, client, me):
        decider = DeciderFactory(owner=me.user, name="Alex, Head of Ops", relation="not_yet")
        page = client.get(decider.get_absolute_url())
        assert page.status_code == 200
        assert 'value="Alex, Head of Ops"' in page.content.decode()
        response = client.post(
            decider.get_absolute_url(),
            {"name": "Alex, Head of Ops", "relation": "work", "next_step": "Share the report"},
        )
        assert response.status_code == 302
        decider.refresh_from_db()
        assert (decider.relation, decider.next_step) == ("work", "Share the report")

    def test_a_bad_edit_changes_nothing(self, client, me):
        action = VisibilityActionFactory(owner=me.user, what="Keep me")
        response = client.post(action.get_absolute_url(), {"what": "", "whom": ""})
        assert response.status_code == 400
        assert "nothing was changed" in response.content.decode()
        action.refresh_from_db()
        assert action.what == "Keep me"

    def test_a_skill_edit_changes_only_how_to_show_it(self, client, me):
        item = SkillToGainFactory(owner=me.user, slug="negotiation")
        client.post(item.get_absolute_url(), {"how_to_show": "Close the Q3 renewal", "skill": "x"})
        item.refresh_from_db()
        assert (item.skill.slug, item.how_to_show) == ("negotiation", "Close the Q3 renewal")

    def test_remove(self, client, me):
        item = OpportunityFactory(owner=me.user)
        response = client.post(url("opportunity_remove", item_id=item.pk))
        assert response.status_code == 302
        assert response["Location"].endswith("#opportunities")
        assert not Opportunity.objects.exists()

    def test_ticking_an_action_off_and_back_on(self, client, me):
        action = VisibilityActionFactory(owner=me.user)
        client.post(url("visibility_done", item_id=action.pk), {"done": "1"})
        action.refresh_from_db()
        assert action.done_at is not None
        assert "1 of 1 done." in client.get(url("plan")).content.decode()
        client.post(url("visibility_done", item_id=action.pk), {"done": "0"})
        action.refresh_from_db()
        assert action.done_at is None


class TestSomeoneElsesRows:
    @pytest.mark.parametrize(
        ("key", "factory"),
        [
            ("skill", SkillToGainFactory), ("visibility", VisibilityActionFactory),
            ("decider", DeciderFactory), ("opportunity", OpportunityFactory),
        ],
    )  # fmt: skip
    def test_are_a_404_to_open_change_or_remove(self, client, me, key, factory):
        theirs = factory()
        assert client.get(url(f"{key}_edit", item_id=theirs.pk)).status_code == 404
        assert client.post(url(f"{key}_edit", item_id=theirs.pk), {}).status_code == 404
        assert client.post(url(f"{key}_remove", item_id=theirs.pk)).status_code == 404
        assert type(theirs).objects.filter(pk=theirs.pk).exists()

    def test_ticking_off_theirs_is_a_404(self, client, me):
        theirs = VisibilityActionFactory()
        assert client.post(url("visibility_done", item_id=theirs.pk)).status_code == 404
        theirs.refresh_from_db()
        assert theirs.done_at is None

    def test_a_row_of_one_kind_is_not_found_by_another_kinds_address(self, client, me):
        mine = DeciderFactory(owner=me.user)
        assert client.get(url("opportunity_edit", item_id=mine.pk)).status_code == 404
        assert client.post(url("opportunity_remove", item_id=mine.pk)).status_code == 404
        assert Decider.objects.filter(pk=mine.pk).exists()


class TestTheMapOfWhoDecides:
    def test_people_are_grouped_by_how_well_they_know_you(self, client, me):
        DeciderFactory(owner=me.user, name="Work-knower", relation="work")
        DeciderFactory(owner=me.user, name="Me-knower", relation="me")
        DeciderFactory(owner=me.user, name="Stranger-to-me", relation="not_yet")
        DeciderFactory(name="Someone else's decider", relation="work")
        body = client.get(url("map")).content.decode()
        work, me_, not_yet = (
            body.index('id="map-work"'),
            body.index('id="map-me"'),
            body.index('id="map-not_yet"'),
        )
        assert work < body.index("Work-knower") < me_ < body.index("Me-knower") < not_yet
        assert body.index("Stranger-to-me") > not_yet
        assert "A small first step works best" in body
        assert "Someone else's decider" not in body

    def test_with_nobody_yet_each_group_says_so(self, client, me):
        body = client.get(url("map")).content.decode()
        assert body.count("Nobody here yet.") == 3
        assert "A small first step" not in body


class TestSkillsToTheProfile:
    def test_one_click_adds_them_and_says_how_many_and_what_it_changes(self, client, me):
        for slug in ("negotiation", "public-speaking"):
            SkillToGainFactory(owner=me.user, slug=slug)
        page = client.get(url("plan")).content.decode()
        assert "2 of these aren't on your profile yet" in page
        response = client.post(url("skills_to_profile"), follow=True)
        body = response.content.decode()
        assert "Added 2 skills to what you want to learn." in body
        assert "mentor recommendations" in body
        assert set(me.skills_wanted.values_list("slug", flat=True)) == {
            "negotiation", "public-speaking",
        }  # fmt: skip
        assert "All of these are on your profile" in body

    def test_it_touches_only_my_own_profile(self, client, me):
        other = ProfileFactory()
        SkillToGainFactory(owner=other.user, slug="negotiation")
        client.post(url("skills_to_profile"))
        assert not other.skills_wanted.exists()
        assert not me.skills_wanted.exists()


class TestSignedOut:
    def test_every_page_sends_you_to_sign_in(self, client):
        for name in ("plan", "map"):
            response = client.get(url(name))
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]
