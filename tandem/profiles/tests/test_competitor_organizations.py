"""Names typed on a profile make organizations, but never without bound: one a profile lets
go of and nothing else names goes again, and a competitor list alone holds at most a few."""

import pytest

from tandem.organizations.models import Membership, Organization
from tandem.profiles.models import Profile
from tandem.profiles.organizations import MAX_ONLY_MINE
from tandem.profiles.services import ProfileError, profile_update
from tandem.profiles.tests.factories import OrganizationFactory, ProfileFactory


def _list(profile, *names):
    return profile_update(profile=profile, fields={}, competitor_names=names)


def _names(profile):
    return sorted(o.name for o in profile.competitors.all())


def _typed():
    return sorted(Organization.objects.filter(named_on_profile=True).values_list("name", flat=True))


@pytest.mark.django_db
class TestLettingGo:
    def test_a_dropped_name_nothing_else_uses_is_removed(self):
        profile = ProfileFactory()
        _list(profile, "Rival 1", "Rival 2")
        _list(profile, "Rival 2")
        assert _names(profile) == ["Rival 2"]
        assert _typed() == ["Rival 2"]

    def test_saving_again_and_again_never_piles_organizations_up(self):
        profile = ProfileFactory()
        for round_ in range(6):
            _list(profile, *(f"Rival {round_}-{n}" for n in range(3)))
        assert len(_typed()) == 3

    def test_what_something_else_refers_to_stays(self):
        profile, other = ProfileFactory(), ProfileFactory()
        _list(profile, "Listed too", "Worked at", "Has members")
        _list(other, "Listed too")
        Profile.objects.filter(pk=other.pk).update(
            organization=Organization.objects.get(name="Worked at")
        )
        member = Organization.objects.get(name="Has members")
        Membership.objects.create(organization=member, user=other.user)
        _list(profile, "Listed too", "Worked at", "Has members", "Has a domain")
        Organization.objects.filter(name="Has a domain").update(email_domain="domain.example")
        _list(profile)
        assert _typed() == ["Has a domain", "Has members", "Listed too", "Worked at"]

    def test_an_organization_tandem_knew_before_stays(self):
        known = OrganizationFactory(name="Globex")
        profile = ProfileFactory()
        _list(profile, "Globex")
        _list(profile)
        assert Organization.objects.filter(pk=known.pk).exists()

    def test_the_organization_a_profile_moves_away_from_goes_too(self):
        profile = ProfileFactory()
        profile_update(profile=profile, fields={}, organization_name="First Typed Ltd")
        profile_update(profile=profile, fields={}, organization_name="Second Typed Ltd")
        assert _typed() == ["Second Typed Ltd"]
        profile_update(profile=profile, fields={}, organization_name="")
        assert _typed() == []


@pytest.mark.django_db
class TestOnlyMine:
    def test_a_list_holds_a_few_only_it_names_across_saves(self):
        profile = ProfileFactory()
        mine = [f"Rival {n}" for n in range(MAX_ONLY_MINE)]
        _list(profile, *mine)
        with pytest.raises(ProfileError) as refused:
            _list(profile, *mine, "One more")
        assert refused.value.field == "competitor_names"
        assert _names(profile) == mine
        assert _typed() == mine

    def test_names_someone_else_uses_too_do_not_count(self):
        profile, other = ProfileFactory(), ProfileFactory()
        _list(other, "Shared 1", "Shared 2")
        _list(profile, "Shared 1", "Shared 2", "Rival 1", "Rival 2", "Rival 3")
        assert len(_names(profile)) == 5
