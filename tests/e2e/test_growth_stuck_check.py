"""The "Am I stuck?" check in a real browser, on a 360 px phone: a mentee answers the
questionnaire, sees that falling behind on tools stands out, and in one click puts one of its
suggestions on the agenda of the next meeting with their mentor; the mentor then sees that
question (and nothing else of the check) on the meeting's page. Noor then deletes the check;
the question stays on the agenda. axe passes on every page and nothing scrolls sideways."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.growth.stuck.models import StuckCheck
from tandem.growth.stuck.questionnaire import STATEMENTS, SUGGESTION_BY_KEY
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
WIDER_THAN_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"
TOOLS = {"tools_avoid", "tools_old_way", "tools_lost"}
SUGGESTION = SUGGESTION_BY_KEY["tools_hour"][1]


@pytest.fixture
def meeting(transactional_db):
    """An active mentorship between Noor (mentee) and Sam (mentor) with a meeting booked in
    three days."""
    now = timezone.now()
    mentorship = ActiveMentorshipFactory(
        mentee=ProfileFactory(user__first_name="Noor", user__last_name="Haddad", timezone="UTC"),
        mentor=MentorProfileFactory(
            user__first_name="Sam", user__last_name="Okafor", timezone="UTC"
        ),
        asked_at=now - timedelta(days=20), now=now - timedelta(days=17),
    )  # fmt: skip
    return ScheduledMeetingFactory(
        mentorship=mentorship, now=now, slots=[now + timedelta(days=3), now + timedelta(days=4)]
    )


@pytest.fixture
def mentor_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="UTC")
    yield context.new_page()
    context.close()


def _fits(page) -> None:
    assert not page.evaluate(WIDER_THAN_SCREEN), f"{page.url} scrolls sideways at 360 px"


def test_a_suggestion_becomes_a_question_on_the_next_meetings_agenda(
    page, mentor_page, meeting, log_in, assert_accessible
) -> None:
    mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
    log_in(page, mentee.email, PASSWORD)  # on a wide screen, where "Log out" shows
    page.set_viewport_size(PHONE)

    # The questionnaire: falling behind on tools is "very much me", the rest is not.
    page.goto("/growth/stuck/")
    expect(page.get_by_role("heading", name="Am I stuck?", level=1)).to_be_visible()
    _fits(page)
    assert_accessible(page)
    page.get_by_role("button", name="See my result").click()  # nothing answered yet
    expect(page.locator("#stuck-errors")).to_contain_text("still need an answer")
    assert not StuckCheck.objects.exists()
    for number, statement in enumerate(STATEMENTS, start=1):
        answer = "Very much me" if statement.key in TOOLS else "Not me"
        group = page.get_by_role("group", name=f"{number}. {statement.text}", exact=True)
        group.get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="See my result").click()

    # The result: one cause stands out, with its suggestions.
    expect(page.locator("#stuck-reading")).to_contain_text(
        "One thing stands out: falling behind on tools."
    )
    _fits(page)
    assert_accessible(page)
    suggestion = page.get_by_role("article", name=SUGGESTION.goal)
    expect(suggestion).to_contain_text(SUGGESTION.question)
    suggestion.get_by_role("button", name="Ask Sam Okafor at your next meeting").click()

    when = f"{meeting.starts_at:%-d %B}"
    expect(page.get_by_role("status").first).to_have_text(
        f"Added to the agenda of your meeting with Sam Okafor on {when}. "
        "Only the question was shared."
    )
    suggestion = page.get_by_role("article", name=SUGGESTION.goal)
    expect(suggestion).to_contain_text("On the agenda with Sam Okafor.")
    expect(suggestion.get_by_role("button", name=re.compile("^Ask"))).to_have_count(0)
    _fits(page)
    assert_accessible(page)

    # Sam sees the question on the meeting's page, and nothing of the check.
    log_in(mentor_page, mentor.email, PASSWORD)
    mentor_page.goto(meeting.get_absolute_url())
    agenda = mentor_page.get_by_role("region", name="Agenda")
    expect(agenda).to_contain_text(SUGGESTION.question)
    expect(agenda).to_contain_text("Noor Haddad")
    expect(mentor_page.get_by_text("Falling behind on tools")).to_have_count(0)
    assert_accessible(mentor_page)
    check = StuckCheck.objects.get(owner=mentee)
    response = mentor_page.goto(check.get_absolute_url())
    assert response is not None
    assert response.status == 404

    # Noor deletes the check: it leaves her history; the question stays on Sam's agenda.
    page.get_by_role("button", name="Delete this check").click()
    expect(page.get_by_role("heading", name="How your checks changed", level=1)).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Deleted that check.")
    expect(page.get_by_text("You haven't taken the check yet")).to_be_visible()
    _fits(page)
    assert_accessible(page)
    assert not StuckCheck.objects.exists()
    mentor_page.goto(meeting.get_absolute_url())
    expect(mentor_page.get_by_role("region", name="Agenda")).to_contain_text(SUGGESTION.question)
