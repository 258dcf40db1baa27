"""What a report may show about a group (F11, issue 12): a group of fewer than five people is
never counted out loud, so no filter (a department, a month, a role) can single anyone out.

Every figure a report shows goes through `Count`, `Share` or `Stat`: a count of 1 to 4 shows
as "fewer than 5" (0 shows as 0: an empty group identifies no one), and a share of or over
such a group, or an average or a median over fewer than five people or answers, is not shown.
Charts get `None` where the figure is hidden, so a bar never gives away what the label hides.

A hidden group must not be found by subtraction either: the parts of a shown whole go through
`partition` (a hidden part the whole would give away takes the smallest part shown with it),
and a score or an average that would pin down a hidden group beside it is `withheld` ("not
shown"). This guards one page view against adding and subtracting what it shows; two views
under different filters or dates can still be compared (docs/reports.md, Privacy).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_GROUP = 5
FEWER = "fewer than 5"
NOT_ENOUGH = "fewer than 5"  # a share or an average over fewer than five: same words
WITHHELD = "not shown"  # a figure big enough to show, left out so a hidden one stays hidden


@dataclass(frozen=True)
class Count:
    """How many people (or pairs, or answers) are in a group; `withheld` when it must not show
    although it is big enough (see `partition`)."""

    value: int
    withheld: bool = False

    @property
    def hidden(self) -> bool:
        return self.withheld or 0 < self.value < MIN_GROUP

    @property
    def shown(self) -> int | None:
        """The number a chart may draw; None when it is hidden."""
        return None if self.hidden else self.value

    def __str__(self) -> str:
        if self.withheld:
            return WITHHELD
        return FEWER if self.hidden else f"{self.value:,}"


def gives_away(parts: Sequence[Count]) -> bool:
    """Whether these parts and their total, both shown, give away a part not shown by
    subtraction. The total less the parts shown is what the others add up to: one part not
    shown is that remainder; several hidden ones are all 1 when it is their number (2 for
    two) or all 4 when it is four times it (8 for two). A withheld part could be anything,
    so with one among several nothing is given away."""
    unshown = [part for part in parts if part.hidden]
    if len(unshown) != 1 and any(part.withheld for part in unshown):
        return False
    values = [part.value for part in unshown]
    return bool(values) and (
        len(values) == 1 or sum(values) in (len(values), (MIN_GROUP - 1) * len(values))
    )


def partition(values: Sequence[int]) -> list[Count]:
    """The counts of the parts of a whole that is shown too (ratings 1 to 5, goals by status,
    mentors by load). When the whole less the parts shown would give away a hidden part (see
    `gives_away`), the smallest part shown (never a 0) is withheld with it. When there is no
    such part, the whole must not be shown: print it with `whole_of`."""
    counts = [Count(value) for value in values]
    shown = [i for i, count in enumerate(counts) if not count.hidden and count.value > 0]
    if sum(values) >= MIN_GROUP and shown and gives_away(counts):
        smallest = min(shown, key=lambda i: counts[i].value)
        counts[smallest] = Count(counts[smallest].value, withheld=True)
    return counts


def whole_of(parts: Sequence[Count]) -> Count:
    """The whole of parts from `partition`, withheld when no part was left to withhold and
    the whole would still give a hidden part away (4 and 4 of 8)."""
    total = sum(part.value for part in parts)
    return Count(total, withheld=total >= MIN_GROUP and gives_away(parts))


@dataclass(frozen=True)
class Share:
    """`part` out of `whole`, as a percentage; hidden when either group is one to four people
    (a share of a shown whole would give away a part that `Count` hides: 60 % of 5 is 3)."""

    part: int
    whole: int
    withheld: bool = False  # the share of a withheld count (see `partition`)

    @property
    def hidden(self) -> bool:
        return self.withheld or self.whole < MIN_GROUP or 0 < self.part < MIN_GROUP

    @classmethod
    def of(cls, count: Count, whole: int) -> Share:
        """The share of a counted part, hidden whenever the count is."""
        return cls(count.value, whole, withheld=count.withheld)

    @property
    def percent(self) -> float | None:
        if self.hidden or self.whole == 0:
            return None
        return round(100 * self.part / self.whole, 1)

    def __str__(self) -> str:
        if self.whole == 0:
            return "–"
        if self.whole < MIN_GROUP or 0 < self.part < MIN_GROUP:
            return NOT_ENOUGH  # too small anyway: say so rather than "not shown"
        percent = self.percent  # None now only when withheld
        return WITHHELD if percent is None else f"{percent:g}%"


@dataclass(frozen=True)
class Stat:
    """An average, a median or a score over `n` values, in `unit` ("days", "out of 5")."""

    value: float | None
    n: int
    unit: str = ""
    withheld: bool = False  # it would give away a hidden group beside it

    @property
    def hidden(self) -> bool:
        return self.withheld or 0 < self.n < MIN_GROUP

    @property
    def shown(self) -> float | None:
        return None if self.hidden or self.value is None else round(self.value, 1)

    def __str__(self) -> str:
        if self.n == 0 or self.value is None:
            return "–"
        if self.n < MIN_GROUP:
            return NOT_ENOUGH
        if self.withheld:
            return WITHHELD
        number = f"{round(self.value, 1):g}"
        return f"{number} {self.unit}".strip()
