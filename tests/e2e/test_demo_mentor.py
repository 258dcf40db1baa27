"""A mentor from the demo data signs in and changes how many mentees they can take."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tandem.demo.logins import DEMO_PASSWORD
from tandem.profiles.models import MAX_CAPACITY, Profile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DEMO_MENTOR_EMAIL = "mentor@demo.tandem.example"
CAPACITY_LABEL = "How many mentees at once, at most"


@pytest.fixture
def demo_mentor(transactional_db):
    """The demo data set, loaded the way `tandem demo` loads it; returns the demo mentor."""
    call_command("demo", people=50, seed=1, allow_production=True)
    return Profile.objects.get(user__email=DEMO_MENTOR_EMAIL)


class TestDemoMentorEditsCapacity:
    def test_the_demo_mentor_changes_their_capacity_and_sees_it_on_their_profile(
        self, page, demo_mentor, assert_accessible
    ):
        old = demo_mentor.capacity
        new = old + 1 if old < MAX_CAPACITY else old - 1

        page.goto("/accounts/login/")
        expect(page.get_by_role("heading", name="Log in")).to_be_visible()
        assert_accessible(page)
        page.get_by_label("Email").fill(DEMO_MENTOR_EMAIL)
        page.get_by_label(re.compile(r"^Password:?$")).fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Log in").click()

        expect(page).to_have_url(re.compile(r"/home/$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
        mentor_card = page.get_by_role("article").filter(
            has=page.get_by_role("heading", name="You as a mentor")
        )
        expect(mentor_card).to_contain_text(f"up to {old} mentee")
        assert_accessible(page)

        mentor_card.get_by_role("button", name="Change capacity or pause").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Edit your profile")
        capacity = page.get_by_label(CAPACITY_LABEL)
        expect(capacity).to_have_value(str(old))
        assert_accessible(page)

        capacity.fill(str(new))
        page.get_by_role("button", name="Save profile").click()

        expect(page.get_by_role("status")).to_have_text("Your profile is saved.")
        expect(page.get_by_role("region", name="As a mentor")).to_contain_text(
            f"up to {new} mentee{'' if new == 1 else 's'} at once"
        )
        assert_accessible(page)
        demo_mentor.refresh_from_db()
        assert demo_mentor.capacity == new

    def test_a_negative_capacity_is_explained_next_to_the_field_and_nothing_is_saved(
        self, page, demo_mentor, log_in, assert_accessible
    ):
        before = demo_mentor.capacity
        log_in(page, DEMO_MENTOR_EMAIL, DEMO_PASSWORD)
        page.goto(f"/profiles/{demo_mentor.pk}/edit/")
        capacity = page.get_by_label(CAPACITY_LABEL)

        # The browser already refuses -1 (min="0"); drop that hint to reach the server's check,
        # which is what protects people whose browser doesn't validate.
        expect(capacity).to_have_attribute("min", "0")
        capacity.evaluate("input => input.removeAttribute('min')")
        capacity.fill("-1")
        page.get_by_role("button", name="Save profile").click()

        expect(page.get_by_role("alert")).to_contain_text("nothing was saved")
        expect(capacity).to_have_value("-1")
        expect(capacity).to_have_attribute("aria-invalid", "true")
        expect(capacity).to_have_accessible_description(
            "Capacity can't be negative; use 0 if you have no room right now."
        )
        expect(page.get_by_text("Capacity can't be negative")).to_be_visible()
        assert_accessible(page)
        demo_mentor.refresh_from_db()
        assert demo_mentor.capacity == before
