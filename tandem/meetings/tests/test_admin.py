"""Staff see meetings and what follows them in the admin, read-only; a private note shows
that it exists, never its text, and a calendar feed's secret token is not shown."""

from __future__ import annotations

import pytest

from tandem.meetings.calendar.services import feed_for
from tandem.meetings.models import Meeting, Note
from tandem.meetings.services import note_add
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory

SECRET = "Nervous about asking for the promotion"
LISTS = [
    "/admin/meetings/meeting/", "/admin/meetings/note/", "/admin/meetings/actionitem/",
    "/admin/meetings/thankyou/", "/admin/meetings/meetingfeedback/",
    "/admin/meetings/calendarfeed/",
]  # fmt: skip


@pytest.fixture
def meeting(now):
    meeting = ScheduledMeetingFactory(mentorship=ActiveMentorshipFactory(now=now), now=now)
    mentee = meeting.mentorship.mentee.user
    note_add(meeting=meeting, actor=mentee, text=SECRET, is_private=True, now=now)
    note_add(meeting=meeting, actor=mentee, text="Bring the CV", is_private=False, now=now)
    return meeting


@pytest.mark.django_db
class TestStaffLists:
    @pytest.mark.parametrize("url", LISTS)
    def test_staff_can_open_each_list(self, admin_client, meeting, url):
        assert admin_client.get(url).status_code == 200

    def test_search_and_filters_find_the_meeting(self, admin_client, meeting):
        url = "/admin/meetings/meeting/"
        mentee = meeting.mentorship.mentee.user
        assert admin_client.get(url, {"q": mentee.email}).context["cl"].result_count == 1
        assert admin_client.get(url, {"state__exact": "scheduled"}).context["cl"].result_count == 1
        assert admin_client.get(url, {"state__exact": "held"}).context["cl"].result_count == 0

    def test_a_meeting_opens_read_only_and_cannot_be_deleted(self, admin_client, meeting):
        page = admin_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/")
        assert page.status_code == 200
        assert b'name="_save"' not in page.content
        assert admin_client.get("/admin/meetings/meeting/add/").status_code == 403
        url = f"/admin/meetings/meeting/{meeting.pk}/delete/"
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
        assert Meeting.objects.filter(pk=meeting.pk).exists()


@pytest.mark.django_db
class TestPrivateTextStaysPrivate:
    def test_a_private_note_shows_that_it_exists_never_its_text(self, admin_client, meeting):
        private = Note.objects.get(is_private=True)
        for url in ("/admin/meetings/note/", f"/admin/meetings/note/{private.pk}/change/"):
            html = admin_client.get(url).content.decode()
            assert SECRET not in html
            assert "Private note: only its author can read it." in html
        assert "Bring the CV" in admin_client.get("/admin/meetings/note/").content.decode()

    def test_searching_for_the_words_of_a_private_note_finds_nothing(self, admin_client, meeting):
        found = admin_client.get("/admin/meetings/note/", {"q": "promotion"})
        assert found.context["cl"].result_count == 0

    def test_the_calendar_feed_token_is_not_shown(self, admin_client, meeting):
        feed = feed_for(user=meeting.mentorship.mentee.user)
        page = admin_client.get(f"/admin/meetings/calendarfeed/{feed.pk}/change/")
        assert page.status_code == 200
        assert feed.token not in page.content.decode()
