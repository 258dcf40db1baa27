"""The signed-in person's home page: what is waiting for them, whichever role they hold."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from tandem.core.http import AuthedHttpRequest
from tandem.home.selectors import home_page_for
from tandem.profiles.selectors import profile_for_user


@login_required
def home(request: AuthedHttpRequest) -> HttpResponse:
    """A signed-in person's starting point; new people are sent to onboarding first."""
    profile = profile_for_user(user=request.user)
    if profile is None or not profile.is_onboarded:
        return redirect("profiles:onboarding")
    page = home_page_for(user=request.user, now=timezone.now(), profile=profile)
    return render(request, "home/home.html", vars(page))
