"""From the uploaded bytes to a table: the encoding, the delimiter, the headers and the line
numbers a person reading the file would give (the header is line 1).

The rule for delimiters, said the same way on the upload page and in docs/programs.md: columns
are separated by commas, or by semicolons when the header line has a `;` and no `,` (what
Excel writes where the decimal mark is a comma). Items of a list cell (languages, skills, the
answers to a multiple-choice question) are separated by `;`, and in a semicolon-separated
file, where `;` separates the columns, by `|` (either is read in either file).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from tandem.programs.imports.problems import ImportRefused, Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
LIST_SEPARATORS = (";", "|")
HEADER_LINE = 1


def text_decode(data: bytes) -> str:
    """The file's text: UTF-8, with or without a byte-order mark; ImportRefused otherwise."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            f"The file is {len(data) / 1_048_576:.1f} MB; the limit is "
            f"{MAX_BYTES // 1_048_576} MB. Split it into smaller files and import each."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"The file is not UTF-8 text (byte {error.start + 1} is not). In Excel, save it "
            "as “CSV UTF-8”; in Google Sheets, download it as CSV."
        ) from error
    if "\x00" in text:
        raise ImportRefused("This is not a CSV file. Save the spreadsheet as CSV (UTF-8).")
    if not text.strip():
        raise ImportRefused("The file is empty: it needs a header line and one line a person.")
    return text


def header_key(title: str) -> str:
    """How a header is compared: lowercase, spaces collapsed ("First  Name" → "first name")."""
    return " ".join(title.split()).lower()


def list_split(cell: str) -> list[str]:
    """The items of a list cell, trimmed, blanks and repeats dropped, in their order."""
    for separator in LIST_SEPARATORS[1:]:
        cell = cell.replace(separator, LIST_SEPARATORS[0])
    items = (item.strip() for item in cell.split(LIST_SEPARATORS[0]))
    return list(dict.fromkeys(item for item in items if item))


@dataclass(frozen=True)
class Record:
    """One person's line: where it starts in the file, and its cells, one per header."""

    line: int
    cells: tuple[str, ...]


@dataclass
class Table:
    delimiter: str
    headers: list[str]  # as written, trimmed
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def list_separator(self) -> str:
        return "|" if self.delimiter == ";" else ";"


def delimiter_of(text: str) -> str:
    """`;` when the header line has a semicolon and no comma, else `,`."""
    header = text.split("\n", 1)[0]
    return ";" if ";" in header and "," not in header else ","


def table_read(text: str) -> Table:
    """The table in `text`; blank lines are skipped but counted, so line numbers match the file."""
    delimiter = delimiter_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise ImportRefused(f"The header line cannot be read: {error}.") from error
    table = Table(delimiter=delimiter, headers=[cell.strip() for cell in header])
    width = len(table.headers)
    line = reader.line_num + 1  # where the next record starts
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            table.problems.append(Problem(line, "(the line)", f"cannot be read: {error}"))
            break
        start, line = line, reader.line_num + 1
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if len(cells) > width and any(cells[width:]):
            table.problems.append(
                Problem(
                    start, f"column {width + 1}",
                    f"this line has {len(cells)} cells but the header names {width} columns; "
                    "is a value holding the delimiter without quotes?",
                )
            )  # fmt: skip
        cells = (cells + [""] * width)[:width]
        table.records.append(Record(start, tuple(cells)))
        if len(table.records) > MAX_ROWS:
            raise ImportRefused(
                f"The file has more than {MAX_ROWS:,} people; split it into smaller files "
                "and import each."
            )
    return table
