"""A program's data as CSV files (participants, matches, meetings, outcomes) for its managers
and staff, written as the response streams, under the dashboard's filters."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from tandem.core.http import AuthedHttpRequest
from tandem.reports.exports import export_for
from tandem.reports.views.dashboard import _params  # the filters, read as the dashboard reads them
from tandem.reports.views.streaming import csv_response


@login_required
@require_GET
def export(request: AuthedHttpRequest, slug: str, what: str) -> StreamingHttpResponse:
    """One of a program's CSV exports under the dashboard's filters, streamed as it is read."""
    data = export_for(
        slug=slug, user=request.user, what=what, params=_params(request),
        today=timezone.now().date(),
    )  # fmt: skip
    return csv_response(data.lines(), filename=data.filename)
