import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.accounts.models import PROGRAM_MANAGERS_GROUP
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
    offer,
)


def _url(profile) -> str:
    return reverse("profiles:detail", args=[profile.pk])


@pytest.mark.django_db
class TestProfilePage:
    def test_shows_the_mentor_side_to_other_members(self, mentee_client):
        mentor = MentorProfileFactory(headline="Helping analysts grow")
        offer(mentor, "python", proficiency=4)
        body = mentee_client.get(_url(mentor)).content.decode()
        assert "Helping analysts grow" in body
        assert "Python" in body
        assert "Expert" in body
        assert "Open to new mentees" in body

    def test_the_contact_detail_is_shown_only_to_the_owner(self, client):
        mentor = MentorProfileFactory(contact_detail="call-me-0123")
        other = ProfileFactory()
        client.force_login(other.user)
        assert "call-me-0123" not in client.get(_url(mentor)).content.decode()
        client.force_login(mentor.user)
        assert "call-me-0123" in client.get(_url(mentor)).content.decode()

    def test_a_hidden_profile_is_not_found_by_others_but_open_to_its_owner(self, client):
        hidden = MentorProfileFactory(visibility="hidden")
        client.force_login(ProfileFactory().user)
        assert client.get(_url(hidden)).status_code == 404
        client.force_login(hidden.user)
        assert client.get(_url(hidden)).status_code == 200

    def test_an_organization_only_profile_is_open_to_emails_at_its_domain(self, client):
        org = OrganizationFactory(email_domain="initech.example")
        private = MentorProfileFactory(visibility="organization", organization=org)
        client.force_login(ProfileFactory(user__email="peter@initech.example").user)
        assert client.get(_url(private)).status_code == 200
        client.force_login(ProfileFactory(organization=org).user)
        assert client.get(_url(private)).status_code == 404

    def test_the_manager_email_is_shown_only_to_the_owner(self, client):
        profile = ProfileFactory(manager_email="boss@example.com")
        client.force_login(ProfileFactory().user)
        assert "boss@example.com" not in client.get(_url(profile)).content.decode()
        client.force_login(profile.user)
        assert "boss@example.com" in client.get(_url(profile)).content.decode()

    def test_staff_can_open_any_profile(self, client, admin_user):
        hidden = MentorProfileFactory(visibility="hidden")
        client.force_login(admin_user)
        assert client.get(_url(hidden)).status_code == 200

    def test_only_the_owner_sees_the_edit_button(self, client):
        mentor = MentorProfileFactory()
        client.force_login(ProfileFactory().user)
        assert "Edit profile" not in client.get(_url(mentor)).content.decode()
        client.force_login(mentor.user)
        assert "Edit profile" in client.get(_url(mentor)).content.decode()


@pytest.mark.django_db
class TestNavigation:
    def test_shows_every_role_a_person_holds(self, client):
        both = ProfileFactory(is_mentee=True, is_mentor=True)
        both.user.groups.add(Group.objects.get(name=PROGRAM_MANAGERS_GROUP))
        client.force_login(both.user)
        body = client.get(reverse("home")).content.decode()
        nav = body.split('aria-label="Your roles"')[1].split("</li>")[0]
        assert "Mentee" in nav
        assert "Mentor" in nav
        assert "Program manager" in nav
        assert "Staff" not in nav

    def test_the_roles_are_read_in_one_query_without_the_groups_of_their_own(self, client):
        mentee = ProfileFactory()
        client.force_login(mentee.user)
        client.get(reverse("profiles:directory"))
        with CaptureQueriesContext(connection) as captured:
            body = client.get(reverse("profiles:directory")).content.decode()
        assert "Program manager" not in body.split('aria-label="Your roles"')[1].split("</li>")[0]
        assert not [q for q in captured.captured_queries if 'FROM "auth_group"' in q["sql"]]

    def test_a_mentor_home_page_shows_their_capacity(self, client):
        mentor = MentorProfileFactory(capacity=4)
        client.force_login(mentor.user)
        assert "up to 4 mentees at once" in client.get(reverse("home")).content.decode()
