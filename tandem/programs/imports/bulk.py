"""Two bulk writes the ORM is slow at, in plain SQL that SQLite (3.33+) and PostgreSQL share.

`bulk_update` builds a `CASE WHEN id = … THEN …` expression per field per row in Python: 10,000
profiles took 6 s of a 25 s import, nearly all before the database saw it. `rows_update` sends
`UPDATE … FROM (VALUES …)` instead, and `rows_insert` writes plain rows (a many-to-many table,
memberships) with `INSERT … ON CONFLICT DO NOTHING`, without a model instance for each.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

MAX_PARAMS = 999  # SQLite's oldest limit on parameters a statement; PostgreSQL takes it too


def _fields(model: type[models.Model], names: Sequence[str]) -> list[models.Field[Any, Any]]:
    found = []
    for name in names:
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field)
        found.append(field)
    return found


def rows_update(model: type[models.Model], objects: Sequence[Any], fields: Sequence[str]) -> None:
    """Write `fields` of each of `objects` (instances of `model`, with their primary keys)."""
    if not objects or not fields:
        return
    meta, quote = model._meta, connection.ops.quote_name
    pk = meta.pk
    assert pk is not None
    columns = _fields(model, fields)
    casting = connection.vendor == "postgresql"  # VALUES of parameters are text there
    sets = ", ".join(
        f"{quote(str(field.column))} = "
        + (f"CAST(v.column{n} AS {field.db_type(connection)})" if casting else f"v.column{n}")
        for n, field in enumerate(columns, start=2)
    )
    per_row = len(columns) + 1
    size = max(1, MAX_PARAMS // per_row)
    row = "(" + ", ".join(["%s"] * per_row) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(objects), size):
            batch = objects[start : start + size]
            params: list[Any] = []
            for obj in batch:
                params.append(obj.pk)
                params += [
                    field.get_db_prep_save(getattr(obj, field.attname), connection)
                    for field in columns
                ]
            first = f"CAST(v.column1 AS {pk.db_type(connection)})" if casting else "v.column1"
            cursor.execute(
                f"UPDATE {quote(meta.db_table)} SET {sets} "  # noqa: S608 (names, not values)
                f"FROM (VALUES {', '.join([row] * len(batch))}) AS v "
                f"WHERE {quote(meta.db_table)}.{quote(str(pk.column))} = {first}",
                params,
            )


def rows_insert(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert `rows` (values of `fields`, in order); rows that would break a unique constraint
    are left out, as `bulk_create(ignore_conflicts=True)` does."""
    if not rows:
        return
    meta, quote = model._meta, connection.ops.quote_name
    columns = _fields(model, fields)
    names = ", ".join(quote(str(field.column)) for field in columns)
    size = max(1, MAX_PARAMS // len(columns))
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params = [
                field.get_db_prep_save(value, connection)
                for values in batch
                for field, value in zip(columns, values, strict=True)
            ]
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({names}) "  # noqa: S608 (names, not values)
                f"VALUES {', '.join([row] * len(batch))} ON CONFLICT DO NOTHING",
                params,
            )
