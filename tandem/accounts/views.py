"""The admin's login page, sent to the one login that is throttled."""

from __future__ import annotations

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def admin_login(request: HttpRequest) -> HttpResponseRedirect:
    """Never checks a password: Django's admin login has no attempt limits, allauth's has.

    Staff log in on Tandem's own login page and come back to where the admin sent them.
    """
    target = _safe_next(request) or reverse("admin:index")
    user = request.user
    if user.is_authenticated:
        if user.is_active and user.is_staff:
            return HttpResponseRedirect(target)
        # Logging in again would only bring them back here: the admin is not for them.
        raise PermissionDenied
    query = urlencode({REDIRECT_FIELD_NAME: target})
    return HttpResponseRedirect(f"{reverse('account_login')}?{query}")


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""
