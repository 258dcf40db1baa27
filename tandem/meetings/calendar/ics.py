"""Meetings as RFC 5545 calendar data: the invite both sides are emailed, and the private feed.

A meeting has one UID wherever it appears (invite, download, feed), so a calendar app updates
the event it already holds instead of adding a second one; SEQUENCE (bumped by the meeting
services on every reschedule) tells it which version is newer. Tandem is the organizer, so
neither person "owns" the meeting in the other's calendar, and nobody is asked to RSVP: the
meeting was agreed on Tandem already.

Times are written in UTC (`…Z`), which every calendar app shows in its own timezone; the emails
also spell out each recipient's local time, from their profile.

Where the meeting happens: RFC 5545 has one URL per event, "associated with" it, which here
stays the meeting's page on Tandem (agenda, notes and the time box live there, and the feed has
always pointed to it). The video link goes in CONFERENCE (RFC 7986 §5.11, `VALUE=URI`,
`FEATURE=VIDEO`), the property made for "how to join", and also in LOCATION when no place is
given, because many calendar apps ignore CONFERENCE but show LOCATION and make a link in it
clickable. A place in words is the LOCATION (RFC 5545 §3.8.1.7, "the intended venue").
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from icalendar import Calendar, Event, vCalAddress, vDuration, vText

from tandem.accounts.models import User
from tandem.meetings.calendar.selectors import meetings_for_feed
from tandem.meetings.models import Meeting
from tandem.mentorships.models import Mentorship
from tandem.mentorships.rules import contact_shared
from tandem.notifications.links import absolute_url

REQUEST, CANCEL, PUBLISH = "REQUEST", "CANCEL", "PUBLISH"
PRODID = "-//Tandem//Mentoring//EN"
FEED_NAME = "Tandem mentoring"
FEED_REFRESH = timedelta(hours=1)  # how often calendar apps may poll the feed


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the meeting's whole life: reschedules and cancellations keep it.

    Always the configured site's host, never the request's: the emailed invite and a download
    from another address must name the same event, or calendars would show it twice."""
    host = urlsplit(settings.SITE_URL).hostname or "tandem.localhost"
    return f"meeting-{meeting.pk}@{host}"


def meeting_summary(meeting: Meeting) -> str:
    mentorship = meeting.mentorship
    summary = (
        f"Mentoring: {mentorship.mentee.user.display_name} and "
        f"{mentorship.mentor.user.display_name}"
    )
    return f"{summary} (intro)" if mentorship.state == Mentorship.State.INTRO else summary


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = vText(name)
    return address


def _organizer() -> vCalAddress:
    return _address(parseaddr(settings.DEFAULT_FROM_EMAIL)[1], "Tandem")


def _attendee(user: User) -> vCalAddress:
    address = _address(user.email, user.display_name)
    address.params["ROLE"] = vText("REQ-PARTICIPANT")
    address.params["PARTSTAT"] = vText("NEEDS-ACTION")
    address.params["RSVP"] = vText("FALSE")
    return address


def _attendees(meeting: Meeting, viewer: User | None) -> list[User]:
    """Who an invite names: both sides while their contact details are shared (the mentorship
    page's own rule), else only the person it is for. A file never shows an address the page
    would not."""
    mentorship = meeting.mentorship
    if contact_shared(mentorship):
        return [mentorship.mentee.user, mentorship.mentor.user]
    return [viewer] if viewer is not None else []


def _event(
    meeting: Meeting, *, status: str, attendees: list[User], now: datetime,
    request: HttpRequest | None,
) -> Event:  # fmt: skip
    starts_at, ends_at = meeting.starts_at, meeting.ends_at
    assert starts_at is not None
    assert ends_at is not None
    mentorship = meeting.mentorship
    link = absolute_url(meeting.get_absolute_url(), request=request)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", starts_at.astimezone(UTC))
    event.add("dtend", ends_at.astimezone(UTC))
    event.add("summary", meeting_summary(meeting))
    where = "".join(
        f"{label}: {value}\n"
        for label, value in (("Where", meeting.location), ("Video call", meeting.video_url))
        if value
    )
    event.add(
        "description",
        f"A mentoring conversation between {mentorship.mentee.user.display_name} (mentee) "
        f"and {mentorship.mentor.user.display_name} (mentor).\n"
        f"Time box: {meeting.minutes} minutes.\n"
        f"{where}"
        f"Agenda, notes and next steps: {link}",
    )
    event.add("url", link)
    if meeting.location or meeting.video_url:
        event.add("location", meeting.location or meeting.video_url)
    if meeting.video_url:
        event.add(
            "conference", meeting.video_url,
            parameters={"VALUE": "URI", "FEATURE": "VIDEO", "LABEL": "Video call"},
        )  # fmt: skip
    event.add("organizer", _organizer())
    # A published feed carries no attendees (RFC 5546 §3.2.1): it informs, it does not invite.
    for user in attendees:
        event.add("attendee", _attendee(user))
    event.add("status", status)
    return event


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def meeting_ics(
    meeting: Meeting, *, method: str, now: datetime, request: HttpRequest | None = None,
    viewer: User | None = None,
) -> bytes:  # fmt: skip
    """The invite for one meeting with a time: REQUEST to add or update it, CANCEL to remove it,
    for `viewer` (once contact details stop being shared, it names only them).

    `meeting` should come with its mentorship's people (select_related), as the selectors give.
    """
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"An invite is a REQUEST or a CANCEL, not {method!r}.")
    calendar = _calendar(method)
    status = "CANCELLED" if method == CANCEL else "CONFIRMED"
    attendees = _attendees(meeting, viewer)
    calendar.add_component(
        _event(meeting, status=status, attendees=attendees, now=now, request=request)
    )
    return calendar.to_ical()


def invite_method(meeting: Meeting) -> str:
    """The invite that describes the meeting now: CANCEL once cancelled, else REQUEST."""
    return CANCEL if meeting.state == Meeting.State.CANCELLED else REQUEST


def feed_ics(user: User, *, now: datetime, request: HttpRequest | None = None) -> bytes:
    """The person's private feed: their meetings on either side, with the invites' UIDs."""
    calendar = _calendar(PUBLISH)
    calendar.add("x-wr-calname", FEED_NAME)
    calendar.add("name", FEED_NAME)
    calendar.add("x-wr-caldesc", "Your mentoring meetings on Tandem")
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(FEED_REFRESH))
    for meeting in meetings_for_feed(user=user, now=now):
        status = "CANCELLED" if meeting.state == Meeting.State.CANCELLED else "CONFIRMED"
        calendar.add_component(
            _event(meeting, status=status, attendees=[], now=now, request=request)
        )
    return calendar.to_ical()
