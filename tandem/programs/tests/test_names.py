"""Program names and imported people's names go through `clean_name` like every other name."""

from __future__ import annotations

import pytest

from tandem.profiles.tests.factories import OrganizationFactory
from tandem.programs.imports.parse import table_read, text_decode
from tandem.programs.imports.rows import rows_read
from tandem.programs.imports.vocabulary import vocabulary_load
from tandem.programs.models import Program
from tandem.programs.services.programs import ProgramError, program_create, program_update
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.import_files import csv_file

pytestmark = pytest.mark.django_db

HEADERS = ("email", "first_name", "last_name")


def _read(program: Program, *rows: tuple[str, str, str]):
    table = table_read(text_decode(csv_file(list(rows), HEADERS)))
    people, _, problems = rows_read(table, vocabulary_load(program), pool=program.is_pool)
    return people, [str(problem) for problem in problems]


def test_a_program_name_loses_direction_overrides_and_zero_width_spaces() -> None:
    org = OrganizationFactory()
    program = program_create(organization=org, actor=None, name="Men\u200btors\u202e 2026")
    assert program.name == "Mentors 2026"
    program_update(program=program, name="\u2066Spring\u2069  cohort")
    assert Program.objects.get(pk=program.pk).name == "Spring cohort"


def test_a_program_name_of_invisible_characters_is_refused() -> None:
    program = ProgramFactory(name="Kept")
    with pytest.raises(ProgramError):
        program_update(program=program, name="\u200b\u200d")
    with pytest.raises(ProgramError):
        program_create(organization=program.organization, actor=None, name="\ufeff")
    assert list(Program.objects.values_list("name", flat=True)) == ["Kept"]


def test_imported_names_are_cleaned_and_an_invisible_one_is_a_problem() -> None:
    program = ProgramFactory()
    people, problems = _read(
        program,
        ("ana@acme.test", "A\u200bna", "\u202eSilva"),
        ("ben@acme.test", "\u200b\u200c", "Okafor"),
        ("cleo@acme.test", "C" * 81, "Diaz"),
    )
    assert (people[0].first_name, people[0].last_name) == ("Ana", "Silva")
    assert problems == [
        "line 3: first_name: a name needs letters or numbers; we found none",
        "line 4: first_name: at most 80 characters",
    ]
