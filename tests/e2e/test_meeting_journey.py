"""A meeting from offered times to feedback, in two browsers (mentee and mentor).

The mentor picks one of the mentee's times and downloads the invite; the mentee adds agenda
questions; once the meeting has started the mentee marks it held, thanks the mentor, adds an
action item and reports how it went; both give feedback; the mentor sees all of it.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.meetings.models import Meeting
from tandem.meetings.tests.factories import ProposedMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def meeting(transactional_db):
    now = timezone.now()
    mentee = ProfileFactory(user__first_name="Noor", user__last_name="Haddad", timezone="UTC")
    mentor = MentorProfileFactory(
        user__first_name="Ines", user__last_name="Carvalho", timezone="UTC"
    )
    mentorship = ActiveMentorshipFactory(
        mentee=mentee, mentor=mentor, asked_at=now - timedelta(days=20),
        now=now - timedelta(days=17), goals=("Lead a team retrospective", "Write a hiring plan"),
        cadence="2w", meeting_minutes=30,
    )  # fmt: skip
    tomorrow = (now + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    return ProposedMeetingFactory(
        mentorship=mentorship, now=now, slots=[tomorrow, tomorrow + timedelta(hours=4)]
    )


@pytest.fixture
def second_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="UTC", accept_downloads=True
    )
    yield context.new_page()
    context.close()


def test_schedule_prepare_hold_thank_and_give_feedback(
    page, second_page, meeting, log_in, assert_accessible
):
    mentee, mentor = meeting.mentorship.mentee, meeting.mentorship.mentor
    mentor_page = second_page

    # The mentor picks the second time offered and downloads the invite.
    log_in(mentor_page, mentor.user.email, PASSWORD)
    mentor_page.get_by_role("link", name=re.compile(r"^Notifications\W+\d+ unread$")).click()
    mentor_page.get_by_role("button", name=re.compile("Noor Haddad suggested times")).click()
    expect(mentor_page.get_by_text("30-minute time box")).to_be_visible()
    assert_accessible(mentor_page)
    mentor_page.get_by_label(re.compile("14:00")).check()
    mentor_page.get_by_role("button", name="Pick this time").click()
    expect(mentor_page.locator("#meeting-state")).to_have_text("Scheduled")
    with mentor_page.expect_download() as download:
        mentor_page.get_by_role("link", name=re.compile("Download the calendar invite")).click()
    invite = Calendar.from_ical(Path(download.value.path()).read_bytes())
    event = next(iter(invite.walk("VEVENT")))
    assert str(invite["METHOD"]) == "REQUEST"
    assert event.decoded("DTSTART").hour == 14

    # The mentee prepares two questions.
    log_in(page, mentee.user.email, PASSWORD)
    page.goto(f"/meetings/{meeting.pk}/")
    expect(page.locator("#meeting-state")).to_have_text("Scheduled")
    for question in ("How did you run your first retrospective?", "What would you cut?"):
        page.get_by_label("A question for the agenda").fill(question)
        page.get_by_role("button", name="Add to the agenda").click()
        expect(page.get_by_role("region", name="Agenda")).to_contain_text(question)
    assert_accessible(page)

    # The meeting starts (the test moves the clock: the time is set in the past).
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(minutes=40))
    page.reload()
    page.get_by_role("button", name="Mark as held").click()
    expect(page.locator("#meeting-state")).to_have_text("Held")

    page.get_by_label("Your thank-you note").fill("Your retro template was exactly what I needed.")
    page.get_by_role("button", name="Send my thank-you").click()
    expect(page.get_by_text("Thank you sent.")).to_be_visible()
    page.get_by_label("What will be tried").fill("Run a retro with my team")
    page.get_by_role("button", name="Add the action item").click()
    actions = page.get_by_role("region", name="Action items")
    expect(actions).to_contain_text("Run a retro with my team")
    actions.get_by_text("Report what happened").click()
    actions.get_by_label("What happened").select_option("tried")
    actions.get_by_label("How it went (optional)").fill("Quiet at first, then great ideas")
    actions.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_role("region", name="Action items")).to_contain_text(
        "Quiet at first, then great ideas"
    )
    page.get_by_label("5: very useful").check()
    page.get_by_label("Where did it help?").fill("Concrete steps for the retro")
    page.get_by_role("button", name="Share my feedback").click()
    expect(page.get_by_text("You gave this meeting 5 out of 5")).to_be_visible()
    assert_accessible(page)

    # The mentor sees the note, the outcome and the feedback, and gives their own.
    mentor_page.reload()
    expect(mentor_page.get_by_role("region", name="Thank you")).to_contain_text(
        "Your retro template was exactly what I needed."
    )
    expect(mentor_page.get_by_role("region", name="Action items")).to_contain_text(
        "Quiet at first, then great ideas"
    )
    feedback = mentor_page.get_by_role("region", name="Feedback")
    expect(feedback).to_contain_text("5 out of 5")
    expect(feedback).to_contain_text("Concrete steps for the retro")
    mentor_page.get_by_label("4", exact=True).check()
    mentor_page.get_by_label("What did you appreciate?").fill("You came with clear questions")
    mentor_page.get_by_role("button", name="Share my feedback").click()
    expect(mentor_page.get_by_text("You gave this meeting 4 out of 5")).to_be_visible()
    assert_accessible(mentor_page)
