"""Calendar links follow the address the site is opened on: a demo served on another host
hands out links to itself. Emails, which have no request, use the configured site address,
and a meeting's UID never changes with the host, so calendars never hold it twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tandem.core.tests.clock import NOW
from tandem.meetings.calendar.ics import REQUEST, meeting_uid
from tandem.meetings.calendar.invites import meeting_invites_send
from tandem.meetings.calendar.services import feed_for
from tandem.meetings.models import CalendarFeed
from tandem.meetings.tests.factories import meeting_row
from tandem.mentorships.tests.factories import IntroFactory

ELSEWHERE = "demo.example.net:8080"  # where the demo happens to be served
SITE = "https://tandem.example.org"  # the configured public address (TANDEM_SITE_URL)


@pytest.fixture
def meeting(db):
    return meeting_row(IntroFactory(), "scheduled", timezone.now() + timedelta(days=3))


def event_of(ics: bytes):
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    return event


@pytest.mark.django_db
class TestCalendarLinksOnAnotherHost:
    @pytest.fixture(autouse=True)
    def _configured_elsewhere(self, settings):
        settings.SITE_URL = SITE

    def test_the_calendar_page_gives_the_feed_on_the_host_it_was_opened_on(self, client, mentee):
        client.force_login(mentee.user)
        page = client.get(reverse("calendar:settings"), HTTP_HOST=ELSEWHERE).content.decode()
        token = CalendarFeed.objects.get(user=mentee.user).token
        assert f"http://{ELSEWHERE}/calendar/feed/{token}.ics" in page
        assert f"webcal://{ELSEWHERE}/calendar/feed/{token}.ics" in page
        assert SITE not in page

    def test_a_downloaded_invite_links_back_to_that_host_and_keeps_its_uid(self, client, meeting):
        client.force_login(meeting.mentorship.mentee.user)
        response = client.get(reverse("calendar:invite", args=[meeting.pk]), HTTP_HOST=ELSEWHERE)
        event = event_of(response.content)
        assert str(event["URL"]) == f"http://{ELSEWHERE}/meetings/{meeting.pk}/"
        assert f"http://{ELSEWHERE}/meetings/{meeting.pk}/" in str(event["DESCRIPTION"])
        assert (
            str(event["UID"]) == meeting_uid(meeting) == f"meeting-{meeting.pk}@tandem.example.org"
        )

    def test_the_feed_links_to_the_host_the_calendar_app_asked(self, client, meeting):
        token = feed_for(user=meeting.mentorship.mentor.user).token
        response = client.get(reverse("calendar:feed", args=[token]), HTTP_HOST=ELSEWHERE)
        assert (
            str(event_of(response.content)["URL"]) == f"http://{ELSEWHERE}/meetings/{meeting.pk}/"
        )

    def test_an_emailed_invite_has_no_request_so_it_uses_the_site_address(self, meeting):
        mail.outbox.clear()  # the intro's own notices
        meeting_invites_send(meeting, method=REQUEST, now=NOW)
        assert len(mail.outbox) == 2
        for message in mail.outbox:
            assert f"{SITE}/meetings/{meeting.pk}/" in message.body
            assert f"{SITE}/calendar/" in message.body
            assert ELSEWHERE not in message.body
