"""Request types for views: a typed request that knows about htmx, and one that is signed in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    # A stub-only alias that django-stubs resolves to settings.AUTH_USER_MODEL, so core names
    # the user model without importing the accounts app.
    from django.contrib.auth.models import _User


class HtmxHttpRequest(HttpRequest):
    """An HttpRequest after HtmxMiddleware has run."""

    htmx: HtmxDetails


class AuthedHttpRequest(HtmxHttpRequest):
    """What a `login_required` view receives: `user` is a signed-in person, never anonymous."""

    user: _User
