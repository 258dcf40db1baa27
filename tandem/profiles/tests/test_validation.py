"""Bad profile input gives a message next to the field and saves nothing."""

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
)


def _edit_data(profile: Profile, **overrides) -> dict:
    data = {
        "is_mentee": "on",
        "is_mentor": "on",
        "headline": "Changed headline",
        "job_title": "Engineer",
        "organization_name": "Acme",
        "industry": "technology",
        "function": "engineering",
        "level": "4",
        "years_experience": "5",
        "hours_per_month": "3",
        "capacity": "2",
        "timezone": "Europe/Berlin",
        "meeting_mode": "virtual",
        "contact_channel": "email",
        "visibility": "members",
        "languages": [],
    }
    data.update(overrides)
    return data


def _snapshot(profile: Profile) -> dict:
    fresh = Profile.objects.get(pk=profile.pk)
    return {field.attname: getattr(fresh, field.attname) for field in Profile._meta.concrete_fields}


def _field_errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


@pytest.mark.django_db
class TestProfileEditValidation:
    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("capacity", "-1", "Capacity can't be negative"),
            ("timezone", "Mars/Olympus_Mons", "We don't know that timezone"),
            ("level", "11", "Pick a level from 1"),
            ("hours_per_month", "999", "At most 40 hours"),
        ],
    )
    def test_bad_value_shows_a_field_message_and_saves_nothing(self, client, field, value, message):
        profile = MentorProfileFactory()
        before = _snapshot(profile)
        client.force_login(profile.user)
        response = client.post(
            reverse("profiles:edit", args=[profile.pk]), _edit_data(profile, **{field: value})
        )
        assert response.status_code == 200
        assert any(message in error for error in _field_errors(response, field))
        assert f'id="id_{field}_error"' in response.content.decode()
        assert _snapshot(profile) == before

    def test_oneself_as_manager_is_refused_and_nothing_is_saved(self, client):
        profile = ProfileFactory()
        before = _snapshot(profile)
        client.force_login(profile.user)
        response = client.post(
            reverse("profiles:edit", args=[profile.pk]),
            _edit_data(profile, manager_email=profile.user.email.upper()),
        )
        assert _field_errors(response, "manager_email") == ["You can't be your own manager."]
        assert _snapshot(profile) == before

    def test_any_manager_email_is_accepted_without_saying_who_has_an_account(self, client):
        profile = ProfileFactory()
        registered = UserFactory(email="known@example.com")
        client.force_login(profile.user)
        url = reverse("profiles:edit", args=[profile.pk])
        for email in (registered.email, "stranger@example.com"):
            response = client.post(url, _edit_data(profile, manager_email=email.upper()))
            assert response.status_code == 302
            assert Profile.objects.get(pk=profile.pk).manager_email == email

    def test_too_many_or_too_long_competitor_names_are_refused_next_to_the_field(self, client):
        profile = ProfileFactory()
        before = _snapshot(profile)
        client.force_login(profile.user)
        url = reverse("profiles:edit", args=[profile.pk])
        many = ", ".join(f"Rival {n}" for n in range(11))
        response = client.post(url, _edit_data(profile, competitor_names=many))
        assert _field_errors(response, "competitor_names") == ["List at most 10 organizations."]
        long_name = "R" * 121
        response = client.post(url, _edit_data(profile, competitor_names=long_name))
        assert "to 120 characters" in _field_errors(response, "competitor_names")[0]
        assert _snapshot(profile) == before
        assert profile.competitors.count() == 0

    def test_organization_only_visibility_needs_an_organization_with_a_known_domain(self, client):
        profile = ProfileFactory()
        before = _snapshot(profile)
        client.force_login(profile.user)
        url = reverse("profiles:edit", args=[profile.pk])
        response = client.post(url, _edit_data(profile, visibility="organization"))
        assert "email domain" in _field_errors(response, "visibility")[0]
        assert _snapshot(profile) == before

    def test_no_role_at_all_is_refused(self, client):
        profile = ProfileFactory()
        before = _snapshot(profile)
        client.force_login(profile.user)
        data = _edit_data(profile)
        del data["is_mentee"], data["is_mentor"]
        response = client.post(reverse("profiles:edit", args=[profile.pk]), data)
        assert "Choose at least one" in str(response.context["form"].non_field_errors())
        assert _snapshot(profile) == before

    def test_good_input_saves_every_part(self, client):
        profile = ProfileFactory()
        manager = UserFactory()
        client.force_login(profile.user)
        data = _edit_data(
            profile,
            manager_email=manager.email,
            visibility="organization",
            organization_name="Acme Verified",
            competitor_names="Globex, Initech",
            languages=["1", "2"],
            focus_areas_sought=["promotion", "leadership"],
        )
        OrganizationFactory(name="Acme Verified", slug="acme-verified", email_domain="acme.example")
        response = client.post(reverse("profiles:edit", args=[profile.pk]), data)
        assert response.status_code == 302
        profile.refresh_from_db()
        assert profile.headline == "Changed headline"
        assert profile.is_mentor
        assert profile.is_mentee
        assert profile.organization.name == "Acme Verified"
        assert profile.visibility == "organization"
        assert profile.manager_email == manager.email
        assert sorted(o.name for o in profile.competitors.all()) == ["Globex", "Initech"]
        assert profile.languages.count() == 2
        assert profile.focus_areas_sought == ["promotion", "leadership"]


@pytest.mark.django_db
class TestSomeoneElsesProfile:
    def test_opening_another_users_edit_page_is_forbidden(self, client):
        owner, intruder = ProfileFactory(), ProfileFactory()
        client.force_login(intruder.user)
        response = client.get(reverse("profiles:edit", args=[owner.pk]))
        assert response.status_code == 403
        assert b"isn't yours to open" in response.content

    def test_posting_to_another_users_edit_page_changes_nothing(self, client):
        owner, intruder = ProfileFactory(), ProfileFactory()
        before = _snapshot(owner)
        client.force_login(intruder.user)
        response = client.post(reverse("profiles:edit", args=[owner.pk]), _edit_data(owner))
        assert response.status_code == 403
        assert _snapshot(owner) == before

    def test_a_missing_profile_is_not_found(self, client, mentee):
        client.force_login(mentee.user)
        assert client.get(reverse("profiles:edit", args=[999999])).status_code == 404

    def test_anonymous_visitors_are_sent_to_log_in(self, client, mentee):
        response = client.get(reverse("profiles:edit", args=[mentee.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
class TestProfileWriteLimit:
    def test_a_flood_of_edits_is_stopped_with_429_and_not_saved(self, client, monkeypatch):
        # The whole flood within one minute, however long the 61 posts take.
        monkeypatch.setattr("time.time", lambda: 1_800_000_000.0)
        profile = ProfileFactory()
        client.force_login(profile.user)
        url = reverse("profiles:edit", args=[profile.pk])
        for n in range(60):
            assert client.post(url, _edit_data(profile, headline=f"Edit {n}")).status_code == 302
        response = client.post(url, _edit_data(profile, headline="One too many"))
        assert response.status_code == 429
        assert Profile.objects.get(pk=profile.pk).headline == "Edit 59"
