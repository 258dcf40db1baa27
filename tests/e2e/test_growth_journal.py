"""The journal in a real browser on a 360 px phone: a mentee notes a new manager (a day in the
future first: a message at the field, nothing saved), answers the fresh-eyes prompt that
follows, finds the entry in the journal, then writes a short question from it into their next
meeting; only that question reaches the agenda. Every page fits the screen and passes axe."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.growth.journal.models import JournalEntry
from tandem.growth.journal.prompts import FRESH_EYES
from tandem.meetings.models import AgendaItem, Meeting
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

from .test_phones import WIDER_THAN_THE_SCREEN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NARROW = {"width": 360, "height": 780}
WHAT_HAPPENED = "Dana replaced Marek as head of the analytics team and cancelled all standups."
ANSWER = "A newcomer would see that I never share what I'm working on unless asked."
QUESTION = "I have a new manager who dislikes meetings. How do I keep her in the loop?"


@pytest.fixture
def meeting(transactional_db) -> Meeting:
    """An active mentorship with its next meeting booked ahead (the real clock)."""
    now = timezone.now()
    mentee = ProfileFactory(user__first_name="Ines", user__last_name="Varga")
    mentor = MentorProfileFactory(user__first_name="Tomas", user__last_name="Eriksen")
    mentorship = ActiveMentorshipFactory(
        mentee=mentee, mentor=mentor, asked_at=now - timedelta(days=10),
        now=now - timedelta(days=9),
    )  # fmt: skip
    return Meeting.objects.get(pk=ScheduledMeetingFactory(mentorship=mentorship, now=now).pk)


def _fits(page: Page) -> None:
    wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert wide is None, f"{page.url} scrolls sideways on a 360 px phone: {wide}"


def test_note_a_change_look_again_and_take_a_question_to_the_next_meeting(
    page: Page, meeting: Meeting, log_in, assert_accessible
) -> None:
    mentee = meeting.mentorship.mentee.user
    log_in(page, mentee.email, PASSWORD)
    page.set_viewport_size(NARROW)

    page.goto("/growth/journal/")
    expect(page.get_by_role("heading", name="Your journal", level=1)).to_be_visible()
    expect(page.get_by_text("Nothing here yet")).to_be_visible()
    _fits(page)
    assert_accessible(page)

    # A day ahead is refused at the field, and nothing is saved.
    page.get_by_role("button", name="Write an entry").click()  # a link styled as one
    expect(page.get_by_role("heading", name="What changed around you?", level=1)).to_be_visible()
    tomorrow = timezone.localdate() + timedelta(days=2)
    page.get_by_label("When did it happen?").fill(tomorrow.isoformat())
    page.get_by_label("A new manager").check()
    page.get_by_label("What happened").fill(WHAT_HAPPENED)
    page.get_by_role("button", name="Save the entry").click()
    expect(page.get_by_text("Pick today or a day before")).to_be_visible()
    expect(page.get_by_label("When did it happen?")).to_have_attribute("aria-invalid", "true")
    _fits(page)
    assert_accessible(page)
    assert not JournalEntry.objects.exists()

    # Today is fine; the entry's page then asks its fresh-eyes question.
    page.get_by_label("When did it happen?").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save the entry").click()
    expect(page.get_by_role("heading", name="A new manager", level=1)).to_be_visible()
    prompt = page.get_by_label(FRESH_EYES["new_manager"])
    expect(prompt).to_be_visible()
    _fits(page)
    assert_accessible(page)
    prompt.fill(ANSWER)
    page.get_by_role("button", name="Save", exact=True).click()

    # The journal shows it, with the answer.
    expect(page.get_by_role("heading", name="Your journal", level=1)).to_be_visible()
    entries = page.get_by_role("list", name="Your entries, newest first")
    expect(entries).to_contain_text(WHAT_HAPPENED)
    expect(entries).to_contain_text(ANSWER)
    _fits(page)
    assert_accessible(page)

    # Share: the next meeting is offered, with a draft question to rewrite.
    page.get_by_role("link", name=re.compile("^Share into my next meeting")).click()
    expect(page.get_by_role("heading", name="Share into my next meeting", level=1)).to_be_visible()
    expect(page.get_by_label(re.compile("The meeting with Tomas Eriksen on"))).to_be_checked()
    question = page.get_by_label("Your question for the agenda")
    expect(question).to_have_value(re.compile("^I have a new manager"))
    _fits(page)
    assert_accessible(page)
    question.fill(QUESTION)
    page.get_by_role("button", name="Add it to the agenda").click()
    expect(page.get_by_role("status")).to_contain_text("Your journal entry stays private")

    # Only the question went; the meeting page shows it to the pair.
    assert list(AgendaItem.objects.values_list("meeting_id", "text")) == [(meeting.pk, QUESTION)]
    page.goto(meeting.get_absolute_url())
    expect(page.locator("main")).to_contain_text(QUESTION)
    expect(page.locator("main")).not_to_contain_text(WHAT_HAPPENED)
    expect(page.locator("main")).not_to_contain_text(ANSWER)
