"""The career plan in a real browser, on a 360 px phone: a mentee starts a plan (a date
already past first: a message at the field, and nothing saved), saves it, adds two goals and
sees them, then brings the goals into the agreement with their mentor in one click and finds
them filled in there. axe-core runs on every page; nothing scrolls sideways."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.growth.careers.models import CareerPlan
from tandem.mentorships.models import Mentorship
from tandem.mentorships.tests.factories import IntroFactory
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

from .test_phones import WIDER_THAN_THE_SCREEN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SMALL_PHONE = {"width": 360, "height": 780}
PLAN_URL = "/growth/career-plan/"
GOALS = ("Lead the next budget round", "Present our numbers to the board once")


@pytest.fixture
def intro(transactional_db) -> Mentorship:
    """A mentee whose intro with their mentor was held: the agreement is theirs to propose."""
    now = timezone.now()
    mentee = ProfileFactory(user__first_name="Ines", user__last_name="Moreau", level=4)
    mentor = MentorProfileFactory(user__first_name="Olu", user__last_name="Bankole")
    intro = IntroFactory(mentee=mentee, mentor=mentor, now=now - timedelta(days=3), intro_held=True)
    return Mentorship.objects.get(pk=intro.pk)  # the model, as the factory's type is not


def _fits(page: Page) -> None:
    wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert wide is None, f"{page.url} scrolls sideways at 360 px: {wide}"


def test_a_mentee_makes_a_plan_adds_goals_and_brings_them_into_the_agreement(
    page: Page, intro: Mentorship, log_in, assert_accessible
) -> None:
    mentee = intro.mentee.user
    log_in(page, mentee.email, PASSWORD)
    page.set_viewport_size(SMALL_PHONE)

    # An empty plan to start.
    page.goto(PLAN_URL)
    expect(page.get_by_role("heading", name="Your career plan", level=1)).to_be_visible()
    expect(page.locator("#plan-goals")).to_contain_text("No goals yet.")
    _fits(page)
    assert_accessible(page)

    # Where I want to be, with a date already past: the field says so, nothing is saved.
    page.get_by_label("Job title").fill("Finance director")
    page.get_by_label("Level").select_option(label="8 · Director")
    page.get_by_label("Industry").select_option(label="Banking & financial services")
    page.get_by_label("Function").select_option(label="Finance & accounting")
    page.get_by_label("Kind of organization").select_option(label="A large company")
    yesterday = (timezone.now() - timedelta(days=1)).date().isoformat()
    page.get_by_label("By when").fill(yesterday)
    page.get_by_label("What I bring today").fill("Eight years of audit and a calm head.")
    page.get_by_role("button", name="Start my plan").click()
    expect(page.get_by_role("alert")).to_contain_text("nothing was saved")
    expect(page.get_by_text("That date has passed already.")).to_be_visible()
    expect(page.get_by_label("By when")).to_have_attribute("aria-invalid", "true")
    _fits(page)
    assert_accessible(page)
    assert not CareerPlan.objects.filter(owner=mentee).exists()

    # A date ahead: saved, and the form shows it back.
    page.get_by_label("By when").fill("2031-06-30")
    page.get_by_role("button", name="Start my plan").click()
    expect(page.get_by_text(re.compile("Plan saved"))).to_be_visible()
    expect(page.get_by_label("Job title")).to_have_value("Finance director")
    expect(page.get_by_label("By when")).to_have_value("2031-06-30")
    profile = Profile.objects.get(user=mentee)
    assert (profile.target_industry, profile.target_level) == ("finance", 8)

    # Two goals, seen in the list; a blank one is refused at the field.
    for goal in GOALS:
        page.get_by_label("A goal that follows from the plan").fill(goal)
        page.get_by_role("button", name="Add the goal").click()
        expect(page.locator("#plan-goals")).to_contain_text(goal)
    page.get_by_label("A goal that follows from the plan").fill("   ")
    page.get_by_role("button", name="Add the goal").click()
    expect(page.get_by_text("Write the goal in a few words.")).to_be_visible()
    expect(page.locator("#plan-goals li")).to_have_count(2)
    _fits(page)
    assert_accessible(page)

    # One click: the goals go into the agreement form with the mentor.
    page.get_by_role("button", name="Use these goals in the agreement with Olu Bankole").click()
    expect(page).to_have_url(re.compile(rf"{intro.get_absolute_url()}"))
    expect(page.get_by_label("Goal 1")).to_have_value(GOALS[0])
    expect(page.get_by_label("Goal 2")).to_have_value(GOALS[1])
    _fits(page)
    assert_accessible(page)
