"""Calendar invites (RFC 5545) for meetings and each person's private, revocable feed (F6)."""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tandem.core.tests.clock import NOW
from tandem.meetings.calendar.ics import (
    CANCEL,
    PRODID,
    REQUEST,
    feed_ics,
    meeting_ics,
    meeting_uid,
)
from tandem.meetings.calendar.invites import meeting_invites_send
from tandem.meetings.calendar.services import feed_for, feed_revoke
from tandem.meetings.models import CalendarFeed, Meeting
from tandem.mentorships.tests.factories import IntroFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

PARIS = ZoneInfo("Europe/Paris")
AT = datetime(2027, 3, 4, 10, 30, tzinfo=PARIS)  # 09:30 UTC (CET, before the switch)


def make_meeting(mentorship=None, **fields):
    """A meeting row as it stands at some point (scheduled at AT unless told otherwise), of an
    intro between a mentee in Paris and a mentor in New York unless another is given."""
    fields.setdefault("state", Meeting.State.SCHEDULED)
    fields.setdefault("starts_at", AT)
    fields.setdefault("minutes", 30)
    mentorship = mentorship or IntroFactory(
        mentee=ProfileFactory(timezone="Europe/Paris"),
        mentor=MentorProfileFactory(timezone="America/New_York"),
    )
    return Meeting.objects.create(mentorship=mentorship, **fields)


def soon(days=7):
    """A time near the real clock, for views that read it (the feed's window moves with it)."""
    return (timezone.now() + timedelta(days=days)).replace(microsecond=0)


def parse(ics: bytes):
    calendar = Calendar.from_ical(ics)
    return calendar, calendar.walk("VEVENT")


def mailto(address) -> str:
    return str(address).removeprefix("mailto:")


@pytest.mark.django_db
class TestMeetingIcs:
    def test_a_request_holds_one_event_at_the_right_utc_times(self):
        meeting = make_meeting()
        calendar, events = parse(meeting_ics(meeting, method=REQUEST, now=NOW))
        assert (str(calendar["METHOD"]), str(calendar["VERSION"])) == ("REQUEST", "2.0")
        assert str(calendar["PRODID"]) == PRODID
        (event,) = events
        assert event.decoded("DTSTART") == datetime(2027, 3, 4, 9, 30, tzinfo=UTC)
        assert event.decoded("DTEND") == datetime(2027, 3, 4, 10, 0, tzinfo=UTC)
        assert event.decoded("DTSTAMP") == NOW
        assert b"DTSTART:20270304T093000Z" in meeting_ics(meeting, method=REQUEST, now=NOW)
        assert str(event["STATUS"]) == "CONFIRMED"
        assert str(event["UID"]) == f"meeting-{meeting.pk}@testserver"

    def test_tandem_organizes_and_both_sides_attend_without_an_rsvp(self):
        meeting = make_meeting()
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        _, (event,) = parse(meeting_ics(meeting, method=REQUEST, now=NOW))
        assert mailto(event["ORGANIZER"]) == "hello@tandem.localhost"
        assert event["ORGANIZER"].params["CN"] == "Tandem"
        attendees = {mailto(a): a.params for a in event["ATTENDEE"]}
        assert set(attendees) == {mentee.email, mentor.email}
        assert attendees[mentee.email]["CN"] == mentee.display_name
        for params in attendees.values():
            assert params["ROLE"] == "REQ-PARTICIPANT"
            assert params["PARTSTAT"] == "NEEDS-ACTION"
            assert params["RSVP"] == "FALSE"

    def test_summary_and_description_name_the_people_the_time_box_and_the_page(self):
        meeting = make_meeting(minutes=45)
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        _, (event,) = parse(meeting_ics(meeting, method=REQUEST, now=NOW))
        assert str(event["SUMMARY"]) == (
            f"Mentoring: {mentee.display_name} and {mentor.display_name} (intro)"
        )
        link = f"http://testserver/meetings/{meeting.pk}/"
        assert "45 minutes" in str(event["DESCRIPTION"])
        assert link in str(event["DESCRIPTION"])
        assert str(event["URL"]) == link

    def test_a_reschedule_keeps_the_uid_and_bumps_the_sequence(self):
        meeting = make_meeting()
        _, (before,) = parse(meeting_ics(meeting, method=REQUEST, now=NOW))
        meeting.starts_at, meeting.sequence = AT + timedelta(days=2), meeting.sequence + 1
        meeting.save()
        _, (after,) = parse(meeting_ics(meeting, method=REQUEST, now=NOW + timedelta(hours=1)))
        assert str(after["UID"]) == str(before["UID"]) == meeting_uid(meeting)
        assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
        assert after.decoded("DTSTART") == datetime(2027, 3, 6, 9, 30, tzinfo=UTC)

    def test_a_cancellation_is_a_cancel_with_a_cancelled_event(self):
        meeting = make_meeting(state=Meeting.State.CANCELLED, sequence=2)
        calendar, (event,) = parse(meeting_ics(meeting, method=CANCEL, now=NOW))
        assert str(calendar["METHOD"]) == "CANCEL"
        assert str(event["STATUS"]) == "CANCELLED"
        assert (str(event["UID"]), event["SEQUENCE"]) == (meeting_uid(meeting), 2)

    def test_only_request_and_cancel_are_invites(self):
        with pytest.raises(ValueError, match="REQUEST or a CANCEL"):
            meeting_ics(make_meeting(), method="PUBLISH", now=NOW)


@pytest.mark.django_db
class TestInviteEmails:
    def test_each_side_gets_one_email_with_the_invite_attached(self):
        meeting = make_meeting()
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        mail.outbox.clear()
        meeting_invites_send(meeting, method=REQUEST, now=NOW)
        assert [m.to for m in mail.outbox] == [[mentee.email], [mentor.email]]
        for message, other in zip(mail.outbox, (mentor, mentee), strict=True):
            assert message.subject.startswith("[Tandem] Invitation: ")
            assert other.display_name in message.subject
            link = f"http://testserver/meetings/{meeting.pk}/"
            assert link in message.body
            html, html_type = message.alternatives[0]
            assert html_type == "text/html"
            assert link in html
            assert "30 minutes" in message.body
            assert "9:30 UTC" in message.body or "09:30 UTC" in message.body

            parsed = email.message_from_bytes(message.message().as_bytes())
            (part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
            assert part.get_param("method") == "REQUEST"
            assert part.get_content_charset() == "utf-8"
            assert part.get_filename() == "invite.ics"
            calendar, (event,) = parse(part.get_payload(decode=True))
            assert str(calendar["METHOD"]) == "REQUEST"
            assert str(event["UID"]) == meeting_uid(meeting)

    def test_each_side_reads_the_time_on_their_own_clock(self):
        meeting = make_meeting()  # mentee in Paris, mentor in New York
        mail.outbox.clear()
        meeting_invites_send(meeting, method=REQUEST, now=NOW)
        to_mentee, to_mentor = mail.outbox
        assert "Thursday 4 March 2027, 10:30 (Europe/Paris)" in to_mentee.body
        assert "Thursday 4 March 2027, 04:30 (America/New_York)" in to_mentor.body
        assert "Thursday 4 March 2027, 10:30 (Europe/Paris)" in to_mentee.alternatives[0][0]

    def test_a_cancellation_says_so_and_carries_a_cancel(self):
        meeting = make_meeting(state=Meeting.State.CANCELLED, sequence=1)
        mail.outbox.clear()
        meeting_invites_send(meeting, method=CANCEL, now=NOW)
        assert len(mail.outbox) == 2
        for message in mail.outbox:
            assert message.subject.startswith("[Tandem] Cancelled: ")
            assert "cancelled" in message.body
            parsed = email.message_from_bytes(message.message().as_bytes())
            (part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
            assert part.get_param("method") == "CANCEL"
            calendar, (event,) = parse(part.get_payload(decode=True))
            assert (str(calendar["METHOD"]), str(event["STATUS"])) == ("CANCEL", "CANCELLED")


@pytest.mark.django_db
class TestFeed:
    def test_the_feed_lists_the_persons_meetings_on_either_side_and_no_one_elses(self):
        both = MentorProfileFactory(is_mentee=True)
        as_mentee = make_meeting(IntroFactory(mentee=both), starts_at=AT)
        as_mentor = make_meeting(
            IntroFactory(mentor=both), starts_at=AT + timedelta(days=1), sequence=3
        )
        cancelled = make_meeting(
            IntroFactory(mentee=both),
            state=Meeting.State.CANCELLED,
            starts_at=AT + timedelta(days=2),
        )
        make_meeting(IntroFactory(mentor=both), state=Meeting.State.PROPOSED, starts_at=None)
        make_meeting()  # someone else's
        make_meeting(IntroFactory(mentee=both), starts_at=NOW - timedelta(days=91))  # too old

        calendar, events = parse(feed_ics(both.user, now=NOW))
        assert str(calendar["METHOD"]) == "PUBLISH"
        assert str(calendar["X-WR-CALNAME"]) == "Tandem mentoring"
        assert [str(e["UID"]) for e in events] == [
            meeting_uid(as_mentee),
            meeting_uid(as_mentor),
            meeting_uid(cancelled),
        ]
        assert [e["SEQUENCE"] for e in events] == [0, 3, 0]
        assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
        assert all("ATTENDEE" not in e for e in events)  # a published feed invites nobody

    def test_the_feed_url_works_with_its_token_and_without_a_login(self, client):
        meeting = make_meeting(starts_at=soon())
        user = meeting.mentorship.mentee.user
        response = client.get(reverse("calendar:feed", args=[feed_for(user=user).token]))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Cache-Control"] == "private, max-age=300"
        _, (event,) = parse(response.content)
        assert str(event["UID"]) == meeting_uid(meeting)

    def test_unknown_and_revoked_tokens_are_the_same_404(self, client):
        user = make_meeting(starts_at=soon()).mentorship.mentee.user
        old_url = reverse("calendar:feed", args=[feed_for(user=user).token])
        new = feed_revoke(user=user, now=NOW)
        revoked = client.get(old_url)
        unknown = client.get(reverse("calendar:feed", args=["never-issued-token"]))
        assert revoked.status_code == unknown.status_code == 404
        assert revoked.content == unknown.content
        assert client.get(reverse("calendar:feed", args=[new.token])).status_code == 200

    def test_the_feed_costs_the_same_queries_however_many_meetings(
        self, client, django_assert_max_num_queries
    ):
        both = MentorProfileFactory(is_mentee=True)
        make_meeting(IntroFactory(mentee=both), starts_at=soon(1))
        url = reverse("calendar:feed", args=[feed_for(user=both.user).token])
        with django_assert_max_num_queries(2):
            assert len(parse(client.get(url).content)[1]) == 1
        for day in range(2, 5):
            make_meeting(IntroFactory(mentor=both), starts_at=soon(day))
            make_meeting(IntroFactory(mentee=both), starts_at=soon(day + 10))
        with django_assert_max_num_queries(2):
            assert len(parse(client.get(url).content)[1]) == 7


@pytest.mark.django_db
class TestCalendarSettings:
    def test_anonymous_people_are_sent_to_log_in(self, client):
        response = client.get(reverse("calendar:settings"))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    def test_the_page_shows_the_feed_url_and_its_webcal_twin(self, client, mentee):
        client.force_login(mentee.user)
        page = client.get(reverse("calendar:settings")).content.decode()
        token = CalendarFeed.objects.get(user=mentee.user).token
        assert f"http://testserver/calendar/feed/{token}.ics" in page
        assert f"webcal://testserver/calendar/feed/{token}.ics" in page
        for app in ("Google Calendar", "Outlook", "Apple Calendar"):
            assert app in page

    def test_making_a_new_link_retires_the_old_one(self, client, mentee):
        client.force_login(mentee.user)
        old = feed_for(user=mentee.user).token
        response = client.post(reverse("calendar:revoke"), follow=True)
        new = CalendarFeed.objects.get(user=mentee.user).token
        assert new != old
        assert "new calendar link" in response.content.decode()
        assert new in response.content.decode()
        client.logout()
        assert client.get(reverse("calendar:feed", args=[old])).status_code == 404
        assert client.get(reverse("calendar:feed", args=[new])).status_code == 200

    def test_making_new_links_is_rate_limited(self, client, mentee, monkeypatch):
        monkeypatch.setattr("time.time", lambda: 1_800_000_000.0)
        client.force_login(mentee.user)
        statuses = [client.post(reverse("calendar:revoke")).status_code for _ in range(11)]
        assert statuses[-1] == 429
        assert client.get(reverse("calendar:revoke")).status_code == 405


@pytest.mark.django_db
class TestInviteDownload:
    def test_both_sides_can_download_the_current_invite(self, client):
        meeting = make_meeting()
        for side in (meeting.mentorship.mentee, meeting.mentorship.mentor):
            client.force_login(side.user)
            response = client.get(reverse("calendar:invite", args=[meeting.pk]))
            assert response.status_code == 200
            assert response["Content-Type"].startswith("text/calendar; charset=utf-8")
            assert response["Content-Disposition"] == (
                f'attachment; filename="tandem-meeting-{meeting.pk}.ics"'
            )
            calendar, (event,) = parse(response.content)
            assert str(calendar["METHOD"]) == "REQUEST"
            assert str(event["UID"]) == meeting_uid(meeting)

    def test_a_cancelled_meeting_downloads_as_a_cancel(self, client):
        meeting = make_meeting(state=Meeting.State.CANCELLED)
        client.force_login(meeting.mentorship.mentee.user)
        calendar, _ = parse(client.get(reverse("calendar:invite", args=[meeting.pk])).content)
        assert str(calendar["METHOD"]) == "CANCEL"

    def test_strangers_and_meetings_without_a_time_get_a_404(self, client):
        meeting = make_meeting()
        client.force_login(ProfileFactory().user)
        assert client.get(reverse("calendar:invite", args=[meeting.pk])).status_code == 404
        untimed = make_meeting(state=Meeting.State.PROPOSED, starts_at=None)
        client.force_login(untimed.mentorship.mentee.user)
        assert client.get(reverse("calendar:invite", args=[untimed.pk])).status_code == 404

    def test_anonymous_people_are_sent_to_log_in(self, client):
        meeting = make_meeting()
        response = client.get(reverse("calendar:invite", args=[meeting.pk]))
        assert response.status_code == 302
