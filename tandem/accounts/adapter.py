"""How allauth fits Tandem: names are asked for at sign-up, new people go to onboarding."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    """Sends freshly verified people straight into onboarding."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # The login page offers the ways in that need no password (see account/login.html).
        "too_many_login_attempts": (
            "We've paused password tries for this address for a little while, to keep it "
            "safe from guessing. You can still get in right now with a code or a reset link "
            "sent to your inbox."
        ),
    }

    def get_email_verification_redirect_url(self, email_address: Any) -> str:
        return reverse("home")

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        data = getattr(form, "cleaned_data", {})
        user.first_name = data.get("first_name", "") or user.first_name
        user.last_name = data.get("last_name", "") or user.last_name
        if commit:
            user.save()
        return user
