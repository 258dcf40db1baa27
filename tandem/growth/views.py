"""The growth hub: the tools, what each is for, and the next step in each."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.core.http import AuthedHttpRequest
from tandem.growth.selectors import hub_page_for


@login_required
@require_GET
def hub(request: AuthedHttpRequest) -> HttpResponse:
    return render(request, "growth/hub.html", {"tools": hub_page_for(user=request.user)})
