"""The invite emails: one to each side when a meeting is scheduled (REQUEST) or cancelled
(CANCEL), with the time spelled out in the recipient's own timezone and the `.ics` attached
as `text/calendar; method=…`, which mail clients read to offer the invite."""

from __future__ import annotations

from datetime import UTC, datetime
from email.mime.text import MIMEText
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat

from tandem.accounts.models import User
from tandem.core.zones import zone_named
from tandem.meetings.calendar.ics import CANCEL, meeting_ics
from tandem.meetings.calendar.selectors import meeting_with_people
from tandem.meetings.models import Meeting
from tandem.moderation.blocks import silenced
from tandem.notifications.links import absolute_url

TEMPLATES = "meetings/email"


def _invite_message(
    meeting: Meeting, *, recipient: User, other: User, zone_name: str, method: str, ics: bytes
) -> EmailMultiAlternatives:
    assert meeting.starts_at is not None
    zone = zone_named(zone_name)
    local = meeting.starts_at.astimezone(zone)
    when_short = f"{dateformat.format(local, 'D j M Y, H:i')} ({zone.key})"
    cancelled = method == CANCEL
    verb = "Cancelled" if cancelled else "Invitation"
    context: dict[str, Any] = {
        "name": recipient.first_name or recipient.display_name,
        "other_name": other.display_name,
        "cancelled": cancelled,
        "when_local": f"{dateformat.format(local, 'l j F Y, H:i')} ({zone.key})",
        "when_utc": dateformat.format(meeting.starts_at.astimezone(UTC), "j F Y, H:i") + " UTC",
        "minutes": meeting.minutes,
        "location": meeting.location,
        "video_url": meeting.video_url,
        "link": absolute_url(meeting.get_absolute_url()),
        "calendar_url": absolute_url(reverse("calendar:settings")),
    }
    subject = " ".join(f"{verb}: mentoring with {other.display_name}, {when_short}".split())
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string(f"{TEMPLATES}/invite.txt", context),
        to=[recipient.email],
    )
    message.attach_alternative(render_to_string(f"{TEMPLATES}/invite.html", context), "text/html")
    # Built by hand so the part says `method=…`, which mail clients read to offer the invite.
    part = MIMEText(ics.decode(), "calendar", "utf-8")
    part.set_param("method", method, requote=False)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    message.attach(part)
    return message


def meeting_invites_send(
    meeting: Meeting, *, method: str, now: datetime, actor_id: int | None = None
) -> None:
    """Email both sides the invite (REQUEST) or its cancellation (CANCEL), one email each.

    `actor_id` is the side whose move it was: a side who blocked or muted them gets no email
    from it, as with every notice they cause (`moderation.blocks.silenced`). The meeting stays
    on both meeting pages and in both calendar feeds: a block leaves the mentorship itself to
    the people in it, and a feed is read by its owner, not sent by the other side.

    Call it once the change is committed (a task, or `transaction.on_commit`), so nobody gets
    an invite for a change that was rolled back.
    """
    mentee, mentor = meeting.mentorship.mentee, meeting.mentorship.mentor
    messages = [
        _invite_message(
            meeting,
            recipient=side.user,
            other=other.user,
            zone_name=side.timezone,
            method=method,
            # Each side's own file: it names the other only while the page would.
            ics=meeting_ics(meeting, method=method, now=now, viewer=side.user),
        )
        for side, other in ((mentee, mentor), (mentor, mentee))
        if side.user.is_active  # a deleted account has no address to write to
        and not (actor_id and silenced(recipient_id=side.user.pk, actor_id=actor_id))
    ]
    get_connection().send_messages(messages)


def meeting_invites_send_by_id(
    *, meeting_id: int, method: str, now: datetime, actor_id: int | None = None,
    sequence: int | None = None,
) -> bool:  # fmt: skip
    """The invites job: send them if the meeting still exists; False if it is gone, or if a
    REQUEST is stale.

    A REQUEST goes out only while the meeting is still scheduled at the `sequence` it was
    queued at: one queued just before a cancel (or a move, or a newer change) must not land
    after the CANCEL and put the meeting back in calendars. A newer change queued its own.
    """
    meeting = meeting_with_people(meeting_id=meeting_id)
    if meeting is None:
        return False
    if method != CANCEL and (
        meeting.state != Meeting.State.SCHEDULED
        or (sequence is not None and meeting.sequence != sequence)
    ):
        return False
    meeting_invites_send(meeting, method=method, now=now, actor_id=actor_id)
    return True
