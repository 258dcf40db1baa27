"""What a chart shows, independent of how it is drawn: its labels, its series and the table of
exactly the same rows (shown with "show as table" and downloaded as CSV).

Every chart on the site goes through here and `core/_chart.html`: Chart.js (vendored in
core/static/vendor/chartjs, see docs/architecture.md "Charts") draws `spec()`, which the
template hands over with `json_script`, so no data passes through inline script. A value of
None is a gap: reports use it for a figure hidden by their privacy rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["bar", "hbar", "line", "stacked"]
# A table cell: a number, words, None (blank), or any figure that prints itself (str()).
Cell = object


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | int | None]


@dataclass(frozen=True)
class Table:
    """Rows as the page shows them; `csv_rows` writes the same cells as text."""

    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]

    def csv_rows(self) -> Iterator[list[str]]:
        yield list(self.columns)
        for row in self.rows:
            yield [_text(cell) for cell in row]


@dataclass(frozen=True)
class Chart:
    """One chart on a report page; `key` names it in its CSV URL and its element ids."""

    key: str
    title: str
    summary: str  # one sentence for screen readers and print: what the chart says
    kind: Kind
    labels: Sequence[str]
    series: Sequence[Series]
    table: Table
    unit: str = ""  # the value axis: "people", "days", "%"
    notes: Sequence[str] = field(default_factory=tuple)

    def spec(self) -> dict[str, object]:
        """What `core/charts.js` draws."""
        return {
            "kind": self.kind,
            "labels": list(self.labels),
            "series": [{"name": s.name, "values": list(s.values)} for s in self.series],
            "unit": self.unit,
        }

    @property
    def is_empty(self) -> bool:
        return not self.table.rows


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return f"{cell:g}"
    return str(cell)
