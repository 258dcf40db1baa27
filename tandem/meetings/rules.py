"""The rules of meetings and what follows them: caps, lengths, places, and who gets nudged.

Services check these before they write; pages and the sweep read the same numbers.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from tandem.core.errors import RuleBroken
from tandem.meetings.models import PLACE_MAX, VIDEO_URL_MAX, ActionItem
from tandem.mentorships.models import Mentorship
from tandem.mentorships.rules import agreement_current

MAX_SLOTS = 3
MAX_UPCOMING = 3  # meetings waiting or scheduled at once, per mentorship
MAX_AGENDA = 10
SHORT_AGENDA = 5  # past this the page suggests trimming
MAX_OPEN_ACTIONS = 20
# Mentorship states in which meetings are offered and scheduled meetings get reminders.
MEETING_STATES = (Mentorship.State.INTRO, Mentorship.State.PROPOSED, Mentorship.State.ACTIVE)
REMINDER_HOURS = (24, 1)
ENDED_PROMPT_WINDOW = timedelta(days=2)  # after a meeting ends, how long "how did it go?" waits
ITEM_CLOSED = (ActionItem.Status.DONE, ActionItem.Status.TRIED, ActionItem.Status.DROPPED)


def place_check(*, location: str, video_url: str) -> tuple[str, str]:
    """Where a meeting happens, tidied: a place on one line, and a video link that must be
    https (a link both people click should not leak the meeting over plain http). Raises
    RuleBroken naming the field."""
    location = " ".join(location.split())
    if len(location) > PLACE_MAX:
        raise RuleBroken(f"Keep the place to {PLACE_MAX} characters.", field="location")
    video_url = video_url.strip()
    if video_url:
        try:
            if len(video_url) > VIDEO_URL_MAX:
                raise ValidationError("too long")
            URLValidator(schemes=["https"])(video_url)
        except ValidationError:
            raise RuleBroken(
                "Paste the video link as it starts, with https:// (like "
                "https://meet.example.com/abc-defg).",
                field="video_url",
            ) from None
    return location, video_url


def default_minutes(mentorship: Mentorship) -> int:
    """The agreed meeting length, or the intro length the mentee asked for."""
    current = agreement_current(mentorship)
    if current is not None:
        return current.meeting_minutes
    return mentorship.ask.intro_minutes if mentorship.ask else 30
