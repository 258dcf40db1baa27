"""Allauth's login and sign-up forms, with what Tandem adds at the entrance.

Kept apart from `forms.py`: allauth's forms module imports that one (the extra sign-up fields)
while it loads, so subclassing allauth's forms there would be an import cycle.
"""

from __future__ import annotations

import secrets
from typing import Any

from allauth.account import forms as allauth_forms
from django.contrib.auth.hashers import make_password
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest

THROTTLED = "too_many_login_attempts"


class LoginForm(allauth_forms.LoginForm):
    """The password form; knows when allauth has paused password tries for an address."""

    @property
    def throttled(self) -> bool:
        """True when the page should offer the ways in that need no password."""
        return self.is_bound and self.has_error(NON_FIELD_ERRORS, THROTTLED)


class SignupForm(allauth_forms.SignupForm):
    """Sign-up that takes as long for a known address as for a new one.

    A new address costs a password hash (the slow part, by design); a known address only
    sends the "you already have an account" email. Without the same hash on that path, the
    response time alone would tell anyone whether an address is registered.
    """

    def try_save(self, request: HttpRequest) -> tuple[Any, Any]:
        if self.account_already_exists:
            # The hash is thrown away: the work is the point, not the result.
            make_password(self.cleaned_data.get("password1") or secrets.token_urlsafe())
        return super().try_save(request)
