"""The rules of meetings and what follows them: caps, lengths, and who gets reminders.

Services check these before they write; pages and the sweep read the same numbers.
"""

from __future__ import annotations

from tandem.meetings.models import ActionItem
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
ITEM_CLOSED = (ActionItem.Status.DONE, ActionItem.Status.TRIED, ActionItem.Status.DROPPED)


def default_minutes(mentorship: Mentorship) -> int:
    """The agreed meeting length, or the intro length the mentee asked for."""
    current = agreement_current(mentorship)
    if current is not None:
        return current.meeting_minutes
    return mentorship.ask.intro_minutes if mentorship.ask else 30
