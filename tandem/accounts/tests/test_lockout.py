"""A stranger's wrong passwords slow an address down but never lock its owner out."""

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts.tests.factories import PASSWORD
from tandem.accounts.tests.helpers import (
    clock,
    code_in,
    last_mail_to,
    link_in,
    logged_in_as,
    wrong_passwords,
)


@pytest.fixture
def stranger():
    return Client()


def _log_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.mark.django_db
class TestAfterAStrangersWrongPasswords:
    def test_the_login_page_tells_the_owner_the_ways_in_that_still_work(
        self, client, stranger, user
    ):
        wrong_passwords(stranger, user.email, 6)
        response = _log_in(client, user.email)
        assert logged_in_as(client) is None
        page = response.content.decode()
        assert "paused password tries" in page
        assert "Email me a sign-in code" in page
        assert reverse("account_request_login_code") in page
        assert "Reset my password" in page

    def test_the_owner_logs_in_with_a_code_sent_to_their_inbox(self, client, stranger, user):
        wrong_passwords(stranger, user.email, 6)
        response = client.post(reverse("account_request_login_code"), {"email": user.email})
        assert response["Location"] == reverse("account_confirm_login_code")
        code = code_in(last_mail_to(user.email).body)
        response = client.post(reverse("account_confirm_login_code"), {"code": code})
        assert response.status_code == 302
        assert logged_in_as(client) == str(user.pk)

    def test_the_owner_is_signed_in_by_a_password_reset(self, client, stranger, user):
        wrong_passwords(stranger, user.email, 6)
        client.post(reverse("account_reset_password"), {"email": user.email})
        link = link_in(last_mail_to(user.email).body)
        form_url = client.get(link, follow=True).redirect_chain[-1][0]
        new = {"password1": "a-fresh-passphrase-31", "password2": "a-fresh-passphrase-31"}
        client.post(form_url, new)
        assert logged_in_as(client) == str(user.pk)

    def test_a_burst_of_wrong_passwords_costs_the_owner_only_a_minute(self, client, stranger, user):
        with clock() as moved:
            wrong_passwords(stranger, user.email, 6)
            moved[0] += 61
            _log_in(client, user.email)
        assert logged_in_as(client) == str(user.pk)


@pytest.mark.django_db
class TestTheThrottleStillStopsGuessing:
    def test_the_right_password_after_five_quick_wrong_ones_is_refused(self, stranger, user):
        wrong_passwords(stranger, user.email, 5)
        _log_in(stranger, user.email)
        assert logged_in_as(stranger) is None

    def test_a_slow_guessing_loop_is_capped_at_thirty_an_hour(self, stranger, user):
        with clock() as moved:
            for _ in range(6):
                wrong_passwords(stranger, user.email, 5)
                moved[0] += 61
            _log_in(stranger, user.email)
        assert logged_in_as(stranger) is None
