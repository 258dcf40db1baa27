"""HR export files for the import tests: build one from headers and rows."""

from __future__ import annotations

from collections.abc import Sequence

HEADERS = (
    "email", "first_name", "last_name", "role", "title", "department", "level", "manager_email",
    "timezone", "languages", "skills_offered", "skills_wanted", "capacity",
)  # fmt: skip

ANA = (
    "ana@acme.test", "Ana", "Silva", "mentor", "Staff engineer", "Platform", "6",
    "boss@acme.test", "Europe/Lisbon", "pt;en", "Python;JS", "", "2",
)  # fmt: skip
BEN = (
    "ben@acme.test", "Ben", "Okafor", "mentee", "Analyst", "Finance", "2", "boss@acme.test",
    "Africa/Lagos", "English", "", "SQL;dataviz", "",
)  # fmt: skip
CLEO = (
    "cleo@acme.test", "Cleo", "Ng", "both", "Product manager", "Product", "4", "",
    "Asia/Singapore", "en;zh", "PM", "Product strategy", "",
)  # fmt: skip


def csv_file(
    rows: Sequence[Sequence[str]], headers: Sequence[str] = HEADERS, *, delimiter: str = ",",
    bom: bool = False, crlf: bool = False,
) -> bytes:  # fmt: skip
    """The file's bytes; cells holding the delimiter, a quote or a line break are quoted."""

    def cell(text: str) -> str:
        if any(c in text for c in (delimiter, '"', "\n")):
            return '"' + text.replace('"', '""') + '"'
        return text

    newline = "\r\n" if crlf else "\n"
    lines = [delimiter.join(cell(c) for c in line) for line in (headers, *rows)]
    text = newline.join(lines) + newline
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def semicolons(row: Sequence[str]) -> tuple[str, ...]:
    """The same row for a semicolon-separated file, lists separated by `|`."""
    return tuple(c.replace(";", "|") for c in row)
