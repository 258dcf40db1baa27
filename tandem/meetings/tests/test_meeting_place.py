"""Where a meeting happens (issue 10, item 10): a place in words or an https video link, set
when offering times or rescheduling, changed by either side while the meeting is ahead, shown
on the page and written into the calendar (LOCATION, CONFERENCE; URL stays the page)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.meetings import services
from tandem.meetings.calendar.ics import REQUEST, feed_ics, meeting_ics
from tandem.meetings.models import Meeting
from tandem.meetings.tests.factories import (
    HeldMeetingFactory,
    ProposedMeetingFactory,
    ScheduledMeetingFactory,
)
from tandem.mentorships.tests.factories import IntroFactory
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification
from tandem.profiles.tests.factories import ProfileFactory

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
LINK = "https://meet.example.com/abc-defg-hij"
CAFE = "Café Tati, Rua Augusta 12, Lisbon"


def intro():
    return IntroFactory(asked_at=NOW - 5 * DAY, now=NOW - 4 * DAY)


def event_of(ics: bytes):
    return next(iter(Calendar.from_ical(ics).walk("VEVENT")))


@pytest.mark.django_db
class TestSayingWhere:
    def test_times_are_offered_with_a_place_and_a_video_link(self):
        m = intro()
        meeting = services.meeting_propose(
            mentorship=m, actor=m.mentee.user, slots=[NOW + 2 * DAY], now=NOW,
            location="  Café Tati,\n Rua Augusta 12, Lisbon ", video_url=f" {LINK} ",
        )  # fmt: skip
        assert (meeting.location, meeting.video_url) == (CAFE, LINK)

    @pytest.mark.parametrize(
        "link", ["http://meet.example.com/abc", "meet.example.com/abc", "javascript:alert(1)",
                 "https://", "https://meet example.com"],
    )  # fmt: skip
    def test_only_an_https_link_is_taken_and_nothing_is_made(self, link):
        m = intro()
        with pytest.raises(RuleBroken) as caught:
            services.meeting_propose(
                mentorship=m, actor=m.mentee.user, slots=[NOW + 2 * DAY], now=NOW, video_url=link
            )
        assert caught.value.field == "video_url"
        assert not Meeting.objects.exists()

    def test_a_place_is_kept_short(self):
        m = intro()
        with pytest.raises(RuleBroken) as caught:
            services.meeting_propose(
                mentorship=m, actor=m.mentee.user, slots=[NOW + 2 * DAY], now=NOW,
                location="x" * 201,
            )  # fmt: skip
        assert caught.value.field == "location"

    def test_a_reschedule_can_move_it_and_otherwise_keeps_it(self):
        meeting = ScheduledMeetingFactory.create(mentorship=intro())
        services.meeting_place_set(
            meeting=meeting, actor=meeting.mentorship.mentee.user, location=CAFE, video_url="",
            now=NOW,
        )  # fmt: skip
        mentee = meeting.mentorship.mentee.user
        services.meeting_reschedule(meeting=meeting, actor=mentee, slots=[NOW + 5 * DAY], now=NOW)
        meeting.refresh_from_db()
        assert (meeting.location, meeting.video_url) == (CAFE, "")
        new_time = meeting.slots.get(round=2)
        services.meeting_schedule(
            meeting=meeting, actor=meeting.mentorship.mentor.user, slot_id=new_time.pk, now=NOW
        )
        services.meeting_reschedule(
            meeting=meeting, actor=meeting.mentorship.mentor.user, slots=[NOW + 6 * DAY],
            now=NOW, video_url=LINK,
        )  # fmt: skip
        meeting.refresh_from_db()
        assert (meeting.location, meeting.video_url) == (CAFE, LINK)


@pytest.mark.django_db
class TestChangingWhere:
    def test_either_side_changes_it_and_calendars_get_the_newer_version(self):
        meeting = ScheduledMeetingFactory.create(mentorship=intro())
        mentor = meeting.mentorship.mentor.user
        mail.outbox.clear()
        meeting = services.meeting_place_set(
            meeting=meeting, actor=mentor, location="", video_url=LINK, now=NOW
        )
        assert (meeting.video_url, meeting.sequence) == (LINK, 1)
        invites = [m for m in mail.outbox if m.attachments]
        assert len(invites) == 2
        for message in invites:
            assert LINK in message.body
            [ics] = [a for a in message.attachments if a.get_content_type() == "text/calendar"]
            event = event_of(ics.get_payload(decode=True))
            assert (str(event["LOCATION"]), int(event["SEQUENCE"])) == (LINK, 1)
        [told] = Notification.objects.filter(kind=Kind.MEETING_CHANGED)
        assert told.recipient == meeting.mentorship.mentee.user
        assert "changed where you'll meet" in told.title
        assert LINK in told.body

    def test_saying_the_same_again_changes_nothing(self):
        meeting = ScheduledMeetingFactory.create(mentorship=intro())
        mentee = meeting.mentorship.mentee.user
        services.meeting_place_set(
            meeting=meeting, actor=mentee, location=CAFE, video_url="", now=NOW
        )
        mail.outbox.clear()
        again = services.meeting_place_set(
            meeting=meeting, actor=mentee, location=CAFE, video_url="", now=NOW + HOUR
        )
        assert again.sequence == 1
        assert mail.outbox == []

    def test_times_still_on_the_table_need_no_invite(self):
        meeting = ProposedMeetingFactory.create(mentorship=intro())
        mail.outbox.clear()
        meeting = services.meeting_place_set(
            meeting=meeting, actor=meeting.mentorship.mentor.user, location=CAFE, video_url="",
            now=NOW,
        )  # fmt: skip
        assert (meeting.location, meeting.sequence) == (CAFE, 0)
        assert not [m for m in mail.outbox if m.attachments]

    def test_not_once_held_nor_by_a_stranger(self):
        held = HeldMeetingFactory(mentorship=intro())
        with pytest.raises(IllegalTransition):
            services.meeting_place_set(
                meeting=held, actor=held.mentorship.mentee.user, location=CAFE, video_url="",
                now=NOW + 3 * DAY,
            )  # fmt: skip
        upcoming = ScheduledMeetingFactory(mentorship=intro())
        with pytest.raises(NotFound):
            services.meeting_place_set(
                meeting=upcoming, actor=ProfileFactory().user, location=CAFE, video_url="",
                now=NOW,
            )  # fmt: skip
        upcoming.refresh_from_db()
        assert upcoming.location == ""


@pytest.mark.django_db
class TestWhereInTheCalendar:
    def test_a_place_is_the_location_the_link_the_conference_and_url_stays_the_page(self):
        meeting = ScheduledMeetingFactory.create(mentorship=intro())
        meeting.location, meeting.video_url = CAFE, LINK
        event = event_of(meeting_ics(meeting, method=REQUEST, now=NOW))
        assert str(event["LOCATION"]) == CAFE
        conference = event["CONFERENCE"]
        assert str(conference) == LINK
        assert (conference.params["VALUE"], conference.params["FEATURE"]) == ("URI", "VIDEO")
        assert str(event["URL"]) == f"http://testserver/meetings/{meeting.pk}/"
        description = str(event["DESCRIPTION"])
        assert f"Where: {CAFE}" in description
        assert f"Video call: {LINK}" in description

    def test_a_video_link_alone_is_also_the_location(self):
        meeting = ScheduledMeetingFactory.create(mentorship=intro())
        meeting.video_url = LINK
        event = event_of(meeting_ics(meeting, method=REQUEST, now=NOW))
        assert (str(event["LOCATION"]), str(event["CONFERENCE"])) == (LINK, LINK)

    def test_nowhere_yet_writes_neither(self):
        event = event_of(
            meeting_ics(ScheduledMeetingFactory(mentorship=intro()), method=REQUEST, now=NOW)
        )
        assert "LOCATION" not in event
        assert "CONFERENCE" not in event

    def test_the_feed_carries_the_place_too(self):
        now = timezone.now()
        m = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        meeting = ScheduledMeetingFactory(mentorship=m, now=now)
        services.meeting_place_set(
            meeting=meeting, actor=m.mentor.user, location=CAFE, video_url="", now=now
        )
        event = next(iter(Calendar.from_ical(feed_ics(m.mentee.user, now=now)).walk("VEVENT")))
        assert str(event["LOCATION"]) == CAFE


@pytest.mark.django_db
class TestWhereOnThePage:
    def page_meeting(self):
        now = timezone.now()  # the pages read the real clock
        m = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        return ScheduledMeetingFactory(mentorship=m, now=now)

    def test_either_side_saves_it_and_the_page_links_the_call_safely(self, client):
        meeting = self.page_meeting()
        client.force_login(meeting.mentorship.mentee.user)
        response = client.post(
            reverse("meetings:action", args=[meeting.pk, "place"]),
            {"location": "Phone, if the video fails", "video_url": LINK},
        )
        assert response.status_code == 302
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert f'<a href="{LINK}" rel="noopener" target="_blank">Join the video call</a>' in page
        assert "Phone, if the video fails" in page

    def test_a_plain_http_link_is_shown_back_on_the_form(self, client):
        meeting = self.page_meeting()
        client.force_login(meeting.mentorship.mentor.user)
        response = client.post(
            reverse("meetings:action", args=[meeting.pk, "place"]),
            {"location": "", "video_url": "http://meet.example.com/abc"},
        )
        assert response.status_code == 400
        assert "with https://" in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.video_url == ""

    def test_offering_times_from_the_page_takes_the_place(self, client):
        now = timezone.now()
        m = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        client.force_login(m.mentee.user)
        when = (now + 5 * DAY).strftime("%Y-%m-%dT10:00")
        client.post(
            reverse("meetings:for_mentorship", args=[m.pk]),
            {"slot_1": when, "minutes": "30", "location": CAFE, "video_url": ""},
        )
        assert Meeting.objects.get().location == CAFE
