"""Confirming a deletion (issue 13, item 15): someone with no password (added by a program
import, signing in by emailed code) confirms with a fresh sign-in instead; and the password
on the form cannot be guessed faster than at the login."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tandem.accounts.models import User
from tandem.accounts.tests.factories import PASSWORD
from tandem.accounts.tests.helpers import clock, code_in, last_mail_to, logged_in_as
from tandem.privacy.views import FRESH_SIGN_IN_SECONDS

DELETE = reverse("privacy:delete")


@pytest.fixture
def by_code(user):
    """Someone a program import added: no usable password."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


def sign_in_by_code(client, user, *, next_url: str = DELETE):
    """The emailed-code sign-in, as the person goes through it; where it lands them."""
    query = urlencode({"next": next_url})
    client.post(f"{reverse('account_request_login_code')}?{query}", {"email": user.email})
    code = code_in(last_mail_to(user.email).body)
    response = client.post(
        f"{reverse('account_confirm_login_code')}?{query}", {"code": code, "action": "verify"}
    )
    assert logged_in_as(client) == str(user.pk)
    return response


def deleted(user) -> bool:
    return User.objects.get(pk=user.pk).is_former_member


@pytest.mark.django_db
class TestWithoutAPassword:
    def test_an_old_session_is_asked_to_sign_in_again_and_nothing_is_deleted(self, client, by_code):
        client.force_login(by_code)  # no sign-in recorded in this session
        page = client.get(DELETE).content.decode()
        assert 'name="password"' not in page
        assert "Email me a sign-in code" in page

        response = client.post(DELETE, {"confirm": "DELETE"})
        assert response.status_code == 200
        assert "sign in again" in response.content.decode()
        assert not deleted(by_code)

    def test_signing_in_again_by_code_comes_back_and_then_deletes(self, client, by_code):
        client.force_login(by_code)
        response = client.post(DELETE, {"sign_in_again": "1"})
        assert response.status_code == 302
        assert response["Location"] == (
            f"{reverse('account_request_login_code')}?{urlencode({'next': DELETE})}"
        )
        assert logged_in_as(client) is None

        landed = sign_in_by_code(client, by_code)
        assert landed["Location"] == DELETE
        assert 'name="password"' not in client.get(DELETE).content.decode()
        response = client.post(DELETE, {"confirm": "DELETE"})
        assert response["Location"] == reverse("privacy:deleted")
        assert deleted(by_code)

    def test_a_sign_in_gone_stale_is_asked_again(self, client, by_code):
        with clock() as moved:
            sign_in_by_code(client, by_code)
            moved[0] += FRESH_SIGN_IN_SECONDS + 1
            response = client.post(DELETE, {"confirm": "DELETE"})
        assert response.status_code == 200
        assert not deleted(by_code)

    def test_the_word_is_still_needed(self, client, by_code):
        sign_in_by_code(client, by_code)
        response = client.post(DELETE, {"confirm": "delete"})
        assert response.context["form"].errors["confirm"]
        assert not deleted(by_code)


@pytest.mark.django_db
class TestWithAPassword:
    def test_a_fresh_sign_in_is_no_substitute_for_the_password(self, client, user):
        sign_in_by_code(client, user)
        response = client.post(DELETE, {"confirm": "DELETE"})
        assert response.context["form"].errors["password"]
        assert not deleted(user)


@pytest.mark.django_db
class TestGuessingThePassword:
    def test_ten_tries_a_minute_and_thirty_an_hour(self, client, user):
        client.force_login(user)
        wrong = {"confirm": "DELETE", "password": "a-wrong-guess"}
        with clock() as moved:
            codes = [client.post(DELETE, wrong).status_code for _ in range(11)]
            assert codes == [200] * 10 + [429]
            for _ in range(2):
                moved[0] += 61
                codes = [client.post(DELETE, wrong).status_code for _ in range(10)]
                assert codes == [200] * 10
            moved[0] += 61  # a fresh minute, but the hour's thirty are spent
            right = {"confirm": "DELETE", "password": PASSWORD}
            assert client.post(DELETE, right).status_code == 429
            assert not deleted(user)
            moved[0] += 3600
            assert client.post(DELETE, right).status_code == 302
        assert deleted(user)
