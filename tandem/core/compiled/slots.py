"""Queries with placeholders: SQL compiled once per shape, reused with each call's values.

A query is built through the ORM with `Slot`s where its values go (an id, a day, a moment),
compiled once per process, database and *shape* (`compiled(name, shape, build)`), and run with
each call's values (`run`). A list of ids is one `IdsSlot` matched with `AnyOf`: an array on
PostgreSQL, JSON on SQLite, so the text is the same for 1 id or 10,000 and PostgreSQL prepares
it once per connection. The health reads (every page showing a mentorship's health), the home
page's reads and mentors' answering times use it; a shape of None compiles on every call (ids
given as a queryset, say).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Expression, Field, IntegerField, Lookup, QuerySet
from django.db.models.sql.compiler import SQLCompiler

Compiled = tuple[str, tuple[Any, ...]]
_COMPILED: dict[tuple[str, str, str], Compiled] = {}


class Slot(Expression):
    """A value the query is given when it runs: compiled as one placeholder."""

    def __init__(self, name: str, output_field: Field[Any, Any]) -> None:
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        return "%s", [self]

    def prepared(self, value: Any, connection: BaseDatabaseWrapper) -> Any:
        """The value as the driver takes it (SQLite's datetimes are text, for instance)."""
        return self.output_field.get_db_prep_value(value, connection)


class IdsSlot(Slot):
    """A list of ids, sent as one value: a PostgreSQL array, or JSON that SQLite unpacks."""

    def __init__(self, name: str) -> None:
        super().__init__(name, IntegerField())

    def prepared(self, value: Any, connection: BaseDatabaseWrapper) -> Any:
        ids = [int(pk) for pk in value]
        return ids if connection.vendor == "postgresql" else json.dumps(ids)


class AnyOf(Lookup):
    """`column` is one of the ids an `IdsSlot` is given: the same SQL for any number of ids."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs_sql} = ANY(%s)", (*lhs_params, self.rhs)
        # The column comes from the ORM, never from input.
        sql = f"{lhs_sql} IN (SELECT value FROM json_each(%s))"  # noqa: S608
        return sql, (*lhs_params, self.rhs)


def sql_of(queryset: QuerySet[Any, Any]) -> tuple[str, Sequence[Any]]:
    """A queryset's SQL and parameters, as the default database runs it."""
    return queryset.query.get_compiler(connection=connection).as_sql()


def compiled(
    name: str, shape: str | None, build: Callable[[], tuple[str, Sequence[Any]]]
) -> Compiled:
    """The SQL and parameters `build` makes, made once per shape and database (`shape` None:
    on every call)."""
    key = (name, shape or "", connection.vendor)
    found = _COMPILED.get(key) if shape is not None else None
    if found is None:
        sql, params = build()
        found = (sql, tuple(params))
        if shape is not None:
            _COMPILED[key] = found
    return found


def run(query: Compiled, values: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of a compiled query, its slots filled with `values` (by slot name)."""
    sql, params = query
    with connection.cursor() as cursor:
        cursor.execute(sql, filled(params, values))
        return cursor.fetchall()


def filled(params: Sequence[Any], values: dict[str, Any]) -> list[Any]:
    """The parameters with each slot replaced by its value, prepared for the database."""
    return [
        param.prepared(values[param.name], connection) if isinstance(param, Slot) else param
        for param in params
    ]
