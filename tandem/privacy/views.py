"""Your data: the page about it, the JSON download, deleting the account and the goodbye."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.privacy.forms import DeleteAccountForm
from tandem.privacy.selectors import data_export_for
from tandem.privacy.services import account_delete

# Reading everything a person holds is as costly as many pages; a few a minute is plenty.
EXPORTS = ("data-export", "5/m")
# The password is checked on this form, so it is limited like a login: a few tries a minute,
# and an hourly cap so guessing cannot go on at that pace all day.
DELETIONS = ("account-delete", "10/m")
DELETIONS_HOURLY = ("account-delete-hourly", "30/h")
# Someone without a password confirms by having signed in (by emailed code) this recently.
FRESH_SIGN_IN_SECONDS = 10 * 60


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
@rate_limited(*DELETIONS_HOURLY)  # inside: a try the minute's limit refused uses none of the hour's
def delete(request: AuthedHttpRequest) -> HttpResponse:
    """Confirm with DELETE and the password (or, without one, a fresh sign-in); then the
    account goes and the person is signed out."""
    if request.method == "POST" and "sign_in_again" in request.POST:
        return _sign_in_again(request)
    form = DeleteAccountForm(
        request.POST or None, user=request.user, signed_in_recently=_signed_in_recently(request)
    )
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user, now=timezone.now())
        logout(request)
        return redirect("privacy:deleted")
    return render(request, "privacy/delete.html", {"form": form})


def _signed_in_recently(request: AuthedHttpRequest) -> bool:
    """Whether this session signed in (by any means allauth records) in the last minutes."""
    records = get_authentication_records(request, request.user)
    signed_in_at = max((float(record.get("at", 0)) for record in records), default=0.0)
    return time.time() - signed_in_at < FRESH_SIGN_IN_SECONDS


def _sign_in_again(request: AuthedHttpRequest) -> HttpResponse:
    """Sign out, then in again by an emailed code, coming back to this page. allauth offers
    no code to someone already signed in, hence the sign-out first."""
    logout(request)
    back = urlencode({REDIRECT_FIELD_NAME: reverse("privacy:delete")})
    return redirect(f"{reverse('account_request_login_code')}?{back}")


@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    """Goodbye, after the deletion (open to anyone: the person is signed out by then)."""
    return render(request, "privacy/deleted.html")
