"""The form that confirms an account deletion: the word DELETE (or the email) and the password,
so neither a slip nor someone at an unlocked computer can delete an account.

Someone with no password (added by a program import, they sign in with an emailed code) has
none to type: a fresh sign-in stands in for it, and the page offers them one."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.accounts.models import User

CONFIRM_WORD = "DELETE"
SIGN_IN_AGAIN = (
    "To keep your account safe, please sign in again with a code we email you, then delete it "
    "within a few minutes. Nothing was deleted."
)


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

    def __init__(self, *args: Any, user: User, signed_in_recently: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.by_code = not user.has_usable_password()
        # Without a password, only a sign-in made a moment ago shows it is really them.
        self.needs_fresh_sign_in = self.by_code and not signed_in_recently
        if self.by_code:
            del self.fields["password"]

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"].strip()
        if typed != CONFIRM_WORD and typed.lower() != self.user.email.lower():
            raise forms.ValidationError(
                f"Type {CONFIRM_WORD} in capitals, or your email address, to confirm."
            )
        return typed

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.needs_fresh_sign_in:
            raise forms.ValidationError(SIGN_IN_AGAIN)
        return cleaned

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That isn't your password. Nothing was deleted.")
        return password
