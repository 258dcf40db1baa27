"""The people in scope, one row each: who they are, their side, their state and department,
when they enrolled, and (coffee) whether they want introductions, and their capacity.

The date range does not apply: it chooses events, and a place in the program is not one. The
people filters do (`Scope.people`: those who took part, of that cohort, department and role).
"""

from __future__ import annotations

from collections.abc import Iterator

from tandem.programs.models import Participant, Program
from tandem.reports.exports.base import CHUNK, Export, Row, day, filename, name_fields, person
from tandem.reports.scope import Scope

HEADER = (
    "Name", "Email", "Role", "State", "Department", "Enrolled on", "Opted in (coffee)",
    "Capacity",
)  # fmt: skip
ROLES = dict(Participant.Role.choices)
STATES = dict(Participant.State.choices)
NAME = name_fields("profile__user")
FIELDS = (*NAME, "role", "state", "department", "created_at", "opted_in", "capacity")


def participants_export(scope: Scope) -> Export:
    name = filename(scope, "participants", dated=False)  # the range does not choose anyone
    return Export(filename=name, header=HEADER, rows=_rows(scope))


def _rows(scope: Scope) -> Iterator[Row]:
    coffee = scope.program.kind == Program.Kind.COFFEE
    rows = scope.people.order_by(*NAME, "pk").values_list(*FIELDS).iterator(chunk_size=CHUNK)
    for first, last, email, role, state, department, enrolled, opted, places in rows:
        yield (
            person(first, last, email), email, ROLES.get(role, role), STATES.get(state, state),
            department, day(enrolled), ("yes" if opted else "no") if coffee else "", places,
        )  # fmt: skip
