"""Searching the directory: one request per search, no console errors, "did you mean" for typos."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.matching.index import mentor_index_clear
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer, speak
from tandem.skills.models import Skill

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def searching(page, log_in):
    """A mentee on the directory, with every request to it and every console error recorded."""
    offer(MentorProfileFactory(user__first_name="Priya", user__last_name="Product"),
          "product-management")  # fmt: skip
    offer(MentorProfileFactory(user__first_name="Mark", user__last_name="Marketing"),
          "product-marketing")  # fmt: skip
    mentee = ProfileFactory()
    log_in(page, mentee.user.email, PASSWORD)
    searches: list[str] = []
    errors: list[str] = []
    page.on(
        "request",
        lambda r: (
            searches.append(r.url)
            if urlparse(r.url).path == "/mentors/" and r.resource_type in {"xhr", "fetch"}
            else None
        ),
    )
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/mentors/")
    return page, searches, errors


def _settled(page) -> None:
    """Let any request a search would still send go out (htmx sends at once; this is margin)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


class TestDirectorySearch:
    def test_typing_a_skill_and_pressing_enter_sends_one_request(self, searching):
        page, searches, errors = searching
        results = page.locator("#directory-results")
        page.get_by_role("searchbox", name="Skill").fill("PM")
        page.get_by_role("searchbox", name="Skill").press("Enter")
        expect(results.get_by_role("heading", level=2)).to_have_text("1 mentor")
        expect(results.get_by_role("article")).to_contain_text("Priya Product")
        expect(page).to_have_url(re.compile(r"[?&]skill=PM(&|$)"))
        _settled(page)
        assert len(searches) == 1, searches
        assert errors == []

    def test_the_search_button_and_a_filter_each_send_one_request(self, searching):
        page, searches, errors = searching
        results = page.locator("#directory-results")
        page.get_by_role("searchbox", name="Skill").fill("product marketing")
        page.get_by_role("button", name="Search").click()
        expect(results.get_by_role("heading", level=2)).to_have_text("1 mentor")
        expect(results.get_by_role("article")).to_contain_text("Mark Marketing")
        _settled(page)
        assert len(searches) == 1, searches

        page.get_by_label("Only mentors taking new requests").check()
        expect(page).to_have_url(re.compile(r"[?&]available=1(&|$)"))
        _settled(page)
        assert len(searches) == 2, searches
        assert errors == []

    def test_a_misspelt_skill_gets_a_friendly_did_you_mean(self, searching, assert_accessible):
        page, _searches, errors = searching
        page.get_by_role("searchbox", name="Skill").fill("product managment")
        page.get_by_role("searchbox", name="Skill").press("Enter")
        note = page.locator("#directory-results").get_by_role("status")
        expect(note).to_contain_text("Did you mean")
        expect(note).not_to_have_class(re.compile(r"warning|error"))
        assert_accessible(page)

        note.get_by_role("link", name="Product management", exact=True).click()
        expect(page).to_have_url(re.compile(r"[?&]skill=Product(%20|\+)management(&|$)"))
        results = page.locator("#directory-results")
        expect(results.get_by_role("heading", level=2)).to_have_text("1 mentor")
        expect(results.get_by_role("article")).to_contain_text("Priya Product")
        assert errors == []


@pytest.fixture
def recommended(transactional_db):
    """A mentee who wants Python and a mentor who knows it well."""
    mentor_index_clear()
    mentee = ProfileFactory(level=2)
    mentee.skills_wanted.add(Skill.objects.get(slug="python"))
    speak(mentee, "en")
    mentor = MentorProfileFactory(user__first_name="Ines", user__last_name="Carvalho", level=5)
    offer(mentor, "python", proficiency=4)
    speak(mentor, "en")
    yield mentee
    mentor_index_clear()


class TestRecommendationStrip:
    def test_search_comes_first_and_recommendations_are_one_line_each(
        self, page, recommended, log_in, assert_accessible
    ):
        log_in(page, recommended.user.email, PASSWORD)
        page.goto("/mentors/")
        strip = page.get_by_role("region", name="Recommended for you")
        line = strip.get_by_role("listitem").filter(has_text="Ines Carvalho")
        expect(line).to_contain_text(re.compile(r"\d+/100"))
        expect(line).to_contain_text("Knows Python at expert level")
        expect(strip.get_by_role("article")).to_have_count(0)
        assert_accessible(page)

        # Wide: the strip sits under the filters, beside the results.
        search = page.get_by_role("searchbox", name="Skill").bounding_box()
        results = page.locator("#directory-results").bounding_box()
        box = strip.bounding_box()
        assert search
        assert results
        assert box
        assert box["y"] > search["y"]
        assert box["x"] < results["x"]

        # A phone: filters, then results, then the strip.
        page.set_viewport_size({"width": 390, "height": 844})
        results = page.locator("#directory-results").bounding_box()
        box = strip.bounding_box()
        assert results
        assert box
        assert box["y"] > results["y"]

        strip.get_by_role("link", name="All recommendations, with every reason").click()
        expect(page).to_have_url(re.compile(r"/mentors/recommended/$"))
        expect(page.get_by_role("article").filter(has_text="Ines Carvalho")).to_be_visible()
