"""Allauth's emails, in Tandem's words."""

import pytest
from django.core import mail
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.accounts.tests.helpers import last_mail_to

SIGNUP = {
    "first_name": "Maya",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


@pytest.mark.django_db
class TestEmails:
    def test_a_reset_for_an_address_without_an_account_invites_them_to_join(self, client):
        client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
        message = last_mail_to("nobody@example.com")
        assert message.subject == "[Tandem] There's no Tandem account for this address yet"
        assert "you're very welcome to join" in message.body
        assert "http://testserver/accounts/signup/" in message.body
        assert message.body.startswith("Hello from Tandem")

    def test_signing_up_again_says_the_account_already_exists(self, client):
        UserFactory(email="maya@example.com")
        client.post(reverse("account_signup"), {**SIGNUP, "email": "maya@example.com"})
        message = last_mail_to("maya@example.com")
        assert message.subject == "[Tandem] You already have a Tandem account"
        assert "you already have an account with it" in message.body
        assert "http://testserver/accounts/password/reset/" in message.body

    def test_the_password_reset_email(self, client, user):
        client.post(reverse("account_reset_password"), {"email": user.email})
        message = last_mail_to(user.email)
        assert message.subject == "[Tandem] Choose a new password for Tandem"
        assert "you'll be signed straight in" in message.body

    def test_the_sign_in_code_email(self, client, user):
        client.post(reverse("account_request_login_code"), {"email": user.email})
        message = last_mail_to(user.email)
        assert message.subject == "[Tandem] Your Tandem sign-in code"
        assert "one-time code to log in to Tandem" in message.body

    def test_every_account_email_is_plain_text(self, client, user):
        client.post(reverse("account_reset_password"), {"email": user.email})
        client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
        assert {message.content_subtype for message in mail.outbox} == {"plain"}
        assert all(not getattr(m, "alternatives", None) for m in mail.outbox)
