"""`tandem programs import SLUG FILE.csv [--dry-run]`: the participant import, for nightly HR
syncs. The same plan and commit as the import pages (`tandem.programs.imports`).

Prints `created N, updated M, unchanged K` (then any columns it left out). On any bad row it
prints `line L: COLUMN: message` for each problem, writes nothing and exits 2; a file it
cannot read at all is one line and exit 2 too. `--dry-run` checks and counts, writing nothing.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any, TextIO

from django.utils import timezone

from tandem.programs.commands.base import BadInput, program_named
from tandem.programs.imports.commit import Result, import_commit, refusal
from tandem.programs.imports.parse import MAX_BYTES
from tandem.programs.imports.plan import plan_build
from tandem.programs.imports.problems import ImportRefused

HELP = "import participants from an HR export (CSV); --dry-run checks and counts only"


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("slug", help="the program's slug")
    parser.add_argument("file", help="the CSV file (UTF-8, comma- or semicolon-separated)")
    parser.add_argument(
        "--dry-run", action="store_true", help="check the file and print the counts; write nothing"
    )


def _read(name: str) -> bytes:
    path = Path(name)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise BadInput([f"{name}: the file is over {MAX_BYTES // 1_048_576} MB; split it"])
        return path.read_bytes()
    except OSError as error:
        raise BadInput([f"{name}: cannot read the file ({error.strerror or error})"]) from error


def run(options: dict[str, Any], out: TextIO) -> None:
    program = program_named(options["slug"])
    data = _read(options["file"])
    try:
        if options["dry_run"]:
            plan = plan_build(program=program, data=data)
            if plan.problems:
                raise refusal(plan)
            result = Result.of(plan)
        else:
            result = import_commit(program=program, data=data, now=timezone.now())
    except ImportRefused as error:
        raise BadInput(error.lines) from error
    out.write(str(result))
    if result.ignored:
        out.write("ignored columns: " + ", ".join(result.ignored))
