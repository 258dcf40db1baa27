"""Reading an HR export: encodings, delimiters, headers, line numbers, and each column's check
with a plain message on the right line and column."""

from __future__ import annotations

import pytest

from tandem.programs.imports.parse import MAX_ROWS, list_split, table_read, text_decode
from tandem.programs.imports.plan import plan_build
from tandem.programs.imports.problems import ImportRefused, Problem
from tandem.programs.imports.rows import rows_read
from tandem.programs.imports.vocabulary import vocabulary_load
from tandem.programs.models import Program, Question
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.import_files import ANA, BEN, CLEO, HEADERS, csv_file, semicolons
from tandem.skills.models import Skill

pytestmark = pytest.mark.django_db


def _rows(program: Program, data: bytes):
    table = table_read(text_decode(data))
    return rows_read(table, vocabulary_load(program), pool=program.is_pool)


def _problems(data: bytes, program: Program | None = None) -> list[str]:
    return [str(p) for p in plan_build(program=program or ProgramFactory(), data=data).problems]


def test_a_bom_crlf_and_semicolons_read_the_same_as_a_plain_comma_file() -> None:
    program = ProgramFactory()
    plain, _, problems = _rows(program, csv_file([ANA, BEN, CLEO]))
    assert not problems
    for data in (
        csv_file([ANA, BEN, CLEO], bom=True, crlf=True),
        csv_file([semicolons(r) for r in (ANA, BEN, CLEO)], delimiter=";", bom=True),
    ):
        rows, _, problems = _rows(program, data)
        assert not problems
        assert rows == plain
    ana = plain[0]
    skills = dict(Skill.objects.values_list("name", "pk"))
    assert ana.email == "ana@acme.test"
    assert ana.level == 6
    assert ana.role == "mentor"
    assert ana.skills_offered == (skills["Python"], skills["JavaScript"])  # JS is a synonym
    assert plain[1].skills_wanted == (skills["SQL"], skills["Data visualisation"])
    assert ana.timezone == "Europe/Lisbon"
    assert ana.capacity == 2
    assert len(ana.languages) == 2
    assert plain[1].languages


def test_headers_in_any_case_and_order_and_spelling_of_the_separator() -> None:
    headers = ("Skills Wanted", "E-mail", "LAST_NAME", "First name", "email")
    data = csv_file([("SQL", "x", "Silva", "Ana", "ANA@Acme.test")], headers)
    rows, columns, problems = _rows(ProgramFactory(), data)
    assert not problems
    assert rows[0].email == "ana@acme.test"
    assert rows[0].first_name == "Ana"
    assert rows[0].last_name == "Silva"
    assert rows[0].skills_wanted
    assert columns.ignored == ["E-mail"]  # "e_mail" is no field of ours


def test_an_email_column_is_needed_and_a_heading_only_once() -> None:
    data = csv_file([("Ana", "Ana")], ("first_name", "First Name"))
    assert _problems(data) == [
        "line 1: First Name: this heading is used twice (columns 1 and 2); keep one",
        "line 1: email: the file needs an email column: one email address a person, under a "
        "heading “email”",
    ]


def test_lines_are_counted_as_in_the_file_with_blank_lines_and_quoted_line_breaks() -> None:
    text = (
        "email,title,level\n"
        'ana@acme.test,"Staff\nengineer",6\n'  # lines 2-3
        "\n"  # line 4, blank
        ",,\n"  # line 5, only delimiters: skipped as blank
        "ben@acme.test,Analyst,eleven\n"  # line 6
    )
    assert _problems(text.encode()) == [
        "line 6: level: the level is a whole number from 1 to 10, not “eleven”"
    ]


def test_each_column_is_checked_with_a_plain_message() -> None:
    rows = [
        ("not-an-email", "", "", "boss", "", "", "0", "x@", "Paris", "Klingon", "pyhton", "", "21"),
        ("dee@acme.test", "", "", "", "", "", "", "dee@acme.test", "", "", "", "", ""),
        ("ana@acme.test", "", "", "", "", "", "", "", "", "", "", "", ""),
        ("ANA@acme.test", "", "", "", "", "", "", "", "", "", "", "", ""),
        ("", "Nobody", "", "", "", "", "", "", "", "", "", "", ""),
    ]
    assert _problems(csv_file(rows)) == [
        "line 2: email: “not-an-email” is not an email address",
        "line 2: manager_email: “x@” is not an email address",
        "line 2: role: write mentee, mentor or both, not “boss”",
        "line 2: level: the level is a whole number from 1 to 10, not “0”",
        "line 2: timezone: “Paris” is not an IANA timezone; write it like “Europe/Paris”",
        "line 2: languages: no language “Klingon”; write a code such as “fr” or a name such as "
        "“French”",
        "line 2: skills_offered: no skill called “pyhton” in Tandem's list (did you mean "
        "“Python”?)",
        "line 2: capacity: the capacity is a whole number from 0 to 20, not “21”",
        "line 3: manager_email: a person cannot be their own manager",
        "line 5: email: ana@acme.test is already on line 4",
        "line 6: email: every person needs an email address",
    ]


def test_a_line_with_more_cells_than_headings_is_reported() -> None:
    data = b"email,title\nana@acme.test,Engineer, Lead,\n"
    assert _problems(data) == [
        "line 2: column 3: this line has 4 cells but the header names 2 columns; is a value "
        "holding the delimiter without quotes?"
    ]


def test_extra_columns_are_answers_to_questions_of_that_name_or_ignored() -> None:
    program = ProgramFactory()
    team = Question.objects.create(
        program=program, text="Which team are you in?", kind="single", choices=["Red", "Blue"]
    )
    topics = Question.objects.create(
        program=program, text="Topics", kind="multiple", choices=["Growth", "Craft", "Life"]
    )
    scale = Question.objects.create(program=program, text="How keen?", kind="scale")
    headers = ("email", "which team are you in?", "TOPICS", "How keen?", "Cost centre")
    rows, columns, problems = _rows(
        program, csv_file([("ana@acme.test", "red", "Life;craft", "4", "CC-1")], headers)
    )
    assert not problems
    assert rows[0].answers == {str(team.pk): "Red", str(topics.pk): ["Craft", "Life"],
                               str(scale.pk): 4}  # fmt: skip
    assert columns.ignored == ["Cost centre"]
    bad = csv_file([("ben@acme.test", "Green", "Craft;Sleep", "9", "")], headers)
    assert _problems(bad, program) == [
        "line 2: which team are you in?: choose one of “Red”, “Blue”, not “Green”",
        "line 2: TOPICS: “Sleep” is not one of “Growth”, “Craft”, “Life” (separate several "
        "with “;”)",
        "line 2: How keen?: the answer is a whole number from 1 to 5, not “9”",
    ]


def test_in_peer_and_coffee_programs_the_role_is_not_read() -> None:
    coffee = ProgramFactory(kind=Program.Kind.COFFEE)
    rows, _, problems = _rows(coffee, csv_file([("ana@acme.test", "boss")], ("email", "role")))
    assert not problems
    assert rows[0].role is None


def test_files_that_cannot_be_read_are_refused_whole() -> None:
    with pytest.raises(ImportRefused, match="not UTF-8"):
        text_decode("email\nzoë@acme.test\n".encode("latin-1"))
    with pytest.raises(ImportRefused, match="limit is 5 MB"):
        text_decode(b"x" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ImportRefused, match="empty"):
        text_decode(b"\xef\xbb\xbf \n")
    too_many = ("email\n" + "a@b.test\n" * (MAX_ROWS + 1)).encode()
    with pytest.raises(ImportRefused, match="more than 20,000 people"):
        table_read(text_decode(too_many))


def test_list_cells_split_on_semicolons_and_bars() -> None:
    assert list_split(" Python ; SQL|Python;; ") == ["Python", "SQL"]
    assert Problem(3, "level", "x").__str__() == "line 3: level: x"
    assert HEADERS[0] == "email"


def test_control_characters_in_any_cell_are_dropped_as_a_form_drops_them() -> None:
    program = ProgramFactory()
    story = Question.objects.create(program=program, text="Your story", kind="text")
    team = Question.objects.create(
        program=program, text="Team", kind="single", choices=["Red", "Blue"]
    )
    headers = ("email", "title", "department", "timezone", "level", "Your story", "Team")
    row = (
        "ana@acme\x07.test", "Staff\x1b[31m engineer", "Plat\u0085form\tOps",
        "Europe/\x7fLisbon", "6\x08", "Line one\r\nline\x0b two", "R\x1fed",
    )  # fmt: skip
    rows, _, problems = _rows(program, csv_file([row], headers))
    assert not problems
    (ana,) = rows
    assert (ana.email, ana.title, ana.department) == ("ana@acme.test", "Staff[31m engineer",
                                                      "Platform Ops")  # fmt: skip
    assert (ana.timezone, ana.level) == ("Europe/Lisbon", 6)
    assert ana.answers == {str(story.pk): "Line one\nline two", str(team.pk): "Red"}
