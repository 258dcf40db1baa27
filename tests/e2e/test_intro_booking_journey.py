"""A mentor accepts an ask by picking one of the mentee's times, in a real browser.

Aiko (Tokyo) suggested two times; Ines (Lisbon) sees each on her own clock with Aiko's beside
it, picks the second, and lands on the intro page, which leads with the booked meeting. Both
get the calendar invite by email, and the meeting page shows the time in Ines's timezone.
"""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.meetings.models import Meeting
from tandem.mentorships.tests.factories import AskFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LISBON, TOKYO = ZoneInfo("Europe/Lisbon"), ZoneInfo("Asia/Tokyo")
PHONE = {"width": 390, "height": 844}


def at_hour(days: int, hour: int, minute: int = 0) -> datetime:
    day = (timezone.now() + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


@pytest.fixture
def ask(transactional_db):
    mentee = ProfileFactory(
        user__first_name="Aiko", user__last_name="Tanaka", timezone="Asia/Tokyo"
    )
    mentor = MentorProfileFactory(
        user__first_name="Ines", user__last_name="Carvalho", timezone="Europe/Lisbon"
    )
    times = [at_hour(3, 9), at_hour(4, 10, 30)]
    return AskFactory(
        mentee=mentee, mentor=mentor, proposed_times=[t.isoformat() for t in times],
        now=timezone.now() - timedelta(hours=2),
    )  # fmt: skip


def fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def test_accept_by_picking_a_time_books_the_intro_with_invites(
    page, ask, log_in, assert_accessible
):
    picked = at_hour(4, 10, 30)
    mine, theirs = picked.astimezone(LISBON), picked.astimezone(TOKYO)
    log_in(page, ask.mentor.user.email, PASSWORD)
    page.set_viewport_size(PHONE)  # after logging in: the phone menu hides "Log out"
    page.goto(ask.get_absolute_url())

    # Each time on the mentor's clock, with Aiko's beside it.
    choice = page.get_by_label(re.compile(f"{mine:%H:%M}.*your time"))
    expect(choice).to_be_visible()
    answer = page.get_by_role("article", name="Your answer")
    theirs_words = f"{theirs:%H:%M}" if theirs.date() == mine.date() else f"{theirs:%a}"
    expect(answer).to_contain_text(re.compile(f"{theirs_words}.* for Aiko in Asia/Tokyo"))
    expect(page.get_by_role("button", name="None of these work")).to_be_visible()
    fits_the_phone(page)
    assert_accessible(page)

    mail.outbox.clear()
    choice.check()
    page.get_by_role("button", name="Accept and book this time").click()

    # The intro page leads with the booked meeting, before the contact details.
    expect(page.locator("#mentorship-state")).to_have_text("Intro")
    intro = page.get_by_role("region", name="Your intro")
    expect(intro).to_contain_text(f"{mine:%H:%M}–")
    expect(intro).to_contain_text("(Europe/Lisbon)")
    expect(intro).to_contain_text("20-minute time box")
    expect(page.get_by_role("region", name="Contact")).to_contain_text(ask.mentee.user.email)
    assert page.evaluate(
        "document.querySelector('#intro-meeting').compareDocumentPosition("
        "document.querySelector('#contact-title')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    expect(page.locator("#agreement-after-intro")).to_contain_text("After your intro")
    fits_the_phone(page)
    assert_accessible(page)

    # Both have the invite: two emails, each with its .ics for the picked time.
    invites = [m for m in mail.outbox if m.attachments]
    assert sorted(m.to[0] for m in invites) == sorted(
        [ask.mentee.user.email, ask.mentor.user.email]
    )
    for message in invites:
        [ics] = [a for a in message.attachments if a.get_content_type() == "text/calendar"]
        event = next(iter(Calendar.from_ical(ics.get_payload(decode=True)).walk("VEVENT")))
        assert event.decoded("DTSTART") == picked

    # The meeting page: the time on the mentor's clock, and when it can be marked held.
    intro.get_by_role("link", name="Agenda, notes and where to meet").click()
    meeting = Meeting.objects.get()
    expect(page.locator("#meeting-state")).to_have_text("Scheduled")
    when = page.locator(".time-box-when")
    expect(when).to_contain_text(f"{mine:%H:%M}")
    expect(when).to_contain_text("Europe/Lisbon")
    expect(page.locator("#mark-from")).to_contain_text("You can mark it held from")
    assert meeting.starts_at == picked
    fits_the_phone(page)
    assert_accessible(page)
