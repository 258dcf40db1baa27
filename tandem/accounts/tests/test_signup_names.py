"""Sign-up names are cleaned of invisible and direction-changing characters."""

import pytest
from django.urls import reverse

from tandem.accounts.models import User

SIGNUP = {
    "email": "maya@example.com",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


@pytest.mark.django_db
class TestSignupNames:
    def test_names_are_stored_without_invisible_or_direction_characters(self, client):
        data = {**SIGNUP, "first_name": "Ma\u200bya\u202e", "last_name": "\u2066Okafor\u2069 "}
        assert client.post(reverse("account_signup"), data).status_code == 302
        user = User.objects.get(email="maya@example.com")
        assert (user.first_name, user.last_name) == ("Maya", "Okafor")

    def test_a_first_name_of_only_invisible_characters_is_refused_on_its_field(self, client):
        data = {**SIGNUP, "first_name": "\u200b\u200d\ufeff", "last_name": "Okafor"}
        response = client.post(reverse("account_signup"), data)
        assert response.status_code == 200
        assert "letters or numbers" in response.context["form"].errors["first_name"][0]
        assert not User.objects.exists()

    def test_a_first_name_longer_than_the_limit_is_refused(self, client):
        data = {**SIGNUP, "first_name": "M" * 81}
        response = client.post(reverse("account_signup"), data)
        assert "80 characters" in response.context["form"].errors["first_name"][0]
        assert not User.objects.exists()
