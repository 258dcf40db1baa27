"""Recommendations pages: a full page, and the partial that home and the directory load."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from tandem.core.http import AuthedHttpRequest
from tandem.matching.selectors import recommendations_page_for
from tandem.profiles.selectors import profile_for_user


@login_required
@require_GET
def recommendations(request: AuthedHttpRequest) -> HttpResponse:
    """Mentors recommended for the signed-in mentee, with the reasons visible."""
    page = recommendations_page_for(profile=profile_for_user(user=request.user))
    template = "matching/recommendations.html"
    if request.htmx:
        template += "#list"
    return render(request, template, vars(page))


@login_required
@require_GET
def recommendation_strip(request: AuthedHttpRequest) -> HttpResponse:
    """The same recommendations as a compact strip for the directory (the full page otherwise)."""
    if not request.htmx:
        return redirect("matching:recommendations")
    page = recommendations_page_for(profile=profile_for_user(user=request.user))
    return render(request, "matching/_strip.html", vars(page))
