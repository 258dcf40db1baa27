import pytest
from django.test import Client
from django.urls import reverse

from tandem.core.views import error_500


@pytest.mark.django_db
class TestErrorPages:
    def test_a_missing_page_is_a_friendly_404(self, client):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert b"We couldn't find that page" in response.content

    def test_the_500_page_renders_without_the_database(self, rf, django_assert_num_queries):
        with django_assert_num_queries(0):
            response = error_500(rf.get("/"))
        assert response.status_code == 500
        assert b"Something went wrong on our side" in response.content

    def test_a_crashing_view_shows_the_500_page(self, settings):
        settings.ROOT_URLCONF = "tandem.core.tests.crashing_urls"
        client = Client(raise_request_exception=False)
        response = client.get("/crash/")
        assert response.status_code == 500
        assert b"Something went wrong on our side" in response.content


@pytest.mark.django_db
class TestLanding:
    def test_visitors_see_the_invitation_to_join(self, client):
        body = client.get(reverse("landing")).content.decode()
        assert "Join Tandem" in body
        assert "Log in" in body

    def test_signed_in_people_go_home(self, client, mentee):
        client.force_login(mentee.user)
        assert client.get(reverse("landing"))["Location"] == reverse("home")


@pytest.mark.django_db
class TestAdmin:
    @pytest.mark.parametrize(
        "url",
        [
            "/admin/accounts/user/",
            "/admin/profiles/profile/",
            "/admin/skills/skill/",
            "/admin/skills/skillalias/",
            "/admin/organizations/organization/",
            "/admin/profiles/language/",
        ],
    )
    def test_staff_can_open_the_lists(self, admin_client, mentor, url):
        assert admin_client.get(url).status_code == 200

    def test_staff_can_open_a_profile(self, admin_client, mentor):
        assert admin_client.get(f"/admin/profiles/profile/{mentor.pk}/change/").status_code == 200

    def test_people_who_are_not_staff_are_kept_out(self, client, mentee):
        client.force_login(mentee.user)
        response = client.get("/admin/profiles/profile/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
