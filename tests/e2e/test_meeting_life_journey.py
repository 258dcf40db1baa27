"""Meeting life in a real browser: the countdown runs during the meeting and stops at the end of
the time box; marking it held takes the countdown away; where to meet is saved on the page and
its video link opens safely."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.meetings.models import Meeting
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.tests.factories import IntroFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LINK = "https://meet.example.com/abc-defg-hij"


@pytest.fixture
def meeting(transactional_db):
    """A 20-minute intro that began five minutes ago."""
    now = timezone.now()
    mentorship = IntroFactory(asked_at=now - timedelta(days=5), now=now - timedelta(days=4))
    meeting = ScheduledMeetingFactory(mentorship=mentorship, now=now - timedelta(days=3))
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=now - timedelta(minutes=5))
    return meeting


def test_the_countdown_stops_at_the_end_and_is_gone_once_held(
    page, meeting, log_in, assert_accessible
):
    log_in(page, meeting.mentorship.mentee.user.email, PASSWORD)
    page.clock.install(time=timezone.now())
    page.goto(meeting.get_absolute_url())
    timer = page.locator("#meeting-timer")
    expect(timer).to_have_text(re.compile(r"^1[45] minutes left in the time box$"))

    # Where to meet: saved on the page, the link opens in a new tab without an opener.
    where = page.get_by_role("region", name="Where you'll meet")
    where.get_by_text("Add a place or a video link").click()
    where.get_by_label("Video link (optional)").fill(LINK)
    where.get_by_role("button", name="Save where we'll meet").click()
    call = page.get_by_role("link", name="Join the video call")
    expect(call).to_have_attribute("href", LINK)
    expect(call).to_have_attribute("rel", "noopener")
    assert_accessible(page)

    page.clock.run_for("16:00")  # past the end of the 20-minute box
    expect(timer).to_have_text("Time's up: wrap up kindly, then mark how it went below.")
    expect(timer).to_have_attribute("data-state", "over")
    page.clock.run_for("05:00")  # stopped: it says the same, and nothing counts on
    expect(timer).to_have_text("Time's up: wrap up kindly, then mark how it went below.")

    page.get_by_role("button", name="Mark as held").click()
    expect(page.locator("#meeting-state")).to_have_text("Held")
    expect(page.locator("#meeting-timer")).to_have_count(0)
