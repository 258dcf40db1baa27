"""Each line of the table checked and turned into a plain `Row`, or into problems that name
the line, the column and what to write instead. Nothing here reads the people in the database;
`plan.py` compares the rows with them.

A blank cell means "not given": a new person gets the default, an existing one keeps what they
have. Extra columns whose header is an intake question's text (any case) are answers to it;
other extra columns are reported as ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from tandem.core.names import PERSON_NAME_MAX, clean_name, has_letters
from tandem.core.text import clean_text
from tandem.profiles.models import MAX_CAPACITY
from tandem.programs.imports.parse import HEADER_LINE, Record, Table, header_key, list_split
from tandem.programs.imports.problems import Problem
from tandem.programs.imports.vocabulary import Vocabulary
from tandem.programs.models import Question
from tandem.programs.rules import ANSWER_MAX_LENGTH

FIELDS = (
    "email", "first_name", "last_name", "role", "title", "department", "level",
    "manager_email", "timezone", "languages", "skills_offered", "skills_wanted", "capacity",
)  # fmt: skip
ROLES = ("mentee", "mentor", "both")
MAX_SKILLS = 15  # per list, as on a profile (profiles.services.MAX_SKILLS_PER_SIDE)
LENGTHS = {
    "first_name": PERSON_NAME_MAX,
    "last_name": PERSON_NAME_MAX,
    "title": 120,
    "department": 120,
}
NAMES = ("first_name", "last_name")  # read as names: `clean_name`, at least a letter


class Bad(Exception):
    """A cell that cannot be read; the message says what to write instead."""


@dataclass(frozen=True)
class Row:
    """One person as the file gives them. None (or an empty tuple) is a blank cell."""

    line: int
    email: str
    first_name: str | None = None
    last_name: str | None = None
    role: str | None = None  # None in peer and coffee programs, where there is one role
    title: str | None = None
    department: str | None = None
    level: int | None = None
    manager_email: str | None = None
    timezone: str | None = None
    languages: tuple[int, ...] = ()
    skills_offered: tuple[int, ...] = ()
    skills_wanted: tuple[int, ...] = ()
    capacity: int | None = None
    answers: dict[str, Any] = field(default_factory=dict)  # {question id: answer}


@dataclass
class Columns:
    """Which column holds what: Tandem's fields, answers to intake questions, and the rest."""

    fields: dict[str, int]
    questions: list[tuple[int, Question]]
    ignored: list[str]


def field_of(header: str) -> str | None:
    """The field a header names: "First name", "first-name" and "FIRST_NAME" are first_name."""
    name = header_key(header).replace(" ", "_").replace("-", "_")
    return name if name in FIELDS else None


def columns_sort(table: Table, vocabulary: Vocabulary) -> tuple[Columns, list[Problem]]:
    columns = Columns(fields={}, questions=[], ignored=[])
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        name = field_of(header)
        key = name or header_key(header)
        if not key:
            if any(record.cells[index] for record in table.records):
                columns.ignored.append(f"column {index + 1} (no heading)")
            continue
        if key in seen:
            problems.append(
                Problem(
                    HEADER_LINE, header,
                    f"this heading is used twice (columns {seen[key] + 1} and {index + 1}); "
                    "keep one",
                )
            )  # fmt: skip
            continue
        seen[key] = index
        if name is not None:
            columns.fields[name] = index
        elif key in vocabulary.questions:
            columns.questions.append((index, vocabulary.questions[key]))
        else:
            columns.ignored.append(header)
    if "email" not in columns.fields:
        problems.append(
            Problem(
                HEADER_LINE, "email",
                "the file needs an email column: one email address a person, under a heading "
                "“email”",
            )
        )  # fmt: skip
    return columns, problems


def _email(text: str) -> str:
    email = text.strip().lower()
    if len(email) > 254:
        raise Bad("an email address is at most 254 characters")
    try:
        validate_email(email)
    except ValidationError as error:
        raise Bad(f"“{text}” is not an email address") from error
    return email


def _whole(text: str, low: int, high: int, what: str) -> int:
    if not text.isdigit() or not low <= int(text) <= high:
        raise Bad(f"{what} is a whole number from {low} to {high}, not “{text}”")
    return int(text)


def _role(text: str) -> str:
    role = text.lower()
    if role not in ROLES:
        raise Bad(f"write mentee, mentor or both, not “{text}”")
    return role


def _answer(question: Question, text: str, separator: str) -> Any:
    if question.kind == Question.Kind.SCALE:
        return _whole(text, 1, 5, "the answer")
    if question.kind == Question.Kind.TEXT:
        if len(text) > ANSWER_MAX_LENGTH:
            raise Bad(f"an answer is at most {ANSWER_MAX_LENGTH:,} characters")
        return text
    choices = {str(choice).lower(): str(choice) for choice in question.choices}
    listed = ", ".join(f"“{choice}”" for choice in choices.values())
    if question.kind == Question.Kind.SINGLE:
        if text.lower() not in choices:
            raise Bad(f"choose one of {listed}, not “{text}”")
        return choices[text.lower()]
    picked = set()
    for item in list_split(text):
        if item.lower() not in choices:
            raise Bad(f"“{item}” is not one of {listed} (separate several with “{separator}”)")
        picked.add(choices[item.lower()])
    return [choice for choice in choices.values() if choice in picked]  # as the page stores it


class _Reader:
    """Reads one record's cells, collecting a problem for each bad one."""

    def __init__(self, record: Record, columns: Columns, table: Table) -> None:
        self.record, self.columns, self.table = record, columns, table
        self.problems: list[Problem] = []

    def cell(self, name: str) -> str:
        """The cell under `name`, through `clean_text` as a form's input is (every field here
        is one line): a control character is never stored, nor makes a problem."""
        index = self.columns.fields.get(name)
        return clean_text(self.record.cells[index], multiline=False) if index is not None else ""

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.record.line, column, message))

    def read(self, name: str, parse: Callable[[str], Any]) -> Any:
        text = self.cell(name)
        if not text:
            return None
        try:
            return parse(text)
        except Bad as bad:
            self.problem(name, str(bad))
            return None

    def text(self, name: str) -> str | None:
        def check(text: str) -> str:
            if name in NAMES:
                text = clean_name(text)
                if not has_letters(text):
                    raise Bad("a name needs letters or numbers; we found none")
            if len(text) > LENGTHS[name]:
                raise Bad(f"at most {LENGTHS[name]} characters")
            return text

        return self.read(name, check)

    def items(self, name: str, lookup: Callable[[str], int | None], unknown: Callable[[str], str],
              limit: int | None = None) -> tuple[int, ...]:  # fmt: skip
        found: list[int] = []
        for item in list_split(self.cell(name)):
            pk = lookup(item)
            if pk is None:
                self.problem(name, unknown(item))
            elif pk not in found:
                found.append(pk)
        if limit is not None and len(found) > limit:
            self.problem(name, f"at most {limit} skills a person")
        return tuple(found)


def _unknown_language(item: str) -> str:
    return f"no language “{item}”; write a code such as “fr” or a name such as “French”"


def _unknown_skill(vocabulary: Vocabulary) -> Callable[[str], str]:
    def message(item: str) -> str:
        closest = vocabulary.closest_skill(item)
        hint = f" (did you mean “{closest}”?)" if closest else ""
        return f"no skill called “{item}” in Tandem's list{hint}"

    return message


def row_read(
    record: Record, columns: Columns, table: Table, vocabulary: Vocabulary, *, pool: bool
) -> tuple[Row | None, str | None, list[Problem]]:
    """The row on this record (or None), its email if it has a good one, and its problems."""
    cells = _Reader(record, columns, table)
    email = cells.read("email", _email)
    if email is None and not cells.problems:
        cells.problem("email", "every person needs an email address")

    def timezone(text: str) -> str:
        name = vocabulary.timezone(text)
        if name is None:
            raise Bad(f"“{text}” is not an IANA timezone; write it like “Europe/Paris”")
        return name

    manager_email = cells.read("manager_email", _email)
    if manager_email is not None and manager_email == email:
        cells.problem("manager_email", "a person cannot be their own manager")
    values: dict[str, Any] = {
        "first_name": cells.text("first_name"),
        "last_name": cells.text("last_name"),
        "role": None if pool else cells.read("role", _role),
        "title": cells.text("title"),
        "department": cells.text("department"),
        "level": cells.read("level", lambda text: _whole(text, 1, 10, "the level")),
        "manager_email": manager_email,
        "timezone": cells.read("timezone", timezone),
        "languages": cells.items(
            "languages", lambda item: vocabulary.languages.get(item.lower()), _unknown_language
        ),
        "skills_offered": cells.items(
            "skills_offered", vocabulary.skill, _unknown_skill(vocabulary), MAX_SKILLS
        ),
        "skills_wanted": cells.items(
            "skills_wanted", vocabulary.skill, _unknown_skill(vocabulary), MAX_SKILLS
        ),
        "capacity": cells.read(
            "capacity", lambda text: _whole(text, 0, MAX_CAPACITY, "the capacity")
        ),
    }
    answers: dict[str, Any] = {}
    for index, question in columns.questions:
        # A text answer keeps its lines, as the join form's box does.
        text = clean_text(record.cells[index], multiline=question.kind == Question.Kind.TEXT)
        if text:
            try:
                answers[str(question.pk)] = _answer(question, text, table.list_separator)
            except Bad as bad:
                cells.problem(table.headers[index], str(bad))
    if cells.problems or email is None:
        return None, email, cells.problems
    return Row(line=record.line, email=email, answers=answers, **values), email, []


def rows_read(
    table: Table, vocabulary: Vocabulary, *, pool: bool
) -> tuple[list[Row], Columns, list[Problem]]:
    """Every good row, how the columns were read, and every problem, in the file's order."""
    columns, problems = columns_sort(table, vocabulary)
    problems = [*table.problems, *problems]
    if "email" not in columns.fields:
        return [], columns, sorted(problems)
    rows: list[Row] = []
    first_line: dict[str, int] = {}
    for record in table.records:
        row, email, bad = row_read(record, columns, table, vocabulary, pool=pool)
        problems += bad
        if email is not None and email in first_line:
            message = f"{email} is already on line {first_line[email]}"
            problems.append(Problem(record.line, "email", message))
            continue
        if email is not None:
            first_line[email] = record.line
        if row is not None:
            rows.append(row)
    problems.sort(key=lambda problem: problem.line)
    return rows, columns, problems
