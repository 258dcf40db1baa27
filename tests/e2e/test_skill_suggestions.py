"""Adding a skill by picking one of the suggestions that appear while typing."""

import re

import pytest
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.profiles.tests.factories import ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


class TestSkillSuggestions:
    def test_typing_an_alias_suggests_the_skill_and_picking_it_adds_a_chip(
        self, page, log_in, assert_accessible
    ):
        profile = ProfileFactory()
        log_in(page, profile.user.email, PASSWORD)
        page.goto(f"/profiles/{profile.pk}/edit/")
        editor = page.get_by_role("region", name="Skills you want to learn")

        editor.get_by_label("Add a skill").fill("JS")
        suggestions = editor.get_by_role("list", name="Suggested skills")
        expect(suggestions.get_by_role("button", name=re.compile(r"^JavaScript\b"))).to_be_visible()
        assert_accessible(page)

        # Typing on shows fresh suggestions in the same place.
        editor.get_by_label("Add a skill").fill("people manag")
        expect(
            suggestions.get_by_role("button", name=re.compile(r"^Team leadership\b"))
        ).to_be_visible()
        editor.get_by_label("Add a skill").fill("JS")
        suggestions.get_by_role("button", name=re.compile(r"^JavaScript\b")).click()

        chips = editor.get_by_role("list", name="Skills you want to learn").get_by_role("listitem")
        expect(chips).to_have_count(1)
        expect(chips).to_contain_text("JavaScript")
        expect(editor.get_by_label("Add a skill")).to_have_value("")
        profile.refresh_from_db()
        assert [s.slug for s in profile.skills_wanted.all()] == ["javascript"]

    def test_an_unknown_skill_offers_the_closest_or_keeping_ones_own_words(
        self, page, log_in, assert_accessible
    ):
        profile = ProfileFactory()
        log_in(page, profile.user.email, PASSWORD)
        page.goto(f"/profiles/{profile.pk}/edit/")
        editor = page.get_by_role("region", name="Skills you want to learn")
        box = editor.get_by_label("Add a skill")

        box.fill("growth loops")
        editor.get_by_role("button", name="Add", exact=True).click()
        note = editor.get_by_role("status").filter(has_text="Did you mean")
        expect(note).to_contain_text("We don't know the skill “growth loops” yet.")
        expect(note).not_to_have_class(re.compile(r"error|warning"))
        expect(box).not_to_have_attribute("aria-invalid", "true")
        expect(note.get_by_role("button", name=re.compile(r"^Growth marketing\b"))).to_be_visible()
        assert_accessible(page)

        note.get_by_role("button", name="Keep “growth loops”").click()
        chips = editor.get_by_role("list", name="Skills you want to learn").get_by_role("listitem")
        expect(chips).to_have_count(1)
        expect(chips).to_contain_text("growth loops · waiting to be matched")
        expect(box).to_have_value("")
        assert [r.text for r in profile.skill_requests.all()] == ["growth loops"]

        # A typo gets the skill it meant, in one click.
        box.fill("pyhton")
        box.press("Enter")
        editor.get_by_role("status").get_by_role("button", name=re.compile(r"^Python\b")).click()
        expect(chips).to_have_count(2)
        expect(chips.first).to_contain_text("Python")
        assert [s.slug for s in profile.skills_wanted.all()] == ["python"]
