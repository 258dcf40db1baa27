"""The dashboard's sections, each computed from a `Scope` by its own module in a constant number
of aggregate queries, and the order the page shows them in.

A section's charts are keyed "<section key>" or "<section key>-<name>", so a chart's CSV
download recomputes only its own section (`section_of`).
"""

from __future__ import annotations

from tandem.reports.metrics.base import Builder
from tandem.reports.metrics.coffee import coffee_section
from tandem.reports.metrics.feedback import feedback
from tandem.reports.metrics.funnel import funnel
from tandem.reports.metrics.health import health_section
from tandem.reports.metrics.load import load_section
from tandem.reports.metrics.meetings import meetings
from tandem.reports.metrics.outcomes import outcomes
from tandem.reports.metrics.pace import pace

# (key, builder) in page order; each metric module adds its import and its line here.
SECTIONS: list[tuple[str, Builder]] = [
    ("funnel", funnel),
    ("pace", pace),
    ("meetings", meetings),
    ("outcomes", outcomes),
    ("feedback", feedback),
    ("health", health_section),
    ("load", load_section),
    ("coffee", coffee_section),
]


def section_of(chart_key: str) -> Builder | None:
    """The builder of the section a chart belongs to."""
    wanted = chart_key.split("-", 1)[0]
    return next((build for key, build in SECTIONS if key == wanted), None)
