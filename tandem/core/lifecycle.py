"""One shape for every lifecycle table (the ask, the mentorship, the meeting).

A table maps (from state, to state) to the roles allowed to make that move. Each app declares
its table with its own words for the two refusals; `Lifecycle.check` is the one place a move
is judged, inside the service's transaction, before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tandem.core.errors import IllegalTransition

Table = Mapping[tuple[str, str], frozenset[str]]


@dataclass(frozen=True)
class Lifecycle:
    """A transition table with the labels of its states and the words for a refused move.

    `illegal` is formatted with `state` and `to_state` (their labels, in lower case);
    `not_your_move` is said when the move exists but belongs to another role.
    """

    table: Table
    labels: Mapping[str, str]
    illegal: str
    not_your_move: str

    def allows(self, *, state: str, to_state: str, role: str) -> bool:
        """May `role` move from `state` to `to_state`?"""
        return role in self.table.get((state, to_state), frozenset())

    def check(self, *, state: str, to_state: str, role: str) -> None:
        """Raise IllegalTransition unless `role` may move from `state` to `to_state`."""
        allowed = self.table.get((state, to_state))
        if allowed is None:
            raise IllegalTransition(
                self.illegal.format(
                    state=self.labels[state].lower(), to_state=self.labels[to_state].lower()
                )
            )
        if role not in allowed:
            raise IllegalTransition(self.not_your_move)

    def targets(self, *, state: str, role: str) -> list[str]:
        """The states `role` may move to from `state`, in the table's order."""
        return [
            to for (source, to), roles in self.table.items() if source == state and role in roles
        ]
