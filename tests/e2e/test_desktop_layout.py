"""On a wide screen pages use the width: the profile editor's grid keeps each label over its
field, and the profile and mentorship pages put their facts in a column beside the rest."""

import pytest
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.mentorships.tests.factories import IntroFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDE = {"width": 1280, "height": 900}


def box(locator):
    expect(locator).to_be_visible()
    return locator.bounding_box()


def side_by_side(left, right) -> bool:
    """`right` starts right of where `left` ends, and the two share some height."""
    a, b = box(left), box(right)
    overlap = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return b["x"] >= a["x"] + a["width"] and overlap > 0


class TestWideScreens:
    def test_the_profile_editor_keeps_each_label_over_its_own_field(
        self, page, log_in, assert_accessible
    ):
        person = ProfileFactory()
        page.set_viewport_size(WIDE)
        log_in(page, person.user.email, PASSWORD)
        page.goto(f"/profiles/{person.pk}/edit/")
        for name in ("Target industry", "Target function", "Target level", "Industry"):
            label = page.locator("label", has_text=name).first
            field = page.get_by_label(name, exact=True)
            label_box, field_box = box(label), box(field)
            assert abs(label_box["x"] - field_box["x"]) < 2, name
            assert label_box["y"] < field_box["y"], name
            assert label_box["width"] <= field_box["width"] + 1, f"{name} is cut off"
        function, level = page.get_by_label("Target function"), page.get_by_label("Target level")
        assert side_by_side(function, level)  # still a grid, one field per column
        assert_accessible(page)

    def test_the_profile_page_puts_the_facts_beside_what_the_person_offers(self, page, log_in):
        mentor = MentorProfileFactory()
        page.set_viewport_size(WIDE)
        log_in(page, mentor.user.email, PASSWORD)
        page.goto(mentor.get_absolute_url())
        offers = page.get_by_role("region", name="As a mentor")
        facts = page.get_by_role("region", name="At a glance")
        assert side_by_side(offers, facts)

    def test_the_mentorship_page_puts_the_contact_details_in_a_side_column(self, page, log_in):
        mentorship = IntroFactory()
        page.set_viewport_size(WIDE)
        log_in(page, mentorship.mentee.user.email, PASSWORD)
        page.goto(mentorship.get_absolute_url())
        agreement = page.get_by_role("region", name="Agreement")
        contact = page.get_by_role("region", name="Contact")
        assert side_by_side(agreement, contact)
