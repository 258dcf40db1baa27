"""Writing the demo's history in bulk with each row's own dates: `Rows` collects a pair's rows
in an order where each refers only to rows written before it, and `restamp` puts back when each
was made (bulk_create stamps every row with the moment of the load)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import Model

from tandem.core.models import BaseModel
from tandem.meetings.models import (
    ActionItem,
    Meeting,
    MeetingFeedback,
    MeetingTransition,
    Note,
    Slot,
    ThankYou,
)
from tandem.mentorships.models import Agreement, Feedback, Goal, GoalUpdate, Transition

BATCH = 500


@dataclass
class Rows:
    """Rows to write, in an order where each refers only to rows written before it.

    Dated rows carry (row, made, last changed): bulk_create stamps both with the time of the
    load, so they are put back afterwards.
    """

    dated: dict[type[BaseModel], list[tuple[BaseModel, datetime, datetime]]] = field(
        default_factory=lambda: {model: [] for model in DATED}
    )
    plain: dict[type[Model], list[Model]] = field(default_factory=lambda: {m: [] for m in PLAIN})

    def add(self, row: BaseModel, made: datetime, changed: datetime | None = None) -> None:
        self.dated[type(row)].append((row, made, changed or made))

    def add_plain(self, row: Slot | MeetingTransition | Transition) -> None:
        self.plain[type(row)].append(row)


DATED: tuple[type[BaseModel], ...] = (Meeting, Agreement, Goal, GoalUpdate, ActionItem,
                                      MeetingFeedback, ThankYou, Note, Feedback)  # fmt: skip
PLAIN: tuple[type[Model], ...] = (Slot, MeetingTransition, Transition)


def rows_write(rows: Rows) -> None:
    """Meetings first (everything else hangs off them), then the rest."""
    for model in DATED:
        dated_write(model, rows.dated[model])
        if model is Meeting:
            for plain in PLAIN:
                plain._default_manager.bulk_create(rows.plain[plain], batch_size=BATCH)


def dated_write(model: type[BaseModel], dated: list[tuple[BaseModel, datetime, datetime]]) -> None:
    """Insert the rows, then put back when each was made and last changed."""
    model._default_manager.bulk_create([row for row, _, _ in dated], batch_size=BATCH)
    restamp(model, [(row.pk, made, changed) for row, made, changed in dated])


def restamp(model: type[BaseModel], stamps: list[tuple[int, datetime, datetime]]) -> None:
    """Set rows' created_at and updated_at: one UPDATE run over every row (executemany).

    bulk_update would do it in one statement per batch too, but builds a CASE expression per
    row first, which costs seconds for the few thousand rows of the demo's history.
    """
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
    opts = model._meta
    columns = {field.name: quote(field.column) for field in opts.concrete_fields}
    made, changed, pk = columns["created_at"], columns["updated_at"], quote(opts.pk.column)
    # Identifiers quoted from the model, every value a parameter.
    sql = f"UPDATE {quote(opts.db_table)} SET {made} = %s, {changed} = %s WHERE {pk} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(adapt(m), adapt(c), row) for row, m, c in stamps])
