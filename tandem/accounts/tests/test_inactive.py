"""A paused (suspended) account is told so in Tandem's words, with what to do next."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_a_paused_account_signing_in_is_told_what_happened_and_what_to_do(client):
    user = UserFactory()
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("account_inactive")
    page = response.content.decode()
    assert "This account is paused" in page
    assert "reply to that email" in page
    assert "_auth_user_id" not in client.session
