"""What the subcommands share: the bad-input error and finding a program by slug."""

from __future__ import annotations

from collections.abc import Sequence

from tandem.programs.models import Program


class BadInput(Exception):
    """Bad input for a command: each line names one problem."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


def program_named(slug: str) -> Program:
    """The program with this slug, or BadInput."""
    program = Program.objects.select_related("organization").filter(slug=slug).first()
    if program is None:
        raise BadInput([f"no program {slug!r}; `tandem programs create` makes one"])
    return program
