"""`tandem programs importing`: being built (issue 11); refuses until then."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any, TextIO

from tandem.programs.commands.base import BadInput

HELP = "not available yet"


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("rest", nargs="*")


def run(options: dict[str, Any], out: TextIO) -> None:
    raise BadInput(["not available yet"])
