"""Career growth end to end in a real browser, on a 360 px phone (issue 15): a mentee with a
mentor and a meeting booked opens "Your growth" from the menu, makes a career plan, weighs a
degree against a certificate (the chart drawn, both side by side), takes the "Am I stuck?"
check and puts one of its suggestions on the agenda of the next meeting; the hub then says
where they stand in each, and the mentor sees the question (and nothing else) on the meeting's
page. axe passes on every page and nothing scrolls sideways. The tools' own journeys
(test_growth_*.py) go deeper into each one."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.growth.education.models import Scenario
from tandem.growth.stuck.questionnaire import STATEMENTS, SUGGESTION_BY_KEY
from tandem.meetings.models import Meeting
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

from .conftest import TIMEOUT_MS
from .test_phones import WIDER_THAN_THE_SCREEN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 780}
TOOLS = {"tools_avoid", "tools_old_way", "tools_lost"}  # "falling behind on tools"
SUGGESTION = SUGGESTION_BY_KEY["tools_hour"][1]


@pytest.fixture
def meeting(transactional_db) -> Meeting:
    """Noor (mentee) and Sam (mentor), an active mentorship with a meeting in three days."""
    now = timezone.now()
    mentorship = ActiveMentorshipFactory(
        mentee=ProfileFactory(user__first_name="Noor", user__last_name="Haddad", timezone="UTC"),
        mentor=MentorProfileFactory(
            user__first_name="Sam", user__last_name="Okafor", timezone="UTC"
        ),
        asked_at=now - timedelta(days=20), now=now - timedelta(days=17),
    )  # fmt: skip
    meeting = ScheduledMeetingFactory(
        mentorship=mentorship, now=now, slots=[now + timedelta(days=3), now + timedelta(days=4)]
    )
    return Meeting.objects.get(pk=meeting.pk)  # the model, as the factory's type is not


def _checked(page: Page, assert_accessible) -> None:
    wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert wide is None, f"{page.url} scrolls sideways at 360 px: {wide}"
    assert_accessible(page)


def _to_hub(page: Page) -> None:
    menu = page.locator("#site-menu")
    menu.locator("summary").click()
    menu.get_by_role("link", name="Your growth", exact=True).click()
    expect(page.get_by_role("heading", name="Your growth", level=1)).to_be_visible()


def _tool(page: Page, title: str):
    return page.get_by_role("article").filter(has=page.get_by_role("heading", name=title, level=2))


def test_a_plan_two_scenarios_and_a_stuck_check_that_reaches_the_next_meeting(
    browser, live_server, meeting: Meeting, log_in, assert_accessible
) -> None:
    mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    log_in(page, mentee.email, PASSWORD)
    page.set_viewport_size(PHONE)

    # From the menu to the hub: every tool, none started.
    page.goto("/home/")
    _to_hub(page)
    expect(page.get_by_role("article")).to_have_count(6)
    _checked(page, assert_accessible)

    # The career plan: where Noor wants to be.
    _tool(page, "Career plan").get_by_role("link", name="Start your plan").click()
    expect(page.get_by_role("heading", name="Your career plan", level=1)).to_be_visible()
    page.get_by_label("Job title").fill("Head of analytics")
    page.get_by_label("Level").select_option(label="8 · Director")
    page.get_by_label("By when").fill("2031-06-30")
    page.get_by_role("button", name="Start my plan").click()
    expect(page.get_by_text(re.compile("Plan saved"))).to_be_visible()
    page.get_by_label("A goal that follows from the plan").fill("Run the quarterly review")
    page.get_by_role("button", name="Add the goal").click()
    expect(page.locator("#plan-goals")).to_contain_text("Run the quarterly review")
    _checked(page, assert_accessible)

    # The calculator: a degree and a certificate from the rough examples, side by side.
    _to_hub(page)
    _tool(page, "Education return").get_by_role("link", name="Work one out").click()
    for example, name in (("a degree", "A degree"), ("a certificate", "A certificate")):
        page.get_by_role("link", name=example, exact=True).click()
        expect(page.get_by_label("Name", exact=True)).to_have_value(name)
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
        scenario = Scenario.objects.get(owner=mentee, name=name)
        chart = page.locator(f"#chart-scenario-{scenario.pk} canvas[data-drawn]")
        expect(chart).to_have_count(1)
        _checked(page, assert_accessible)
        page.get_by_role("link", name="← Your scenarios").click()
    compare = page.get_by_role("table", name="Your scenarios compared")
    expect(compare.get_by_role("row")).to_have_count(3)  # headings and the two scenarios
    expect(compare).to_contain_text("A degree")
    expect(compare).to_contain_text("A certificate")
    _checked(page, assert_accessible)

    # The stuck check: falling behind on tools stands out; one suggestion goes to Sam.
    _to_hub(page)
    _tool(page, "Am I stuck?").get_by_role("link", name="Take the check").click()
    for number, statement in enumerate(STATEMENTS, start=1):
        answer = "Very much me" if statement.key in TOOLS else "Not me"
        group = page.get_by_role("group", name=f"{number}. {statement.text}", exact=True)
        group.get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="See my result").click()
    expect(page.locator("#stuck-reading")).to_contain_text("falling behind on tools")
    _checked(page, assert_accessible)
    suggestion = page.get_by_role("article", name=SUGGESTION.goal)
    suggestion.get_by_role("button", name="Ask Sam Okafor at your next meeting").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Added to the agenda of your meeting with Sam Okafor"
    )
    _checked(page, assert_accessible)

    # The hub says where Noor stands in each tool she used.
    _to_hub(page)
    expect(_tool(page, "Career plan")).to_contain_text(
        "Aiming for Head of analytics by 30 June 2031; 1 goal."
    )
    expect(_tool(page, "Education return")).to_contain_text("2 scenarios saved.")
    expect(_tool(page, "Am I stuck?")).to_contain_text("Last taken on")
    expect(_tool(page, "Journal")).to_contain_text("Nothing written yet.")
    _checked(page, assert_accessible)
    context.close()

    # Sam sees the question on the meeting's page, and nothing of the plan or the check.
    other = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="UTC")
    other.set_default_timeout(TIMEOUT_MS)
    mentor_page = other.new_page()
    log_in(mentor_page, mentor.email, PASSWORD)
    mentor_page.goto(meeting.get_absolute_url())
    expect(mentor_page.get_by_role("region", name="Agenda")).to_contain_text(SUGGESTION.question)
    body = mentor_page.locator("body")
    expect(body).not_to_contain_text("Head of analytics")
    expect(body).not_to_contain_text("Falling behind on tools")
    assert_accessible(mentor_page)
    other.close()
