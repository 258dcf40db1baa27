"""Tribe pages: browsing the tribes, a tribe with its members, joining and leaving (POSTs,
rate limited). A tribe's members are seen only by signed-in people; each page reads through
its page selector, each action is one service call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from tandem.core.errors import RuleBroken
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.growth.tribes.selectors import browse_page_for, tribe_page_for
from tandem.growth.tribes.services import MAX_TRIBES, tribe_join, tribe_leave
from tandem.profiles.selectors import profile_for_user

WRITES = ("tribe-write", "30/h")  # joining and leaving: a few a day is what people do
NO_PROFILE = "Set up your profile first, so people in the tribe know who you are."


@login_required
@require_GET
def browse(request: AuthedHttpRequest) -> HttpResponse:
    """Every tribe, how many are in each, and which ones the person is in."""
    page = browse_page_for(viewer=request.user)
    return render(request, "growth_tribes/browse.html", {"page": page, "max_tribes": MAX_TRIBES})


@login_required
@require_GET
def tribe(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """A tribe and one page of its members (mentors only, or other organizations', if asked)."""
    page = tribe_page_for(slug=slug, viewer=request.user, page_number=request.GET.get("page"),
                          show=request.GET.get("show", "all"))  # fmt: skip
    return render(request, "growth_tribes/tribe.html", {"page": page})


@login_required
@require_POST
@rate_limited(*WRITES)
def join(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    profile = profile_for_user(user=request.user)
    if profile is None:
        raise RuleBroken(NO_PROFILE)
    membership = tribe_join(profile=profile, slug=slug, now=timezone.now())
    messages.success(
        request,
        f"You're in {membership.tribe.name}. People browsing it who can see your profile "
        "now find you here; leave whenever you like.",
    )
    return redirect(membership.tribe)


@login_required
@require_POST
@rate_limited(*WRITES)
def leave(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    profile = profile_for_user(user=request.user)
    if profile is None:
        raise RuleBroken(NO_PROFILE)
    if tribe_leave(profile=profile, slug=slug):
        messages.success(request, "You've left the tribe. You no longer appear on its page.")
    return redirect("growth:growth_tribes:tribe", slug=slug)
