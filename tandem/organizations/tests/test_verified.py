"""Who is verified at an organization: a confirmed address at its domain, or a role given."""

import pytest
from allauth.account.models import EmailAddress

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import DomainError
from tandem.organizations.models import Membership, Organization
from tandem.organizations.services import organization_get_or_create
from tandem.organizations.verified import is_verified_at, organizations_verified


def _organization(name: str, domain: str = "") -> Organization:
    return Organization.objects.create(name=name, slug=name.lower().replace(" ", "-"),
                                       email_domain=domain)  # fmt: skip


@pytest.fixture
def bank():
    return _organization("Harbourvine Bank", "harbourvine.example")


@pytest.mark.django_db
class TestVerifiedAt:
    def test_a_confirmed_address_at_the_domain_counts_in_any_case(self, bank):
        person = UserFactory(email="Ana@Harbourvine.Example")
        assert is_verified_at(person, bank)
        assert list(organizations_verified(person)) == [bank]

    def test_an_address_elsewhere_is_not_enough(self, bank):
        assert not is_verified_at(UserFactory(), bank)  # verified, but at example.com

    def test_an_address_not_yet_confirmed_is_not_enough(self, bank):
        person = UserFactory()
        EmailAddress.objects.create(user=person, email="ana@harbourvine.example", verified=False)
        assert not is_verified_at(person, bank)

    def test_a_lookalike_domain_is_not_the_domain(self, bank):
        assert not is_verified_at(UserFactory(email="ana@notharbourvine.example"), bank)
        assert not is_verified_at(UserFactory(email="ana@harbourvine.example.evil"), bank)

    def test_a_role_given_by_staff_or_a_manager_counts(self):
        club = _organization("Rowing Club")  # no domain
        member = UserFactory()
        assert not is_verified_at(member, club)
        Membership.objects.create(organization=club, user=member)
        assert is_verified_at(member, club)

    def test_no_domain_and_no_role_verifies_nobody(self):
        club = _organization("Rowing Club")
        assert not is_verified_at(UserFactory(), club)


@pytest.mark.django_db
class TestOrganizationNames:
    def test_invisible_characters_never_make_a_second_organization(self, bank):
        assert organization_get_or_create(name="Harbour\u200bvine\u202e Bank") == bank
        assert Organization.objects.count() == 1

    def test_a_new_name_is_stored_clean(self):
        org = organization_get_or_create(name="  Brightloom\u2066  Software\u2069 ")
        assert org.name == "Brightloom Software"

    def test_a_name_with_nothing_to_read_or_too_long_is_refused(self):
        for name in ("\u200b\u200d", "R" * 121):
            with pytest.raises(DomainError):
                organization_get_or_create(name=name)
        assert not Organization.objects.exists()
