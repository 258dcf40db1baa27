"""The meetings' part of `tandem sweep`: every meeting and mentorship nudge due, in bulk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tandem.meetings.nudges.periodic import overdue_notices, periodic_due, periodic_notices
from tandem.meetings.nudges.reminders import (
    ended_notices,
    ended_prompts_due,
    people_of,
    reminder_notices,
    reminders_due,
)
from tandem.meetings.recipients import Recipients
from tandem.notifications.kinds import Kind
from tandem.notifications.services import Notice, notify_many_by_kind


@dataclass(frozen=True)
class MeetingSweepReport:
    reminders: int
    ended: int  # "how did it go?" right after a meeting
    cadence: int
    overdue: int
    quiet: int
    term_reviews: int

    @property
    def total(self) -> int:
        return (
            self.reminders + self.ended + self.cadence + self.overdue + self.quiet
            + self.term_reviews
        )  # fmt: skip

    def __str__(self) -> str:
        return (
            f"{self.reminders} meeting reminder(s), {self.ended} after-meeting prompt(s), "
            f"{self.cadence} cadence nudge(s), "
            f"{self.overdue} overdue action item(s), {self.quiet} back-off suggestion(s), "
            f"{self.term_reviews} term review(s)"
        )


def meetings_sweep(*, now: datetime) -> MeetingSweepReport:
    """Send every meeting and mentorship nudge that is due and not sent yet, in bulk.

    Reminders and after-meeting prompts a worker missed; cadence slipping, a side gone quiet
    and the term review for active mentorships (from the health facts of all of them, a fixed
    number of queries); overdue action items. Counts are notifications created now: a second
    run sends nothing.
    """
    today = now.astimezone(UTC).date()
    reminders = reminders_due(now)
    ended = ended_prompts_due(now)
    periodic = periodic_due(today)
    people = Recipients(
        people_of(meeting for meeting, _ in reminders)
        | people_of(ended)
        | {u for due in periodic for u in due.pair}
    )
    found: list[Notice] = [
        notice
        for meeting, hours in reminders
        for notice in reminder_notices(meeting, hours, people)
    ]
    found += [notice for meeting in ended for notice in ended_notices(meeting, people)]
    for due in periodic:
        found += periodic_notices(due, people)
    found += overdue_notices(today)
    created = notify_many_by_kind(found, now=now)
    return MeetingSweepReport(
        reminders=created[Kind.MEETING_REMINDER],
        ended=created[Kind.MEETING_FOLLOW_UP],
        cadence=created[Kind.CADENCE_SLIPPING],
        overdue=created[Kind.ACTION_ITEM],
        quiet=created[Kind.QUIET_BACK_OFF],
        term_reviews=created[Kind.TERM_REVIEW],
    )
