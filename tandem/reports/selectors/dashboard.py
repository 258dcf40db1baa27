"""The program dashboard (F11) and the CSV of one of its charts, for the program's managers and
staff; anyone else gets the 404 `program_managed` raises.

The page costs a fixed number of queries whatever the program's size: the filter choices (two
queries), the count of people in scope, and each section's own aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date
from typing import TYPE_CHECKING

from django.db.models.functions import TruncMonth

from tandem.core.charts import Chart
from tandem.core.errors import NotFound
from tandem.programs.access import program_managed
from tandem.programs.models import Participant, Program
from tandem.reports.filters import PAIR_ROLES, FilterForm, Filters
from tandem.reports.metrics import SECTIONS, section_of
from tandem.reports.metrics.base import Section
from tandem.reports.privacy import Count
from tandem.reports.scope import TOOK_PART, Scope

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


@dataclass(frozen=True)
class DashboardPage:
    program: Program
    form: FilterForm
    filters: Filters
    people: Count  # how many people the filters leave
    sections: list[Section]


def _choices(program: Program) -> tuple[list[str], list[str]]:
    """The program's enrollment months ("2026-03") and departments, for the filter bar. The
    months are UTC months, as `Filters.cohort_start` reads them: in the manager's own time
    zone someone enrolled at 02:00 UTC on 1 March would be offered under February and then
    not be counted when February is chosen."""
    took_part = Participant.objects.filter(program=program, state__in=TOOK_PART)
    months = (
        took_part.annotate(month=TruncMonth("created_at", tzinfo=UTC))
        .order_by("month")
        .values_list("month", flat=True)
        .distinct()
    )
    departments = (
        took_part.exclude(department="")
        .order_by("department")
        .values_list("department", flat=True)
        .distinct()
    )
    return [f"{m:%Y-%m}" for m in months if m is not None], list(departments)


def scope_for(*, program: Program, params: dict[str, str], today: date) -> tuple[FilterForm, Scope]:
    """The filters asked for in `params` (a query string's values), checked, as a scope."""
    cohorts, departments = _choices(program)
    roles = () if program.is_pool else PAIR_ROLES  # a pool has no sides to choose
    form = FilterForm(params, cohorts=cohorts, departments=departments, roles=roles)
    default_start = min(program.starts_on or program.created_at.date(), today)
    filters = form.filters(default_start=default_start, today=today)
    return form, Scope(program=program, filters=filters, today=today)


def dashboard_for(*, slug: str, user: User, params: dict[str, str], today: date) -> DashboardPage:
    """The dashboard page of a program its manager (or staff) asked for, under the filters in
    `params`: every section that applies to the program's kind; 404 for anyone else."""
    program = program_managed(slug=slug, user=user)
    form, scope = scope_for(program=program, params=params, today=today)
    sections = [section for _key, build in SECTIONS if (section := build(scope)) is not None]
    return DashboardPage(
        program=program, form=form, filters=scope.filters,
        people=Count(scope.people.count()), sections=sections,
    )  # fmt: skip


def chart_for(
    *, slug: str, user: User, key: str, params: dict[str, str], today: date
) -> tuple[Program, Chart]:
    """One chart of the dashboard under the same filters (for its CSV download)."""
    program = program_managed(slug=slug, user=user)
    build = section_of(key)
    if build is None:
        raise NotFound("No such chart.")
    _form, scope = scope_for(program=program, params=params, today=today)
    section = build(scope)
    chart = next((c for c in section.charts if c.key == key), None) if section else None
    if chart is None:
        raise NotFound("No such chart.")
    return program, chart
