"""Streamed CSV exports of a program: participants, matches, meetings, outcomes (the funnel's
is its chart's CSV). `export_for` is the one way in: the program's managers and staff only,
under the dashboard's filters."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tandem.core.errors import NotFound
from tandem.programs.access import program_managed
from tandem.reports.exports.base import Builder, Export
from tandem.reports.exports.matches import matches_export
from tandem.reports.exports.meetings import meetings_export
from tandem.reports.exports.outcomes import outcomes_export
from tandem.reports.exports.participants import participants_export
from tandem.reports.selectors.dashboard import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

EXPORTS: dict[str, Builder] = {
    "participants": participants_export,
    "matches": matches_export,
    "meetings": meetings_export,
    "outcomes": outcomes_export,
}


def export_for(*, slug: str, user: User, what: str, params: dict[str, str], today: date) -> Export:
    """The export `what` of the program `slug` under the filters in `params`; rows are read
    only as the response streams them."""
    program = program_managed(slug=slug, user=user)
    build = EXPORTS.get(what)
    if build is None:
        raise NotFound("No such export.")
    _form, scope = scope_for(program=program, params=params, today=today)
    return build(scope)
