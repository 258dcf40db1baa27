"""The periodic nudges, from the health facts of every active mentorship: cadence slipping,
a side gone quiet, the term review; and action items past their date.

They read the same facts and rules as the health status (`health/`), so what a nudge says and
what the mentorship page shows agree. Paused mentorships get none until they resume.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tandem.meetings import notices
from tandem.meetings.health.rules import (
    ACTIVE,
    CADENCE_WORDS,
    SLIP_ATTENTION,
    TERM_REVIEW_DAYS,
    Quiet,
    cadence_slip,
    quiet_side,
    since_last_met,
)
from tandem.meetings.health.selectors import HealthRow, health_rows_for
from tandem.meetings.models import ActionItem
from tandem.meetings.recipients import Recipients
from tandem.mentorships.models import Mentorship
from tandem.notifications.services import Notice

# A cadence nudge per agreed interval that passes without a meeting, at most this many in a
# row: after that the health says "at risk" and the back-off suggestion has its say.
CADENCE_NUDGES_MAX = 3
# An item found overdue later than this (a worker down for weeks) is old news: no nudge.
OVERDUE_WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class Due:
    """An active mentorship with a cadence, quiet or term-review nudge due (which: `notices`)."""

    mentorship_id: int
    row: HealthRow
    quiet: Quiet | None

    @property
    def pair(self) -> tuple[int, int]:
        """(mentee, mentor) user ids."""
        return self.row.mentee_user_id, self.row.mentor_user_id


def _ends_soon(ends_on: date | None, today: date) -> bool:
    return ends_on is not None and 0 < (ends_on - today).days <= TERM_REVIEW_DAYS


def periodic_due(today: date) -> list[Due]:
    """Every active mentorship with at least one periodic nudge due today."""
    due = []
    for mentorship_id, row in health_rows_for(mentorship_ids=None, today=today).items():
        facts = row.facts
        if facts.state != ACTIVE:
            continue  # paused: no nudges until resumed
        quiet = quiet_side(facts)
        slipping = cadence_slip(facts) > SLIP_ATTENTION
        if quiet is not None or slipping or _ends_soon(facts.ends_on, today):
            due.append(Due(mentorship_id, row, quiet))
    return due


def _cadence(due: Due, people: Recipients) -> list[Notice]:
    facts = due.row.facts
    since = since_last_met(facts)
    if since is None or facts.cadence_days is None or cadence_slip(facts) <= SLIP_ATTENTION:
        return []
    anchor, days = since
    period = days // facts.cadence_days  # one nudge per agreed interval that slips by
    if period > CADENCE_NUDGES_MAX:
        return []
    return notices.cadence_notices(
        mentorship_id=due.mentorship_id, pair=due.pair,
        rhythm=CADENCE_WORDS.get(facts.cadence_days, f"every {facts.cadence_days} days"),
        anchor=anchor, days=days, period=period,
        met=facts.last_held_on is not None and facts.last_held_on >= anchor,
        today=facts.today, people=people,
    )  # fmt: skip


def _quiet(due: Due, quiet: Quiet, people: Recipients) -> Notice:
    mentee, mentor = due.pair
    quiet_user, waiting = (mentee, mentor) if quiet.side == "mentee" else (mentor, mentee)
    return notices.quiet_notice(
        mentorship_id=due.mentorship_id, quiet_user=quiet_user, waiting_user=waiting,
        quiet=quiet, today=due.row.facts.today, people=people,
    )  # fmt: skip


def _term(due: Due, people: Recipients) -> list[Notice]:
    facts, agreement_id = due.row.facts, due.row.agreement_id
    if facts.ends_on is None or agreement_id is None or not _ends_soon(facts.ends_on, facts.today):
        return []
    return notices.term_notices(
        mentorship_id=due.mentorship_id, agreement_id=agreement_id, pair=due.pair,
        ends_on=facts.ends_on, today=facts.today, people=people,
    )  # fmt: skip


def periodic_notices(due: Due, people: Recipients) -> list[Notice]:
    """The cadence, term-review and back-off nudges one mentorship has due."""
    found = _cadence(due, people) + _term(due, people)
    if due.quiet is not None:
        found.append(_quiet(due, due.quiet, people))
    return found


def overdue_notices(today: date) -> list[Notice]:
    """To each owner of an open item past its date (in the last 30 days), in active mentorships."""
    items = (
        ActionItem.objects.filter(
            status=ActionItem.Status.OPEN,
            due_on__lt=today,
            due_on__gte=today - OVERDUE_WINDOW,
            mentorship__state=Mentorship.State.ACTIVE,
        )
        .order_by("due_on", "id")
        .values_list("id", "owner_id", "text", "due_on", "mentorship_id")
    )
    return [
        notices.overdue_notice(
            item_id=item_id, owner_id=owner_id, text=text, due_on=due_on,
            mentorship_id=mentorship_id, today=today,
        )
        for item_id, owner_id, text, due_on, mentorship_id in items
    ]  # fmt: skip
