"""Sign-up asks for a name as well, so mentors know who is asking."""

from typing import Any

from django import forms

from tandem.core.names import PERSON_NAME_MAX, NameField


class SignupForm(forms.Form):
    """Extra fields allauth adds to its own sign-up form."""

    # Cleaned of invisible and direction-changing characters, as every name (core/names.py).
    first_name = NameField(limit=PERSON_NAME_MAX, label="First name")
    last_name = NameField(limit=PERSON_NAME_MAX, label="Last name", required=False)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request: Any, user: Any) -> None:
        """Allauth calls this after creating the user; the adapter already copied the names."""
