"""The admin's own login is not a way around allauth's attempt limits."""

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.accounts.tests.helpers import logged_in_as

ADMIN_LOGIN = "/admin/login/"
TO_ALLAUTH = f"{reverse('account_login')}?next=%2Fadmin%2F"


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)


@pytest.mark.django_db
class TestAdminLogin:
    def test_passwords_posted_to_the_admin_login_are_never_checked(self, client, staff):
        for password in ["guess-1", "guess-2", "guess-3", "guess-4", "guess-5", "guess-6"]:
            client.post(ADMIN_LOGIN, {"username": staff.email, "password": password})
        response = client.post(
            ADMIN_LOGIN, {"username": staff.email, "password": PASSWORD, "next": "/admin/"}
        )
        assert response.status_code == 302
        assert response["Location"] == TO_ALLAUTH
        assert logged_in_as(client) is None

    def test_staff_get_into_the_admin_through_the_throttled_login(self, client, staff):
        response = client.get("/admin/", follow=True)
        assert response.redirect_chain[-1][0] == TO_ALLAUTH
        response = client.post(TO_ALLAUTH, {"login": staff.email, "password": PASSWORD})
        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200

    def test_the_admin_login_of_staff_counts_against_the_address(self, client, staff):
        for _ in range(5):
            client.post(TO_ALLAUTH, {"login": staff.email, "password": "a-wrong-guess"})
        client.post(TO_ALLAUTH, {"login": staff.email, "password": PASSWORD})
        assert logged_in_as(client) is None

    def test_staff_already_logged_in_go_straight_back(self, client, staff):
        client.force_login(staff)
        response = client.get(ADMIN_LOGIN, {"next": "/admin/accounts/user/"})
        assert response["Location"] == "/admin/accounts/user/"

    def test_someone_logged_in_without_staff_rights_is_refused_not_looped(self, client, user):
        client.force_login(user)
        assert client.get(ADMIN_LOGIN, {"next": "/admin/"}).status_code == 403

    def test_a_next_address_on_another_site_is_dropped(self, client):
        response = client.get(ADMIN_LOGIN, {"next": "https://elsewhere.example/"})
        assert response["Location"] == TO_ALLAUTH
