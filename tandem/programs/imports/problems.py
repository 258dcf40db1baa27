"""What can be wrong with an import: a problem on one line and column, or the whole file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tandem.core.errors import DomainError

# The header is line 1; a problem with the file as a whole is on line 0 ("the file").
FILE_LINE = 0


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix: the line as a person counts it in the file, the column, what is wrong."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.column}: {self.message}"


class ImportRefused(DomainError):
    """The file cannot be imported as it is, and nothing was written.

    Either the file as a whole (too big, not UTF-8 text: `problems` is empty and `message`
    says why) or its rows (`problems`, one per bad cell).
    """

    def __init__(self, message: str, *, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message, field="file")
        self.problems = list(problems)

    @property
    def lines(self) -> list[str]:
        """One line per problem, or the message, for the command."""
        return [str(problem) for problem in self.problems] or [self.message]
