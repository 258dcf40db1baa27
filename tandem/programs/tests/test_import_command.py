"""`tandem programs import SLUG FILE.csv [--dry-run]`: counts on stdout; bad rows as
`line L: COLUMN: message` on stderr, nothing written, exit 2."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from tandem.accounts.models import User
from tandem.programs.models import Participant
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.import_files import ANA, BEN, CLEO, csv_file

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("programs", "import", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "hr.csv"
    path.write_bytes(csv_file([ANA, BEN, CLEO]))
    return path


def test_it_imports_and_prints_the_counts_then_changes_nothing_the_second_time(export) -> None:
    program = ProgramFactory(slug="acme-mentoring")
    assert _run("acme-mentoring", str(export)) == (0, "created 3, updated 0, unchanged 0\n", "")
    assert Participant.objects.filter(program=program).count() == 3
    assert len(mail.outbox) == 3
    assert _run("acme-mentoring", str(export)) == (0, "created 0, updated 0, unchanged 3\n", "")
    assert len(mail.outbox) == 3


def test_a_dry_run_counts_and_writes_nothing(tmp_path) -> None:
    ProgramFactory(slug="acme-mentoring")
    path = tmp_path / "hr.csv"
    path.write_bytes(csv_file([("ana@acme.test", "x")], ("email", "Cost centre")))
    code, out, _ = _run("acme-mentoring", str(path), "--dry-run")
    assert (code, out) == (0, "created 1, updated 0, unchanged 0\nignored columns: Cost centre\n")
    assert not User.objects.exists()
    assert not mail.outbox


def test_bad_rows_are_listed_one_a_line_and_exit_2(tmp_path) -> None:
    ProgramFactory(slug="acme-mentoring")
    path = tmp_path / "hr.csv"
    rows = [("ana@acme.test", "11", "Mars/Olympus"), ("ana@acme.test", "3", "")]
    path.write_bytes(csv_file(rows, ("email", "level", "timezone")))
    for extra in ((), ("--dry-run",)):
        code, out, err = _run("acme-mentoring", str(path), *extra)
        assert (code, out) == (2, "")
        assert err.splitlines() == [
            "line 2: level: the level is a whole number from 1 to 10, not “11”",
            "line 2: timezone: “Mars/Olympus” is not an IANA timezone; write it like "
            "“Europe/Paris”",
            "line 3: email: ana@acme.test is already on line 2",
        ]
    assert not User.objects.exists()


def test_an_unreadable_file_is_one_line_and_exit_2(tmp_path) -> None:
    ProgramFactory(slug="acme-mentoring")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("email,first_name\nzoe@acme.test,Zoë\n".encode("latin-1"))
    code, _, err = _run("acme-mentoring", str(latin))
    assert code == 2
    assert err == (
        "The file is not UTF-8 text (byte 34 is not). In Excel, save it as “CSV UTF-8”; in "
        "Google Sheets, download it as CSV.\n"
    )
    code, _, err = _run("acme-mentoring", str(tmp_path / "missing.csv"))
    assert (code, err) == (2, f"{tmp_path / 'missing.csv'}: cannot read the file (No such file "
                              "or directory)\n")  # fmt: skip
    code, _, err = _run("no-such-program", str(latin))
    assert (code, err) == (2, "no program 'no-such-program'; `tandem programs create` makes one\n")
