"""A query whose shape never changes, turned into SQL once per process and run again with the
request's values.

Building a queryset and compiling it costs Django far more than running it: the navigation's
query (a profile and three EXISTS) took 1.36 ms of CPU through the ORM against 0.09 ms run as
compiled SQL (bench/pages.py, docs/benchmarks.md "Under load"). On every page, that is worth
keeping. `CompiledQuery(build)` calls `build` once per database vendor with stand-in values
(numbers no row holds), compiles it, and notes where each stand-in landed among the SQL's
parameters; `rows(...)` puts the real values there and runs the SQL. Only for queries whose
SQL cannot depend on the values: `build` must use each value only as a value compared in SQL
(no `if`, no `__in` list whose length varies). Rows come back as the database gives them
(SQLite's booleans are 0 and 1): read them as truth values or convert them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

# Stand-ins for the values: negative (no id is), inside even a 32-bit column's range (a number
# a column cannot hold makes the lookup match nothing, and the SQL is not compiled at all), and
# one apart so each is told from the others.
_STAND_IN = -2_100_000_000


class CompiledQuery:
    def __init__(self, build: Callable[..., QuerySet[Any, Any]], *, values: int = 1) -> None:
        self._build = build
        self._values = values
        self._compiled: dict[str, tuple[str, list[Any], list[int | None]]] = {}
        self._lock = threading.Lock()

    def rows(self, *values: Any) -> list[tuple[Any, ...]]:
        """The query's rows for these values, as tuples in the build's values_list order."""
        if len(values) != self._values:
            raise TypeError(f"{self._values} values expected, {len(values)} given")
        connection = connections[DEFAULT_DB_ALIAS]
        sql, params, slots = self._compiled_for(connection.vendor)
        bound = [
            values[slot] if slot is not None else p for p, slot in zip(params, slots, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, bound)
            return list(cursor.fetchall())

    def first(self, *values: Any) -> tuple[Any, ...] | None:
        found = self.rows(*values)
        return found[0] if found else None

    def _compiled_for(self, vendor: str) -> tuple[str, list[Any], list[int | None]]:
        compiled = self._compiled.get(vendor)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.setdefault(vendor, self._compile())
        return compiled

    def _compile(self) -> tuple[str, list[Any], list[int | None]]:
        stand_ins = [_STAND_IN - i for i in range(self._values)]
        sql, params = self._build(*stand_ins).query.sql_with_params()
        slots = [_slot(param, stand_ins) for param in params]
        missing = set(range(self._values)) - {slot for slot in slots if slot is not None}
        if missing:  # a value the build used other than as a parameter: not compilable
            raise ValueError(f"values {sorted(missing)} did not reach the SQL as parameters")
        return sql, list(params), slots


def _slot(param: Any, stand_ins: Sequence[int]) -> int | None:
    """Which value this parameter stands for, if any."""
    if isinstance(param, int) and not isinstance(param, bool) and param in stand_ins:
        return stand_ins.index(param)
    return None
