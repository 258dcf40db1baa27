"""Your data: the page about it, the JSON download, deleting the account and the goodbye."""

from __future__ import annotations

import json

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.privacy.forms import DeleteAccountForm
from tandem.privacy.selectors import data_export_for
from tandem.privacy.services import account_delete

# Reading everything a person holds is as costly as many pages; a few a minute is plenty.
EXPORTS = ("data-export", "5/m")
# The password is checked on this form, so it is limited like a login.
DELETIONS = ("account-delete", "10/m")


@login_required
@require_GET
def overview(request: AuthedHttpRequest) -> HttpResponse:
    """What Tandem keeps, the download and the way to delete the account."""
    return render(request, "privacy/overview.html")


@login_required
@require_GET
@rate_limited(*EXPORTS, methods=("GET",))
def export(request: AuthedHttpRequest) -> HttpResponse:
    """Everything about the signed-in person as one JSON file, downloaded, never cached."""
    now = timezone.now()
    data = data_export_for(user=request.user, now=now)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="tandem-data-{now:%Y-%m-%d}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*DELETIONS)
def delete(request: AuthedHttpRequest) -> HttpResponse:
    """Confirm with DELETE and the password; then the account goes and the person is signed
    out."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user, now=timezone.now())
        logout(request)
        return redirect("privacy:deleted")
    return render(request, "privacy/delete.html", {"form": form})


@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    """Goodbye, after the deletion (open to anyone: the person is signed out by then)."""
    return render(request, "privacy/deleted.html")
