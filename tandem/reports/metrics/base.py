"""What every dashboard section is made of: headline figures, charts, and (for a section with
its own template) whatever else it shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tandem.core.charts import Chart
from tandem.reports.privacy import Count, Share, Stat
from tandem.reports.scope import Scope

DEFAULT_TEMPLATE = "reports/sections/_section.html"


@dataclass(frozen=True)
class Figure:
    """One headline number, with what it counts in a few words."""

    label: str
    value: Count | Share | Stat | str
    note: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str  # what the section counts, and over which days
    figures: Sequence[Figure] = ()
    charts: Sequence[Chart] = ()
    template: str = DEFAULT_TEMPLATE  # a section with more than figures and charts has its own
    extra: Any = None  # what such a template shows besides (e.g. the pairs at risk)
    notes: Sequence[str] = field(default_factory=tuple)


Builder = Callable[[Scope], Section | None]  # None: the section does not apply to this program
