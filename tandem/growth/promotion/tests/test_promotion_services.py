"""Promotion plan services: the target, each kind of row with its cap and bad input, rows
only their owner may touch, and the plan's skills becoming skills wanted on the profile."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.core.errors import NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.core.text import CONTROLS, clean_text
from tandem.growth.promotion import services
from tandem.growth.promotion.models import (
    MAX_ITEMS,
    TEXT_MAX,
    Decider,
    PromotionPlan,
    SkillToGain,
    VisibilityAction,
)
from tandem.growth.promotion.services import _line
from tandem.growth.promotion.tests.factories import (
    DeciderFactory,
    OpportunityFactory,
    SkillToGainFactory,
    VisibilityActionFactory,
)
from tandem.profiles.services import MAX_SKILLS_PER_SIDE
from tandem.profiles.tests.factories import ProfileFactory
from tandem.skills.models import Skill

pytestmark = pytest.mark.django_db

TODAY = NOW.date()


def _skill(slug: str) -> Skill:
    return Skill.objects.get(slug=slug)


class TestPlanTarget:
    def test_the_first_save_makes_the_plan_with_its_target(self, mentee):
        plan = services.plan_target_set(
            owner=mentee.user, target_role="  Team lead ", target_level=5,
            by_when=TODAY + timedelta(days=200), now=NOW,
        )  # fmt: skip
        assert (plan.owner, plan.target_role, plan.target_level) == (mentee.user, "Team lead", 5)
        assert PromotionPlan.objects.count() == 1

    def test_saving_again_changes_the_same_plan(self, mentee):
        services.plan_target_set(
            owner=mentee.user, target_role="Lead", target_level=5, by_when=None, now=NOW
        )
        services.plan_target_set(
            owner=mentee.user, target_role="", target_level=None, by_when=None, now=NOW
        )
        plan = PromotionPlan.objects.get()
        assert (plan.target_role, plan.target_level) == ("", None)

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"target_level": 11}, "target_level"),
            ({"target_level": 0}, "target_level"),
            ({"by_when": TODAY - timedelta(days=1)}, "by_when"),
            ({"by_when": date(TODAY.year + 11, 1, 1)}, "by_when"),
            ({"target_role": "x" * 121}, "target_role"),
        ],
    )
    def test_bad_values_are_refused_at_their_field_and_nothing_is_saved(
        self, mentee, changes, field
    ):
        values = {"target_role": "Lead", "target_level": 5, "by_when": None, **changes}
        with pytest.raises(RuleBroken) as refused:
            services.plan_target_set(owner=mentee.user, now=NOW, **values)
        assert refused.value.field == field
        assert not PromotionPlan.objects.exists()

    def test_control_characters_are_dropped_from_the_role(self, mentee):
        plan = services.plan_target_set(
            owner=mentee.user, target_role="Head\x00 of\x07 data", target_level=None,
            by_when=None, now=NOW,
        )  # fmt: skip
        assert plan.target_role == "Head of data"


class TestSkillsToGain:
    def test_a_skill_is_added_with_how_it_will_be_shown(self, mentee):
        item = services.skill_to_gain_add(
            owner=mentee.user, skill=_skill("public-speaking"), how_to_show="Talk at the meetup"
        )
        assert item.plan.owner == mentee.user
        assert (item.skill.slug, item.how_to_show) == ("public-speaking", "Talk at the meetup")

    def test_the_same_skill_twice_is_refused_with_its_name(self, mentee):
        SkillToGainFactory(owner=mentee.user, slug="negotiation")
        with pytest.raises(RuleBroken, match="Negotiation is already in your plan") as refused:
            services.skill_to_gain_add(
                owner=mentee.user, skill=_skill("negotiation"), how_to_show=""
            )
        assert refused.value.field == "skill"
        assert SkillToGain.objects.count() == 1

    def test_at_most_ten_skills(self, mentee):
        slugs = list(Skill.objects.order_by("id").values_list("slug", flat=True)[: MAX_ITEMS + 1])
        for slug in slugs[:MAX_ITEMS]:
            SkillToGainFactory(owner=mentee.user, slug=slug)
        with pytest.raises(RuleBroken, match="Remove one you've covered"):
            services.skill_to_gain_add(owner=mentee.user, skill=_skill(slugs[-1]), how_to_show="")
        assert SkillToGain.objects.count() == MAX_ITEMS

    def test_how_to_show_changes_and_may_be_cleared(self, mentee):
        item = SkillToGainFactory(owner=mentee.user)
        services.skill_to_gain_update(item=item, owner=mentee.user, how_to_show="")
        item.refresh_from_db()
        assert item.how_to_show == ""


class TestVisibilityActions:
    def test_what_is_needed(self, mentee):
        with pytest.raises(RuleBroken, match="Please fill this in") as refused:
            services.visibility_action_add(owner=mentee.user, what="  \x00 ", whom="Sales")
        assert refused.value.field == "what"
        assert not VisibilityAction.objects.exists()

    def test_too_long_a_text_is_refused(self, mentee):
        with pytest.raises(RuleBroken, match=f"under {TEXT_MAX}"):
            services.visibility_action_add(owner=mentee.user, what="x" * (TEXT_MAX + 1), whom="")

    def test_at_most_ten(self, mentee):
        VisibilityActionFactory.create_batch(MAX_ITEMS, owner=mentee.user)
        with pytest.raises(RuleBroken, match="Mark some done or remove one"):
            services.visibility_action_add(owner=mentee.user, what="One more", whom="")

    def test_marking_done_keeps_the_first_time_and_undoing_clears_it(self, mentee):
        item = VisibilityActionFactory(owner=mentee.user)
        services.visibility_action_mark(item=item, owner=mentee.user, done=True, now=NOW)
        later = NOW + timedelta(days=3)
        services.visibility_action_mark(item=item, owner=mentee.user, done=True, now=later)
        item.refresh_from_db()
        assert item.done_at == NOW
        services.visibility_action_mark(item=item, owner=mentee.user, done=False, now=later)
        item.refresh_from_db()
        assert item.done_at is None

    def test_what_and_whom_can_be_changed(self, mentee):
        item = VisibilityActionFactory(owner=mentee.user)
        services.visibility_action_update(
            item=item, owner=mentee.user, what="Write up the migration", whom="Engineering"
        )
        item.refresh_from_db()
        assert (item.what, item.whom) == ("Write up the migration", "Engineering")


class TestDeciders:
    def test_an_unknown_relation_is_refused(self, mentee):
        with pytest.raises(RuleBroken, match="how well they know you") as refused:
            services.decider_add(
                owner=mentee.user, name="CFO", relation="best friends", next_step=""
            )
        assert refused.value.field == "relation"

    def test_a_name_is_needed(self, mentee):
        with pytest.raises(RuleBroken) as refused:
            services.decider_add(owner=mentee.user, name="", relation="me", next_step="")
        assert refused.value.field == "name"

    def test_at_most_ten(self, mentee):
        DeciderFactory.create_batch(MAX_ITEMS, owner=mentee.user)
        with pytest.raises(RuleBroken, match="full map"):
            services.decider_add(owner=mentee.user, name="One more", relation="me", next_step="")
        assert Decider.objects.count() == MAX_ITEMS

    def test_the_relation_moves_as_they_get_to_know_you(self, mentee):
        item = DeciderFactory(owner=mentee.user, relation=Decider.Relation.NOT_YET)
        services.decider_update(
            item=item, owner=mentee.user, name=item.name, relation="work", next_step=""
        )
        item.refresh_from_db()
        assert item.relation == Decider.Relation.KNOWS_MY_WORK


class TestOpportunities:
    def test_at_most_ten(self, mentee):
        OpportunityFactory.create_batch(MAX_ITEMS, owner=mentee.user)
        with pytest.raises(RuleBroken, match="Remove one that has passed"):
            services.opportunity_add(owner=mentee.user, what="Reorg", when="")

    def test_when_is_short(self, mentee):
        with pytest.raises(RuleBroken) as refused:
            services.opportunity_add(owner=mentee.user, what="Reorg", when="x" * 81)
        assert refused.value.field == "when"


class TestOnlyTheOwner:
    @pytest.mark.parametrize(
        "factory", [SkillToGainFactory, VisibilityActionFactory, DeciderFactory, OpportunityFactory]
    )
    def test_someone_else_cannot_remove_a_row(self, factory):
        item = factory()
        stranger = ProfileFactory().user
        with pytest.raises(NotFound):
            services.plan_item_remove(item=item, owner=stranger)
        assert type(item).objects.filter(pk=item.pk).exists()

    def test_someone_else_cannot_change_a_row(self):
        decider = DeciderFactory()
        action = VisibilityActionFactory()
        stranger = ProfileFactory().user
        with pytest.raises(NotFound):
            services.decider_update(
                item=decider, owner=stranger, name="Taken", relation="me", next_step=""
            )
        with pytest.raises(NotFound):
            services.visibility_action_mark(item=action, owner=stranger, done=True, now=NOW)
        decider.refresh_from_db()
        action.refresh_from_db()
        assert decider.name != "Taken"
        assert action.done_at is None

    def test_the_owner_removes_a_row(self, mentee):
        item = OpportunityFactory(owner=mentee.user)
        services.plan_item_remove(item=item, owner=mentee.user)
        assert not type(item).objects.exists()


class TestPlanSkillsToProfile:
    def test_the_plans_skills_become_skills_wanted_and_the_count_is_told(self, mentee):
        for slug in ("public-speaking", "negotiation"):
            SkillToGainFactory(owner=mentee.user, slug=slug)
        result = services.plan_skills_to_profile(owner=mentee.user)
        assert set(mentee.skills_wanted.values_list("slug", flat=True)) == {
            "public-speaking", "negotiation",
        }  # fmt: skip
        assert result.added == ["Public speaking", "Negotiation"]
        assert "Added 2 skills" in result.message
        assert "mentor recommendations" in result.message

    def test_skills_already_wanted_are_left_and_said_so(self, mentee):
        mentee.skills_wanted.add(_skill("negotiation"))
        for slug in ("public-speaking", "negotiation"):
            SkillToGainFactory(owner=mentee.user, slug=slug)
        result = services.plan_skills_to_profile(owner=mentee.user)
        assert (result.added, result.already) == (["Public speaking"], ["Negotiation"])
        assert result.message.startswith("Added 1 skill ")
        assert "1 was there already" in result.message
        again = services.plan_skills_to_profile(owner=mentee.user)
        assert again.added == []
        assert "already on your profile" in again.message

    def test_the_profiles_own_cap_holds_and_says_what_did_not_fit(self, mentee):
        full = Skill.objects.exclude(slug="public-speaking").order_by("id")[:MAX_SKILLS_PER_SIDE]
        mentee.skills_wanted.add(*full)
        SkillToGainFactory(owner=mentee.user, slug="public-speaking")
        result = services.plan_skills_to_profile(owner=mentee.user)
        assert result.no_room == ["Public speaking"]
        assert "no room for Public speaking" in result.message
        assert mentee.skills_wanted.count() == MAX_SKILLS_PER_SIDE

    def test_with_no_plan_nothing_changes(self, mentee):
        result = services.plan_skills_to_profile(owner=mentee.user)
        assert result.message == "Add a skill to your plan first."
        assert not mentee.skills_wanted.exists()

    def test_it_moves_the_profiles_stamp_so_matching_sees_the_change(self, mentee):
        before = mentee.updated_at
        SkillToGainFactory(owner=mentee.user)
        services.plan_skills_to_profile(owner=mentee.user)
        mentee.refresh_from_db()
        assert mentee.updated_at > before


class TestOneLineOfText:
    @given(st.text(max_size=400))
    def test_any_text_is_stored_clean_and_within_its_length_or_refused(self, typed):
        kept = clean_text(typed, multiline=False)
        if not kept or len(kept) > TEXT_MAX:
            with pytest.raises(RuleBroken) as refused:
                _line(typed, field="what", max_length=TEXT_MAX)
            assert refused.value.field == "what"
            return
        text = _line(typed, field="what", max_length=TEXT_MAX)
        assert 0 < len(text) <= TEXT_MAX
        assert text == text.strip()
        assert "\n" not in text
        assert not CONTROLS.search(text)
