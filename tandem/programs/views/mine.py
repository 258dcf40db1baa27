""" "My programs": every program a person takes part in, with what each expects next."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tandem.core.http import AuthedHttpRequest
from tandem.programs.selectors.mine import my_programs_for


@login_required
@require_GET
def mine(request: AuthedHttpRequest) -> HttpResponse:
    page = my_programs_for(user=request.user, now=timezone.now())
    return render(request, "programs/mine.html", {"page": page, "rows": page.rows})
