"""`tandem programs create SLUG --organization NAME --name TEXT [--type …]`."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any, TextIO

from tandem.organizations.services import organization_get_or_create
from tandem.programs.commands.base import BadInput
from tandem.programs.models import Program
from tandem.programs.services.programs import program_create

HELP = "create a program (and its organization, if new)"


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("slug")
    parser.add_argument("--organization", required=True, help="the organization's name")
    parser.add_argument("--name", required=True, help="the program's name")
    parser.add_argument(
        "--type", dest="kind", default="mentoring", help=", ".join(Program.Kind.values)
    )


def run(options: dict[str, Any], out: TextIO) -> None:
    problems = []
    if options["kind"] not in Program.Kind.values:
        problems.append(f"--type: choose one of {', '.join(Program.Kind.values)}")
    if not options["organization"].strip():
        problems.append("--organization: give the organization's name")
    if not options["name"].strip():
        problems.append("--name: give the program a name")
    if problems:
        raise BadInput(problems)
    organization = organization_get_or_create(name=options["organization"])
    program = program_create(
        organization=organization, actor=None, name=options["name"], kind=options["kind"],
        slug=options["slug"],
    )  # fmt: skip
    out.write(f"created program {program.slug} ({program.get_kind_display()}) for {organization}")
