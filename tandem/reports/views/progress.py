"""A person's own progress page: their mentorships, the last twelve months and, for mentors,
the impact of their help."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tandem.core.http import AuthedHttpRequest
from tandem.reports.selectors.progress import progress_for


@login_required
@require_GET
def progress(request: AuthedHttpRequest) -> HttpResponse:
    """The signed-in person's own progress page (nobody else's can be asked for)."""
    # localdate: the middleware has activated the person's timezone, so "this month" is theirs.
    page = progress_for(user=request.user, today=timezone.localdate())
    return render(request, "reports/progress.html", vars(page))
