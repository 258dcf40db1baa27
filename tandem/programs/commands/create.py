"""`tandem programs create SLUG --organization NAME --name TEXT [--type …]`."""

from __future__ import annotations

import re
from argparse import ArgumentParser
from typing import Any, TextIO

from django.db import transaction

from tandem.organizations.models import Organization
from tandem.organizations.services import organization_get_or_create
from tandem.programs.commands.base import BadInput
from tandem.programs.models import Program
from tandem.programs.services.programs import program_create

HELP = "create a program (and its organization, if new)"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _limit(model: type[Program] | type[Organization], field: str) -> int:
    return int(getattr(model._meta.get_field(field), "max_length", 0) or 0)


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("slug", help="the program's address: lowercase letters, digits, dashes")
    parser.add_argument("--organization", required=True, help="the organization's name")
    parser.add_argument("--name", required=True, help="the program's name")
    kinds = ", ".join(Program.Kind.values)
    parser.add_argument("--type", dest="kind", default="mentoring", help=kinds)


def _problems(options: dict[str, Any]) -> list[str]:
    slug, name, organization = options["slug"], options["name"].strip(), options["organization"]
    problems = []
    if not SLUG.fullmatch(slug):
        problems.append(
            f"SLUG: use lowercase letters, digits and dashes, like acme-mentoring, not {slug!r}"
        )
    elif len(slug) > _limit(Program, "slug"):
        problems.append(f"SLUG: at most {_limit(Program, 'slug')} characters")
    if options["kind"] not in Program.Kind.values:
        problems.append(f"--type: choose one of {', '.join(Program.Kind.values)}")
    if not organization.strip():
        problems.append("--organization: give the organization's name")
    elif len(organization.strip()) > _limit(Organization, "name"):
        problems.append(f"--organization: at most {_limit(Organization, 'name')} characters")
    if not name:
        problems.append("--name: give the program a name")
    elif len(name) > _limit(Program, "name"):
        problems.append(f"--name: at most {_limit(Program, 'name')} characters")
    return problems


def run(options: dict[str, Any], out: TextIO) -> None:
    problems = _problems(options)
    if problems:
        raise BadInput(problems)
    # One transaction: a refused program (a slug already taken) leaves no new organization.
    with transaction.atomic():
        organization = organization_get_or_create(name=options["organization"])
        program = program_create(
            organization=organization, actor=None, name=options["name"], kind=options["kind"],
            slug=options["slug"],
        )  # fmt: skip
    out.write(f"created program {program.slug} ({program.get_kind_display()}) for {organization}")
