"""Recommendations pages: a full page, and the partial that home and the directory load."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.core.http import AuthedHttpRequest
from tandem.matching.selectors import recommendations_for_mentee
from tandem.profiles.selectors import profile_for_user


@login_required
@require_GET
def recommendations(request: AuthedHttpRequest) -> HttpResponse:
    """Mentors recommended for the signed-in mentee, with the reasons visible."""
    profile = profile_for_user(user=request.user)
    ready = profile is not None and profile.is_mentee and profile.is_onboarded
    picks = recommendations_for_mentee(profile=profile) if ready and profile else []
    template = "matching/recommendations.html"
    if request.htmx:
        template += "#list"
    return render(request, template, {"profile": profile, "picks": picks, "ready": ready})
