import re

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from tandem.accounts.models import User
from tandem.accounts.tests.factories import PASSWORD, UserFactory

SIGNUP = {
    "first_name": "Maya",
    "last_name": "Okafor",
    "email": "Maya.Okafor@Example.com",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


def _link_in(body: str) -> str:
    match = re.search(r"http://testserver(/\S+)", body)
    assert match, body
    return match.group(1)


@pytest.mark.django_db
class TestSignup:
    def test_sends_a_plain_text_verification_email_with_a_link(self, client):
        response = client.post(reverse("account_signup"), SIGNUP)
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["maya.okafor@example.com"]
        assert "Confirm your email" in message.subject
        assert "/accounts/confirm-email/" in message.body
        assert message.content_subtype == "plain"

    def test_stores_the_name_and_a_lowercased_email_without_a_username(self, client):
        client.post(reverse("account_signup"), SIGNUP)
        user = User.objects.get()
        assert user.email == "maya.okafor@example.com"
        assert (user.first_name, user.last_name) == ("Maya", "Okafor")
        assert not hasattr(user, "username") or user.username is None

    def test_an_unverified_person_cannot_log_in_yet(self, client):
        client.post(reverse("account_signup"), SIGNUP)
        client.logout()
        response = client.post(
            reverse("account_login"),
            {"login": SIGNUP["email"], "password": SIGNUP["password1"]},
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert "_auth_user_id" not in client.session

    def test_verifying_logs_in_and_leads_to_onboarding(self, client):
        client.post(reverse("account_signup"), SIGNUP)
        link = _link_in(mail.outbox[0].body)
        assert client.get(link).status_code == 200
        response = client.post(link)
        assert response.status_code == 302
        assert client.get(response["Location"]).headers["Location"] == reverse(
            "profiles:onboarding"
        )
        assert client.session["_auth_user_id"] == str(User.objects.get().pk)

    def test_the_same_email_in_other_case_cannot_sign_up_twice(self, client):
        UserFactory(email="maya.okafor@example.com")
        response = client.post(reverse("account_signup"), SIGNUP)
        assert User.objects.count() == 1
        assert response.status_code in (200, 302)


@pytest.mark.django_db
class TestLogin:
    def test_a_verified_person_logs_in_with_email_and_password(self, client, user):
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)

    def test_repeated_wrong_passwords_are_throttled_even_before_the_right_one(self, client, user):
        for _ in range(5):
            response = client.post(
                reverse("account_login"), {"login": user.email, "password": "wrong-guess"}
            )
            assert response.status_code == 200
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        assert "_auth_user_id" not in client.session
        assert b"paused password tries for this address" in response.content

    def test_logout_ends_the_session(self, client, user):
        client.force_login(user)
        client.post(reverse("account_logout"))
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
class TestPasswords:
    def test_reset_sends_a_plain_text_email_whose_link_sets_a_new_password(self, client, user):
        client.post(reverse("account_reset_password"), {"email": user.email})
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [user.email]
        link = _link_in(message.body)
        form_url = client.get(link, follow=True).redirect_chain[-1][0]
        response = client.post(
            form_url, {"password1": "brand-new-passphrase-9", "password2": "brand-new-passphrase-9"}
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.check_password("brand-new-passphrase-9")

    def test_change_needs_the_old_password(self, client, user):
        client.force_login(user)
        url = reverse("account_change_password")
        bad = {
            "oldpassword": "nope",
            "password1": "another-passphrase-7",
            "password2": "another-passphrase-7",
        }
        client.post(url, bad)
        user.refresh_from_db()
        assert user.check_password(PASSWORD)
        client.post(url, {**bad, "oldpassword": PASSWORD})
        user.refresh_from_db()
        assert user.check_password("another-passphrase-7")


@pytest.mark.django_db
class TestUserModel:
    def test_email_is_unique_whatever_its_case(self):
        User.objects.create_user("sam@example.com", "x")
        with pytest.raises(IntegrityError):
            User.objects.create(email="SAM@example.com")

    def test_superuser_is_staff(self):
        admin = User.objects.create_superuser("root@example.com", "x")
        assert admin.is_staff
        assert admin.is_superuser

    def test_display_name_falls_back_to_the_email(self):
        assert User(email="kim@example.com").display_name == "kim"
        assert (
            User(email="kim@example.com", first_name="Kim", last_name="Lee").display_name
            == "Kim Lee"
        )


@pytest.mark.django_db
class TestAdminCreatedUsers:
    def test_an_email_typed_with_capitals_in_the_admin_is_stored_lowercased(self, admin_client):
        response = admin_client.post(
            "/admin/accounts/user/add/",
            {
                "email": "New.Person@Example.com",
                "password1": "a-long-and-unusual-passphrase",
                "password2": "a-long-and-unusual-passphrase",
                "usable_password": "true",
            },
        )
        assert response.status_code == 302, response.content
        assert User.objects.filter(email="new.person@example.com").exists()
