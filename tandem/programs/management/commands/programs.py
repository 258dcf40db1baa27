"""`tandem programs …`: create a program, import its participants, run and publish a round.

The same services as the pages. Exit 0 on success; on bad input, one line per problem on
stderr and exit 2, never a traceback. Each subcommand lives in `tandem/programs/commands/`.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from tandem.core.errors import DomainError
from tandem.programs.commands import create, importing, matching, publishing
from tandem.programs.commands.base import BadInput

SUBCOMMANDS = {
    "create": create,
    "import": importing,
    "match": matching,
    "publish": publishing,
}
EXIT_BAD_INPUT = 2


class OneLineParser(ArgumentParser):
    """Bad arguments give one line naming the problem and exit 2 (argparse would print the
    whole usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message}\n")


class Command(BaseCommand):
    help = "Run an organization's programs: create, import, match, publish."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if parser.called_from_command_line:  # from code, Django raises CommandError instead
            parser.error = OneLineParser.error.__get__(parser)  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, parser_class=OneLineParser)
        for name, module in SUBCOMMANDS.items():
            module.add_arguments(sub.add_parser(name, help=module.HELP))

    def handle(self, *args: Any, **options: Any) -> None:
        module = SUBCOMMANDS[options["subcommand"]]
        try:
            module.run(options, self.stdout)
        except BadInput as error:
            for line in error.lines:
                self.stderr.write(line)
            sys.exit(EXIT_BAD_INPUT)
        except DomainError as error:
            self.stderr.write(error.message)
            sys.exit(EXIT_BAD_INPUT)
