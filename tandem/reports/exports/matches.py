"""The published matches in scope, one row each: the round, when it was published, the two
people (the mentee first in 1:1 programs), the score and the reasons the round gave, whether
each side confirmed, and the state of the mentorship it started.

The people filters choose the pairs (`Scope.pairs`: not declined, a side in scope); the date
range chooses the matches published in it. The reasons are stored as a list of sentences (or
of one sentence per reader); they are written as the mentee reads them, joined by "; ".
"""

from __future__ import annotations

from collections.abc import Iterator

from tandem.mentorships.models import Mentorship
from tandem.programs.models import Match
from tandem.programs.wording import reasons_for
from tandem.reports.exports.base import CHUNK, Export, Row, day, filename, name_fields, person
from tandem.reports.scope import Scope

MATCH_STATES = dict(Match.State.choices)
MENTORSHIP_STATES = dict(Mentorship.State.choices)
FIELDS = (
    "round__number", "created_at", *name_fields("first__profile__user"),
    *name_fields("second__profile__user"), "score", "reasons", "state", "first_confirmed_at",
    "second_confirmed_at", "mentorship__state",
)  # fmt: skip


def matches_export(scope: Scope) -> Export:
    one, other = ("First person", "Second person") if scope.program.is_pool else (
        "Mentee", "Mentor"
    )  # fmt: skip
    header = (
        "Round", "Published on", one, other, "Score", "Reasons", "Match state",
        f"{one} confirmed on", f"{other} confirmed on", "Mentorship state",
    )  # fmt: skip
    return Export(filename=filename(scope, "matches"), header=header, rows=_rows(scope))


def _rows(scope: Scope) -> Iterator[Row]:
    f = scope.filters
    rows = (
        scope.pairs.filter(created_at__gte=f.since, created_at__lt=f.until)
        .order_by("round__number", "created_at", "pk")
        .values_list(*FIELDS)
        .iterator(chunk_size=CHUNK)
    )
    for number, published, f1, l1, e1, f2, l2, e2, score, reasons, state, c1, c2, kept in rows:
        yield (
            number, day(published), person(f1, l1, e1), person(f2, l2, e2), f"{score:g}",
            "; ".join(reasons_for(reasons or [], first=True)), MATCH_STATES.get(state, state),
            day(c1), day(c2), MENTORSHIP_STATES.get(kept, kept or ""),
        )  # fmt: skip
