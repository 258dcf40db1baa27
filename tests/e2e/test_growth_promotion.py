"""The promotion plan in a real browser on a 360 px phone: a mentee names the role they aim
for, adds a skill by picking a suggestion, says how they'll show it, adds someone who decides
and doesn't know them yet, sees the map of who decides with a gentle next step, and in one
click makes the plan's skills ones they want to learn, which their profile then shows. Every
page fits the screen and passes axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.growth.promotion.models import Decider, PromotionPlan
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import ProfileFactory

from .test_phones import WIDER_THAN_THE_SCREEN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SMALL_PHONE = {"width": 360, "height": 780}


def _fits(page: Page) -> None:
    wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert wide is None, f"{page.url} scrolls sideways on a 360 px phone: {wide}"


def test_plan_a_promotion_and_put_its_skills_on_the_profile(page, log_in, assert_accessible):
    mentee = ProfileFactory()
    log_in(page, mentee.user.email, PASSWORD)
    page.set_viewport_size(SMALL_PHONE)
    page.goto("/growth/promotion/")
    expect(page.get_by_role("heading", name="Your promotion plan", level=1)).to_be_visible()
    _fits(page)
    assert_accessible(page)

    # The target.
    target = page.get_by_role("region", name="The role you're aiming for")
    target.get_by_label("The role you're aiming for").fill("Engineering manager")
    target.get_by_label("Its level (optional)").select_option(label="6 · Manager")
    target.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()

    # A skill, picked from the suggestions that appear while typing, and how to show it.
    skills = page.get_by_role("region", name="Skills to gain")
    skills.get_by_label("A skill the role needs").fill("negotia")
    suggestion = skills.get_by_role("list", name="Suggested skills").get_by_role(
        "button", name=re.compile(r"^Negotiation\b")
    )
    expect(suggestion).to_be_visible()
    assert_accessible(page)
    skills.get_by_label("How you'll show it (optional)").fill("Lead the supplier renewal")
    suggestion.click()
    listed = page.get_by_role("list", name="Skills to gain")
    expect(listed).to_contain_text("Negotiation")
    expect(listed).to_contain_text("Lead the supplier renewal")

    # A typo is answered at the field, and nothing is added.
    skills = page.get_by_role("region", name="Skills to gain")
    skills.get_by_label("A skill the role needs").fill("negociation")
    skills.get_by_role("button", name="Add skill").click()
    expect(page.get_by_text("Did you mean")).to_be_visible()
    expect(page.get_by_label("A skill the role needs")).to_have_attribute("aria-invalid", "true")
    _fits(page)
    assert_accessible(page)
    expect(page.get_by_role("list", name="Skills to gain").get_by_role("listitem")).to_have_count(1)

    # Someone who decides and doesn't know them yet.
    deciders = page.get_by_role("region", name="Who decides")
    deciders.get_by_label("Name or role").fill("Head of platform")
    deciders.get_by_label("Doesn't know me yet").check()
    deciders.get_by_label("Your next step with them (optional)").fill("Offer a short demo")
    deciders.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("list", name="People who decide")).to_contain_text("Head of platform")
    _fits(page)
    assert_accessible(page)

    # The map: three groups stacked on the phone, with a gentle first step.
    page.get_by_role("link", name="See them as a map").click()
    expect(page.get_by_role("heading", name="Who decides", level=1)).to_be_visible()
    not_yet = page.get_by_role("region", name=re.compile("Doesn't know me yet"))
    expect(not_yet).to_contain_text("Head of platform")
    expect(not_yet).to_contain_text("A small first step works best")
    _fits(page)
    assert_accessible(page)

    # One click: the plan's skills become skills they want to learn.
    page.get_by_role("link", name=re.compile("go back to your plan")).click()
    page.get_by_role("button", name="Add these skills to what I want to learn").click()
    expect(page.get_by_role("status").filter(has_text="Added 1 skill")).to_contain_text(
        "mentor recommendations"
    )
    _fits(page)
    assert_accessible(page)

    page.goto(f"/profiles/{mentee.pk}/edit/")
    wanted = page.get_by_role("list", name="Skills you want to learn")
    expect(wanted).to_contain_text("Negotiation")

    plan = PromotionPlan.objects.get(owner=mentee.user)
    assert (plan.target_role, plan.target_level) == ("Engineering manager", 6)
    assert Decider.objects.get(plan=plan).relation == Decider.Relation.NOT_YET
    assert list(Profile.objects.get(pk=mentee.pk).skills_wanted.values_list("slug", flat=True)) == [
        "negotiation"
    ]
