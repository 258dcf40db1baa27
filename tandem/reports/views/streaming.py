"""CSV downloads written row by row as the response streams, so an export of 100,000 rows never
sits in memory; every cell is guarded against spreadsheet formula injection."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.http import StreamingHttpResponse

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection):
# such a cell gets a leading apostrophe, which spreadsheets show as plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Line:
    """A file-like object whose `write` hands back the line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def safe_cell(value: object) -> str:
    """A cell as text a spreadsheet won't run: a formula-like start gets an apostrophe
    (negative numbers stay numbers); None is an empty cell."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_lines(rows: Iterable[Sequence[object]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_response(rows: Iterable[Sequence[object]], *, filename: str) -> StreamingHttpResponse:
    """Stream `rows` (the header first) as a CSV attachment named `filename`."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
