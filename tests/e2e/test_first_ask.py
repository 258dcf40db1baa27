"""A new visitor's way from the front page to a sent ask, counted in actions (issue 10).

Every click, fill, check, choice and page opened counts as one action, as a person would do
them; the way through must take at most 25.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Locator, Page, expect

from tandem.matching.index import mentor_index_clear
from tandem.mentorships.models import Ask
from tandem.profiles.tests.factories import MentorProfileFactory, offer, speak

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MOST_ACTIONS = 25
ACTIVATE_URL = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


class Person:
    """A browser that counts what its person does."""

    def __init__(self, page: Page) -> None:
        self.page, self.actions = page, 0

    def open(self, url: str) -> None:
        self.actions += 1
        self.page.goto(url)

    def click(self, target: Locator) -> None:
        self.actions += 1
        target.click()

    def fill(self, target: Locator, text: str) -> None:
        self.actions += 1
        target.fill(text)

    def check(self, target: Locator) -> None:
        self.actions += 1
        target.check()

    def choose(self, target: Locator, label: str) -> None:
        self.actions += 1
        target.select_option(label=label)


@pytest.fixture
def mentors(transactional_db):
    mentor_index_clear()
    grace = MentorProfileFactory(
        user__first_name="Grace", user__last_name="Okafor", job_title="Head of engineering",
        level=6, function="engineering", focus_areas_offered=["leadership"],
    )  # fmt: skip
    offer(grace, "javascript", proficiency=4)
    offer(grace, "team-leadership")
    speak(grace, "en")
    yield grace
    mentor_index_clear()


def test_a_new_visitor_sends_an_ask_in_at_most_25_actions(page, mentors, assert_accessible):
    amara = Person(page)
    amara.open("/")
    amara.click(page.get_by_role("main").get_by_role("button", name="Join Tandem"))
    amara.fill(page.get_by_label("First name"), "Amara")
    amara.fill(page.get_by_label("Last name"), "Nwosu")
    amara.fill(page.get_by_label("Email"), "amara@example.com")
    amara.fill(page.get_by_label(re.compile(r"^Password:?$")), "brisk-otter-lantern-88")
    amara.fill(page.get_by_label("Password (again)"), "brisk-otter-lantern-88")
    amara.click(page.get_by_role("button", name="Create my account"))
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    link = ACTIVATE_URL.search(mail.outbox[-1].body)
    assert link
    amara.open(link.group(0))
    amara.click(page.get_by_role("button", name="Confirm"))

    expect(page.get_by_role("heading", level=1)).to_have_text("About you")
    amara.check(page.get_by_label("I want a mentor"))
    amara.fill(page.get_by_label("Current role"), "Backend developer")
    amara.choose(page.get_by_label("Level"), "2 · Junior")
    amara.click(page.get_by_role("button", name="Continue"))

    expect(page.get_by_role("heading", level=1)).to_have_text("What you want to learn")
    amara.fill(page.get_by_label("Add a skill"), "JS")
    amara.click(page.get_by_role("button", name="Add", exact=True))
    expect(page.get_by_role("list", name="Skills you want to learn")).to_contain_text("JavaScript")
    amara.check(page.get_by_label("Leadership"))
    amara.click(page.get_by_role("button", name="Finish"))

    # Onboarding ends on the matches, with the next step said.
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentors recommended for you")
    expect(page.get_by_role("status").filter(has_text="Welcome")).to_contain_text(
        "ask for 20 minutes"
    )
    assert_accessible(page)
    amara.click(page.get_by_role("button", name="Ask Grace Okafor for an intro").first)

    expect(page.get_by_role("heading", level=1)).to_have_text("Ask Grace Okafor for a short intro")
    expect(page.get_by_label("Leadership")).to_be_checked()  # what both share, ready to go
    amara.fill(
        page.get_by_label("Your note"),
        "I'm a backend developer hoping to lead a team. Could we talk for 20 minutes?",
    )
    amara.click(page.get_by_role("button", name="Send my request"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Your request to Grace Okafor")
    ask = Ask.objects.get()
    assert (ask.mentor, ask.state) == (mentors, Ask.State.PENDING)
    assert amara.actions <= MOST_ACTIONS, f"{amara.actions} actions from the front page"
