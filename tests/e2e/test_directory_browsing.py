"""Browsing the mentor directory: pages and filters change the results and the address."""

import re

import pytest
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


class TestDirectoryBrowsing:
    def test_paging_and_filtering_update_the_results_and_the_url(
        self, page, settings, log_in, assert_accessible
    ):
        # The live server runs in this process, so the smaller page size applies to it too.
        settings.TANDEM_DIRECTORY_PAGE_SIZE = 2
        for first_name, industry in [
            ("Ada", "technology"),
            ("Ben", "finance"),
            ("Cleo", "healthcare"),
            ("Dev", "technology"),
            ("Eve", "healthcare"),
        ]:
            MentorProfileFactory(
                user__first_name=first_name, user__last_name="Mentor", industry=industry
            )
        mentee = ProfileFactory()

        log_in(page, mentee.user.email, PASSWORD)
        page.goto("/mentors/")
        results = page.locator("#directory-results")
        cards = results.get_by_role("article")
        expect(results.get_by_role("heading", level=2)).to_have_text("5 mentors")
        expect(results.get_by_text("Page 1 of 3")).to_be_visible()
        expect(cards.get_by_role("heading")).to_have_text(["Ada Mentor", "Ben Mentor"])

        results.get_by_role("navigation", name="Pages").get_by_role("link", name="Next").click()
        expect(page).to_have_url(re.compile(r"/mentors/\?page=2$"))
        expect(results.get_by_text("Page 2 of 3")).to_be_visible()
        expect(cards.get_by_role("heading")).to_have_text(["Cleo Mentor", "Dev Mentor"])
        assert_accessible(page)

        # Skill, keyword and availability come first; the other filters fold under "More filters".
        page.get_by_text("More filters").click()
        page.get_by_label("Industry").select_option(label="Healthcare")
        expect(page).to_have_url(re.compile(r"[?&]industry=healthcare(&|$)"))
        expect(page).not_to_have_url(re.compile(r"[?&]page="))
        expect(results.get_by_role("heading", level=2)).to_have_text("2 mentors")
        expect(cards.get_by_role("heading")).to_have_text(["Cleo Mentor", "Eve Mentor"])
        expect(results.get_by_role("navigation", name="Pages")).to_have_count(0)
        assert_accessible(page)

        # The pushed URL is a real address: opening it afresh shows the same results.
        page.reload()
        expect(page.get_by_label("Industry")).to_have_value("healthcare")
        expect(cards.get_by_role("heading")).to_have_text(["Cleo Mentor", "Eve Mentor"])

        page.go_back()
        expect(page).to_have_url(re.compile(r"/mentors/\?page=2$"))
        expect(cards.get_by_role("heading")).to_have_text(["Cleo Mentor", "Dev Mentor"])
