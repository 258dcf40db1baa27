"""User journeys in a real browser: from the landing page to a working profile and back out."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import MentorProfileFactory, offer

# Every journey changes the database from the live server's thread, hence a transactional
# database; the rollback is serialized so the migrated taxonomy and languages come back for the
# next test after the flush.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ACTIVATE_URL = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


class TestSignUpToDirectory:
    def test_a_new_mentee_signs_up_onboards_and_finds_a_mentor_by_a_skill_synonym(
        self, page, assert_accessible
    ):
        leader = MentorProfileFactory(
            user__first_name="Grace", user__last_name="Okafor", job_title="Head of engineering"
        )
        offer(leader, "team-leadership")
        other = MentorProfileFactory(
            user__first_name="Tomasz", user__last_name="Wilk", job_title="Data scientist"
        )
        offer(other, "python")

        page.goto("/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Grow with a mentor")
        assert_accessible(page)

        page.get_by_role("main").get_by_role("button", name="Join Tandem").click()
        expect(page.get_by_role("heading", name="Join Tandem")).to_be_visible()
        assert_accessible(page)
        page.get_by_label("First name").fill("Amara")
        page.get_by_label("Last name").fill("Nwosu")
        page.get_by_label("Email").fill("amara.nwosu@example.com")
        page.get_by_label(re.compile(r"^Password:?$")).fill("brisk-otter-lantern-88")
        page.get_by_label("Password (again)").fill("brisk-otter-lantern-88")
        page.get_by_role("button", name="Create my account").click()

        expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
        assert_accessible(page)
        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == ["amara.nwosu@example.com"]
        assert "Tandem" in email.subject
        assert email.content_subtype == "plain"
        link = ACTIVATE_URL.search(email.body)
        assert link, email.body

        page.goto(link.group(0))
        expect(page.get_by_role("heading", name="Confirm your email address")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("button", name="Confirm").click()

        # Step 1: about you (only what matching needs; the timezone comes from the browser).
        expect(page.get_by_role("heading", level=1)).to_have_text("About you")
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        assert_accessible(page)
        page.get_by_label("I want a mentor").check()
        page.get_by_label("Current role").fill("Backend developer")
        page.get_by_label("Organization").fill("Lumen Health")
        page.get_by_label("Industry").select_option(label="Healthcare")
        page.get_by_label("Function").select_option(label="Engineering")
        page.get_by_label("Level").select_option(label="2 · Junior")
        page.get_by_role("button", name="Continue").click()

        # Step 2, the last: what you want to learn, with a skill typed as an alias.
        expect(page.get_by_role("heading", level=1)).to_have_text("What you want to learn")
        expect(page).to_have_url(re.compile(r"/onboarding/learn/$"))
        assert_accessible(page)
        page.get_by_label("Add a skill").fill("JS")
        page.get_by_role("button", name="Add", exact=True).click()
        wanted = page.get_by_role("list", name="Skills you want to learn")
        expect(wanted.get_by_role("listitem")).to_have_count(1)
        expect(wanted.get_by_role("listitem")).to_contain_text("JavaScript")
        assert_accessible(page)
        page.get_by_label("What I want to learn or achieve").fill(
            "Lead a small team well within a year."
        )
        page.get_by_role("button", name="Finish").click()

        # Onboarding ends on the matches, with the next step said.
        expect(page.get_by_role("heading", level=1)).to_have_text("Mentors recommended for you")
        welcome = page.get_by_role("status").filter(has_text="Welcome to Tandem")
        expect(welcome).to_contain_text("ask for 20 minutes")
        assert_accessible(page)

        # The profile has what was given, and says what could be added later.
        page.goto(Profile.objects.get(user__email="amara.nwosu@example.com").get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_have_text("Amara Nwosu")
        expect(page.get_by_role("main").get_by_text("Mentee", exact=True)).to_be_visible()
        expect(page.get_by_role("region", name="Looking to learn")).to_contain_text("JavaScript")
        expect(page.locator("#profile-completeness")).to_contain_text("Add a headline")
        assert_accessible(page)

        # The directory understands "people management" as Team leadership.
        nav = page.get_by_role("navigation", name="Main")
        nav.get_by_role("link", name="Find a mentor").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Find a mentor")
        expect(page.get_by_role("heading", name="2 mentors")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("searchbox", name="Skill").fill("people management")
        page.get_by_role("button", name="Search").click()

        results = page.get_by_role("region", name="1 mentor")
        expect(results).to_contain_text("Showing mentors who offer Team leadership")
        expect(page).to_have_url(re.compile(r"[?&]skill=people(\+|%20)management"))
        cards = results.get_by_role("article")
        expect(cards).to_have_count(1)
        expect(cards).to_contain_text("Grace Okafor")
        expect(cards.get_by_role("list", name="Skills Grace Okafor offers")).to_contain_text(
            "Team leadership"
        )
        expect(results).not_to_contain_text("Tomasz Wilk")
        assert_accessible(page)

        page.get_by_role("button", name="Log out").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Grow with a mentor")
        expect(page.get_by_role("main").get_by_role("button", name="Log in")).to_be_visible()
        expect(page.get_by_role("button", name="Log out")).to_have_count(0)

        profile = Profile.objects.get(user__email="amara.nwosu@example.com")
        assert profile.is_mentee
        assert profile.is_onboarded
        assert [s.slug for s in profile.skills_wanted.all()] == ["javascript"]
