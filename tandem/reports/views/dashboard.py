"""A program's dashboard and the CSV of any one of its charts (managers of the program, staff)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tandem.core.http import AuthedHttpRequest
from tandem.reports.selectors.dashboard import chart_for, dashboard_for
from tandem.reports.views.streaming import csv_response


def _params(request: AuthedHttpRequest) -> dict[str, str]:
    """The filters in the query string, each "" when absent (the form checks them)."""
    return {key: request.GET.get(key, "") for key in ("from", "to", "cohort", "department", "role")}


@login_required
@require_GET
def dashboard(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """A program's dashboard under the filters asked for, for its managers and staff."""
    page = dashboard_for(
        slug=slug, user=request.user, params=_params(request), today=timezone.now().date()
    )
    return render(request, "reports/dashboard.html", vars(page))


@login_required
@require_GET
def chart_csv(request: AuthedHttpRequest, slug: str, key: str) -> StreamingHttpResponse:
    """Exactly the rows of one chart's table, under the filters of the page it was on."""
    program, chart = chart_for(
        slug=slug, user=request.user, key=key, params=_params(request),
        today=timezone.now().date(),
    )  # fmt: skip
    return csv_response(chart.table.csv_rows(), filename=f"{program.slug}-{chart.key}.csv")
