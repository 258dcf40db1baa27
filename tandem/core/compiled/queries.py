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

`objects(...)` gives model instances instead, for a build that returns a plain queryset: made
as the ORM's own iterable makes them (`select_related` objects attached, annotations set,
values converted), from the compiler kept since the one compilation. Prefetches are not run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import (  # type: ignore[attr-defined]
    ModelIterable,
    get_related_populators,
)
from django.db.models.sql.compiler import SQLCompiler

# Stand-ins for the values: negative (no id is), inside even a 32-bit column's range (a number
# a column cannot hold makes the lookup match nothing, and the SQL is not compiled at all), and
# one apart so each is told from the others.
_STAND_IN = -2_100_000_000


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: list[Any]
    slots: list[int | None]  # for each parameter, which value goes there (None: keep it)
    compiler: SQLCompiler  # set up by its as_sql(): what `objects` reads rows with
    gives_models: bool  # the build was a plain queryset, not values() or values_list()


class CompiledQuery:
    def __init__(self, build: Callable[..., QuerySet[Any, Any]], *, values: int = 1) -> None:
        self._build = build
        self._values = values
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def rows(self, *values: Any) -> list[tuple[Any, ...]]:
        """The query's rows for these values, as tuples in the build's values_list order."""
        return self._run(self._compiled_for(connections[DEFAULT_DB_ALIAS].vendor), values)

    def first(self, *values: Any) -> tuple[Any, ...] | None:
        found = self.rows(*values)
        return found[0] if found else None

    def objects(self, *values: Any) -> list[Any]:
        """The query's model instances for these values (what iterating the build gives)."""
        compiled = self._compiled_for(connections[DEFAULT_DB_ALIAS].vendor)
        compiler = compiled.compiler
        # As django.db.models.query.ModelIterable reads a compiled query's rows.
        select, klass_info = compiler.select, compiler.klass_info
        if not compiled.gives_models or klass_info is None:
            raise TypeError("objects() needs a build that returns model instances")
        model: type[Model] = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        related = get_related_populators(klass_info, select, DEFAULT_DB_ALIAS)
        annotations = compiler.annotation_col_map or {}
        found = []
        for row in compiler.results_iter([self._run(compiled, values)]):
            obj = model.from_db(DEFAULT_DB_ALIAS, names, row[start:end])
            for populator in related:
                populator.populate(row, obj)
            for name, position in annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def _run(self, compiled: _Compiled, values: Sequence[Any]) -> list[Any]:
        if len(values) != self._values:
            raise TypeError(f"{self._values} values expected, {len(values)} given")
        bound = [
            values[slot] if slot is not None else param
            for param, slot in zip(compiled.params, compiled.slots, strict=True)
        ]
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(compiled.sql, bound)
            return list(cursor.fetchall())

    def _compiled_for(self, vendor: str) -> _Compiled:
        compiled = self._compiled.get(vendor)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.setdefault(vendor, self._compile())
        return compiled

    def _compile(self) -> _Compiled:
        stand_ins = [_STAND_IN - i for i in range(self._values)]
        queryset = self._build(*stand_ins)
        compiler = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        slots = [_slot(param, stand_ins) for param in params]
        missing = set(range(self._values)) - {slot for slot in slots if slot is not None}
        if missing:  # a value the build used other than as a parameter: not compilable
            raise ValueError(f"values {sorted(missing)} did not reach the SQL as parameters")
        gives_models = queryset._iterable_class is ModelIterable
        return _Compiled(sql, list(params), slots, compiler, gives_models)


def _slot(param: Any, stand_ins: Sequence[int]) -> int | None:
    """Which value this parameter stands for, if any."""
    if isinstance(param, int) and not isinstance(param, bool) and param in stand_ins:
        return stand_ins.index(param)
    return None
