"""The meetings of the mentorships in scope that start in the range, one row each: the two
people, when (UTC), how long, and what became of it. Only those facts: never a note, an agenda,
a thank-you or feedback, which belong to the pair.
"""

from __future__ import annotations

from collections.abc import Iterator

from tandem.meetings.models import Meeting
from tandem.reports.exports.base import (
    CHUNK,
    Export,
    Row,
    filename,
    moment_utc,
    name_fields,
    person,
)
from tandem.reports.scope import Scope

HEADER = ("Mentee", "Mentor", "Starts at (UTC)", "Minutes", "State")
STATES = dict(Meeting.State.choices)
FIELDS = (
    *name_fields("mentorship__mentee__user"), *name_fields("mentorship__mentor__user"),
    "starts_at", "minutes", "state",
)  # fmt: skip


def meetings_export(scope: Scope) -> Export:
    return Export(filename=filename(scope, "meetings"), header=HEADER, rows=_rows(scope))


def _rows(scope: Scope) -> Iterator[Row]:
    f = scope.filters
    meetings = Meeting.objects.filter(
        mentorship__in=scope.mentorships.values("pk"), starts_at__gte=f.since,
        starts_at__lt=f.until,
    )  # fmt: skip
    rows = meetings.order_by("starts_at", "pk").values_list(*FIELDS).iterator(chunk_size=CHUNK)
    for f1, l1, e1, f2, l2, e2, starts_at, minutes, state in rows:
        yield (
            person(f1, l1, e1), person(f2, l2, e2), moment_utc(starts_at), minutes,
            STATES.get(state, state),
        )  # fmt: skip
