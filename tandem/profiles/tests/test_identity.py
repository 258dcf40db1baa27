"""Identity hygiene on profiles: the "only my organization" circle and the "confirmed" mark
need a verified email domain; names are cleaned; the competitor list adds few organizations
and none of them reaches anyone else's suggestions."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.organizations.models import Organization
from tandem.organizations.verified import is_verified_at, owner_verified
from tandem.profiles.models import Profile
from tandem.profiles.organizations import MAX_NEW_COMPETITORS
from tandem.profiles.selectors import ESTABLISHED_MEMBERS
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
)
from tandem.profiles.tests.test_validation import _edit_data, _field_errors, _snapshot

DIRECTORY = reverse("profiles:directory")


@pytest.fixture
def bank():
    return OrganizationFactory(
        name="Harbourvine Bank", slug="harbourvine-bank", email_domain="harbourvine.example"
    )


def _unconfirmed_user(email: str):
    """An account whose only address at `email` was never confirmed."""
    user = UserFactory(email=email)
    EmailAddress.objects.filter(user=user).update(verified=False)
    return user


@pytest.mark.django_db
class TestOrganizationCircle:
    def test_an_unconfirmed_address_at_the_domain_does_not_let_a_viewer_in(self, client, bank):
        insider_only = MentorProfileFactory(visibility="organization", organization=bank)
        client.force_login(_unconfirmed_user("eve@harbourvine.example"))
        assert client.get(reverse("profiles:detail", args=[insider_only.pk])).status_code == 404
        assert list(client.get(DIRECTORY).context["page"].object_list) == []

    def test_a_confirmed_address_at_the_domain_does(self, client, bank):
        insider_only = MentorProfileFactory(visibility="organization", organization=bank)
        client.force_login(ProfileFactory(user=UserFactory(email="kim@harbourvine.example")).user)
        assert client.get(reverse("profiles:detail", args=[insider_only.pk])).status_code == 200


@pytest.mark.django_db
class TestConfirmedMark:
    def test_the_profile_page_says_whether_the_organization_is_confirmed(self, client, bank):
        insider = MentorProfileFactory(organization=bank, user__email="kim@harbourvine.example")
        typist = MentorProfileFactory(organization=bank)  # typed "Harbourvine Bank"
        client.force_login(ProfileFactory().user)
        page = client.get(reverse("profiles:detail", args=[insider.pk])).content.decode()
        assert 'Harbourvine Bank <small class="muted">· ✓ confirmed</small>' in page
        page = client.get(reverse("profiles:detail", args=[typist.pk])).content.decode()
        assert "· as they describe it" in page
        assert "confirmed" not in page.split("At a glance")[1].split("</dl>")[0]

    def test_the_directory_marks_only_confirmed_organizations(self, client, bank):
        MentorProfileFactory(organization=bank, user__email="kim@harbourvine.example")
        MentorProfileFactory(organization=bank)
        client.force_login(ProfileFactory().user)
        page = client.get(DIRECTORY).content.decode()
        assert page.count("✓ Confirmed at Harbourvine Bank") == 1

    def test_the_mark_follows_the_one_rule(self, bank):
        insider = ProfileFactory(organization=bank, user__email="a@harbourvine.example")
        typist = ProfileFactory(organization=bank)
        marks = dict(
            Profile.objects.annotate(confirmed=owner_verified()).values_list("pk", "confirmed")
        )
        assert marks == {insider.pk: True, typist.pk: False}
        assert is_verified_at(insider.user, bank)
        assert not is_verified_at(typist.user, bank)


@pytest.mark.django_db
class TestCompetitorList:
    def _post(self, client, profile, names):
        client.force_login(profile.user)
        url = reverse("profiles:edit", args=[profile.pk])
        return client.post(url, _edit_data(profile, competitor_names=names))

    def test_a_list_adds_at_most_a_few_new_organizations(self, client, bank):
        profile = ProfileFactory()
        before = _snapshot(profile)
        count = Organization.objects.count()
        new = ", ".join(f"Rival {n}" for n in range(MAX_NEW_COMPETITORS + 1))
        response = self._post(client, profile, new)
        assert "at most 3 new ones" in _field_errors(response, "competitor_names")[0]
        assert Organization.objects.count() == count
        assert _snapshot(profile) == before
        assert profile.competitors.count() == 0

    def test_known_organizations_do_not_count_as_new(self, client, bank):
        profile = ProfileFactory()
        names = "harbourvine bank, Rival 1, Rival 2, Rival 3, Rival 1"
        response = self._post(client, profile, names)
        assert response.status_code == 302
        assert sorted(o.name for o in profile.competitors.all()) == [
            "Harbourvine Bank", "Rival 1", "Rival 2", "Rival 3"
        ]  # fmt: skip

    def test_an_invisible_name_is_a_field_error(self, client):
        profile = ProfileFactory()
        response = self._post(client, profile, "Globex, \u200b\u202e")
        assert _field_errors(response, "competitor_names")
        assert profile.competitors.count() == 0


@pytest.mark.django_db
class TestSuggestions:
    URL = reverse("profiles:organization_suggestions")

    def _suggested(self, client, query):
        client.force_login(ProfileFactory().user)
        return client.get(self.URL, {"organization_name": query}).content.decode()

    def test_a_name_one_person_typed_reaches_nobody_else(self, client):
        spoof = Organization.objects.create(name="Harbourvine Bank Ltd", slug="hb-ltd")
        ProfileFactory(organization=spoof)
        assert "Harbourvine" not in self._suggested(client, "harbour")

    def test_it_is_suggested_once_enough_people_list_it(self, client):
        guild = Organization.objects.create(name="Quilters Guild", slug="quilters-guild")
        for _ in range(ESTABLISHED_MEMBERS):
            ProfileFactory(organization=guild)
        assert '<option value="Quilters Guild">' in self._suggested(client, "quilt")

    def test_or_once_staff_set_its_email_domain(self, client, bank):
        ProfileFactory(organization=bank)
        assert '<option value="Harbourvine Bank">' in self._suggested(client, "harbour")


@pytest.mark.django_db
class TestOrganizationName:
    def test_a_zero_width_space_finds_the_organization_already_known(self, client, bank):
        profile = ProfileFactory()
        client.force_login(profile.user)
        data = _edit_data(profile, organization_name="Harbour\u200bvine \u202eBank")
        assert client.post(reverse("profiles:edit", args=[profile.pk]), data).status_code == 302
        profile.refresh_from_db()
        assert profile.organization == bank

    def test_a_name_of_invisible_characters_is_a_field_error(self, client):
        profile = ProfileFactory()
        before = _snapshot(profile)
        client.force_login(profile.user)
        data = _edit_data(profile, organization_name="\u200b\u2066\u2069")
        response = client.post(reverse("profiles:edit", args=[profile.pk]), data)
        assert _field_errors(response, "organization_name")
        assert _snapshot(profile) == before
