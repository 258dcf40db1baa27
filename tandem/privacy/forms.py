"""The form that confirms an account deletion: the word DELETE (or the email) and the password,
so neither a slip nor someone at an unlocked computer can delete an account."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.accounts.models import User

CONFIRM_WORD = "DELETE"


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=f"Type {CONFIRM_WORD} (or your email address) to confirm",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"].strip()
        if typed != CONFIRM_WORD and typed.lower() != self.user.email.lower():
            raise forms.ValidationError(
                f"Type {CONFIRM_WORD} in capitals, or your email address, to confirm."
            )
        return typed

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That isn't your password. Nothing was deleted.")
        return password
