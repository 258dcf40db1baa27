"""Messages between the pair, in two browsers (mentee and mentor).

The mentee sends an ask and a follow-up, and is then told to wait for an answer; the mentor
finds "1 new" beside the request in their inbox, reads the follow-up on the ask page and
replies from a 390 px phone (no sideways scroll); the mentee finds the reply marked new, and
once read it is no longer new. Each thread view passes axe.
"""

import re

import pytest
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, speak

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FOLLOW_UP = "One more thing: mornings before 10 suit me best. Notes: https://example.com/" + (
    "a-rather-long-path/that-goes-on/and-on/for-a-phone-screen"
)
REPLY = "Mornings work. Shall we say Tuesday? Bring your two biggest questions."
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def pair(transactional_db):
    mentee = ProfileFactory(user__first_name="Noor", user__last_name="Haddad", timezone="UTC")
    mentor = MentorProfileFactory(
        user__first_name="Ines", user__last_name="Carvalho", timezone="UTC",
        focus_areas_offered=["leadership"],
    )  # fmt: skip
    speak(mentee, "en")
    speak(mentor, "en")
    return mentee, mentor


@pytest.fixture
def second_page(browser, live_server):
    """The mentor's browser: a separate context, so separate cookies."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="UTC")
    yield context.new_page()
    context.close()


def conversation(page):
    return page.get_by_role("region", name=re.compile(r"^Messages with"))


def assert_fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"


def test_ask_follow_up_reply_and_read(page, second_page, pair, log_in, assert_accessible):
    mentee, mentor = pair
    mentor_page = second_page

    # The mentee asks, then writes the one follow-up they may send before an answer.
    log_in(page, mentee.user.email, PASSWORD)
    page.goto(f"/mentors/{mentor.pk}/ask/")
    page.get_by_label("Leadership").check()
    page.get_by_label("Your note").fill(
        "I'm a data analyst hoping to lead a team next year. Could we talk for 20 minutes?"
    )
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your request to Ines Carvalho")
    thread = conversation(page)
    expect(thread).to_contain_text("Until Ines Carvalho answers your request, you can send one")
    thread.get_by_label("Your message").fill(FOLLOW_UP)
    thread.get_by_role("button", name="Send").click()
    expect(thread).to_contain_text("mornings before 10 suit me best")
    expect(thread).to_contain_text("You've written to Ines Carvalho already")
    expect(thread.get_by_label("Your message")).to_have_count(0)
    assert_accessible(page)

    # The mentor sees "1 new" beside the request, reads it on the ask page and replies.
    log_in(mentor_page, mentor.user.email, PASSWORD)
    mentor_page.set_viewport_size(PHONE)  # the mentor answers from a phone
    mentor_page.goto("/asks/")
    expect(mentor_page.locator(".ask-waiting")).to_contain_text("1 new")
    mentor_page.get_by_role("link", name="Noor Haddad").first.click()
    thread = conversation(mentor_page)
    expect(thread.get_by_role("heading", level=2)).to_have_text("Messages with Noor Haddad 1 new")
    expect(thread).to_contain_text("mornings before 10 suit me best")
    link = thread.get_by_role("link", name=re.compile(r"^https:..example\.com"))
    expect(link).to_have_attribute("rel", "nofollow noopener")
    assert_accessible(mentor_page)
    assert_fits(mentor_page)
    thread.get_by_label("Your message").fill(REPLY)
    thread.get_by_role("button", name="Send").click()
    expect(thread).to_contain_text(REPLY)
    expect(thread.get_by_role("heading", level=2)).to_have_text("Messages with Noor Haddad")

    # The mentee finds the reply marked new, on its own page from the notification.
    page.goto("/asks/")
    expect(page.get_by_role("region", name="Your requests")).to_contain_text("1 new")
    page.goto("/notifications/")
    page.get_by_role("button", name="Ines Carvalho sent you a message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your conversation with Ines Carvalho"
    )
    reply = page.locator(".message").filter(has_text=REPLY)
    expect(reply).to_contain_text("New")
    assert_accessible(page)
    page.reload()
    expect(page.locator(".message").filter(has_text=REPLY)).not_to_contain_text("New")
    expect(conversation(page).get_by_label("Your message")).to_be_visible()  # their turn again
