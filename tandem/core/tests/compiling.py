"""The check every compile-once read shares: run it again and the ORM compiles no SQL
(`tandem.core.compiled` keeps the SQL a read made the first time)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from unittest import mock

from django.db.models.sql.compiler import SQLCompiler

T = TypeVar("T")


def read_again_compiling_nothing(read: Callable[[], T]) -> T:
    """Run `read` twice and give what the second run gave, failing if the ORM compiled any
    SQL for it (the first run may compile: that is where a process compiles it once)."""
    read()
    with mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    ) as as_sql:
        result = read()
    compiled = [call.args[0].query.model for call in as_sql.call_args_list]
    assert compiled == [], f"the second read compiled SQL for {compiled}"
    return result
