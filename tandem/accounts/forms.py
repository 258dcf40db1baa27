"""Sign-up asks for a name as well, so mentors know who is asking."""

from typing import Any

from django import forms


class SignupForm(forms.Form):
    """Extra fields allauth adds to its own sign-up form."""

    first_name = forms.CharField(max_length=150, label="First name")
    last_name = forms.CharField(max_length=150, label="Last name", required=False)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request: Any, user: Any) -> None:
        """Allauth calls this after creating the user; the adapter already copied the names."""
