"""The plain rows every export section is made of."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Row = dict[str, Any]


def rows(values: Iterable[Mapping[str, Any]]) -> list[Row]:
    """A queryset's `.values()` as a list of plain dicts, ready for JSON."""
    return [dict(value) for value in values]
