import pytest
from django.urls import reverse

from tandem.organizations.services import organization_get_or_create
from tandem.profiles.tests.factories import OrganizationFactory, ProfileFactory


@pytest.mark.django_db
class TestOrganizationSuggestions:
    def test_suggests_organizations_people_belong_to(self, client):
        acme = OrganizationFactory(
            name="Acme Analytics", slug="acme-analytics", email_domain="acme.example"
        )
        ProfileFactory(organization=acme)
        client.force_login(ProfileFactory().user)
        response = client.get(
            reverse("profiles:organization_suggestions"), {"organization_name": "acme"}
        )
        assert '<option value="Acme Analytics">' in response.content.decode()

    def test_never_reveals_names_only_listed_as_someones_competitor(self, client):
        secret_rival = organization_get_or_create(name="Acme Secret Rival")
        owner = ProfileFactory()
        owner.competitors.add(secret_rival)
        client.force_login(ProfileFactory().user)
        response = client.get(
            reverse("profiles:organization_suggestions"), {"organization_name": "acme"}
        )
        assert "Secret Rival" not in response.content.decode()

    def test_never_reveals_the_organization_of_a_hidden_member(self, client):
        stealth = OrganizationFactory(name="Acme Stealth", slug="acme-stealth")
        ProfileFactory(organization=stealth, visibility="hidden")
        client.force_login(ProfileFactory().user)
        response = client.get(
            reverse("profiles:organization_suggestions"), {"organization_name": "acme"}
        )
        assert "Stealth" not in response.content.decode()
