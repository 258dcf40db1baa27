"""What a report may show about a group (F11, issue 12): a group of fewer than five people is
never counted out loud, so no filter (a department, a month, a role) can single anyone out.

Every figure a report shows goes through `Count`, `Share` or `Stat`: a count of 1 to 4 shows
as "fewer than 5" (0 shows as 0: an empty group identifies no one), and a share of or over
such a group, or an average or a median over fewer than five people or answers, is not shown.
Charts get `None` where the figure is hidden, so a bar never gives away what the label hides.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_GROUP = 5
FEWER = "fewer than 5"
NOT_ENOUGH = "fewer than 5"  # a share or an average over fewer than five: same words


@dataclass(frozen=True)
class Count:
    """How many people (or pairs, or answers) are in a group."""

    value: int

    @property
    def hidden(self) -> bool:
        return 0 < self.value < MIN_GROUP

    @property
    def shown(self) -> int | None:
        """The number a chart may draw; None when it is hidden."""
        return None if self.hidden else self.value

    def __str__(self) -> str:
        return FEWER if self.hidden else f"{self.value:,}"


@dataclass(frozen=True)
class Share:
    """`part` out of `whole`, as a percentage; hidden when either group is one to four people
    (a share of a shown whole would give away a part that `Count` hides: 60 % of 5 is 3)."""

    part: int
    whole: int

    @property
    def hidden(self) -> bool:
        return self.whole < MIN_GROUP or 0 < self.part < MIN_GROUP

    @property
    def percent(self) -> float | None:
        if self.hidden or self.whole == 0:
            return None
        return round(100 * self.part / self.whole, 1)

    def __str__(self) -> str:
        if self.whole == 0:
            return "–"
        percent = self.percent
        return NOT_ENOUGH if percent is None else f"{percent:g}%"


@dataclass(frozen=True)
class Stat:
    """An average, a median or a score over `n` values, in `unit` ("days", "out of 5")."""

    value: float | None
    n: int
    unit: str = ""

    @property
    def hidden(self) -> bool:
        return 0 < self.n < MIN_GROUP

    @property
    def shown(self) -> float | None:
        return None if self.hidden or self.value is None else round(self.value, 1)

    def __str__(self) -> str:
        if self.n == 0 or self.value is None:
            return "–"
        if self.hidden:
            return NOT_ENOUGH
        number = f"{round(self.value, 1):g}"
        return f"{number} {self.unit}".strip()
