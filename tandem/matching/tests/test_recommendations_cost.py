"""What a recommendations list costs: its reads are compiled once per process (a second list
builds no SQL through the ORM), the page's queries are pinned, and what the cheaper reads
give is what the ORM reads gave (the mentee's lists in order, the blocks, the organizations
they are verified at, the card's words and links)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tandem.core.templatetags.display import avatar, joined
from tandem.core.tests.compiling import read_again_compiling_nothing
from tandem.matching.encode import mentee_encode
from tandem.matching.index import mentor_index
from tandem.matching.selectors import recommendations_for_mentee
from tandem.matching.tests.recommendation_people import aspiring_data_lead
from tandem.moderation.blocks import block_set, blocked_user_ids
from tandem.moderation.models import Block
from tandem.organizations.models import Membership
from tandem.organizations.roles import role_grant
from tandem.organizations.verified import organization_ids_verified, organizations_verified
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    offer,
    speak,
)

URL = reverse("matching:recommendations")


def _mentor(name: str, **kwargs):
    mentor = MentorProfileFactory(user__first_name=name, level=6, **kwargs)
    offer(mentor, "python", proficiency=4)
    speak(mentor, "en")
    return mentor


def _names(picks) -> list[str]:
    return [pick.profile.user.first_name for pick in picks]


@pytest.fixture
def market():
    """A mentee verified at an organization, with a competitor and a block, and mentors
    around them: every read of a list has something to read."""
    org = OrganizationFactory(email_domain="initech.example")
    mentee = aspiring_data_lead(user__email="milton@initech.example")
    mentee.competitors.add(OrganizationFactory())
    mentors = [_mentor(name) for name in ("Ada", "Bo", "Cy")]
    mentors.append(_mentor("Dee", visibility="organization", organization=org))
    blocked = _mentor("Eve")
    block_set(owner=mentee.user, other_id=blocked.user_id, kind=Block.Kind.BLOCK)
    return mentee


@pytest.mark.django_db
class TestARecommendationsListIsCompiledOnce:
    def test_a_second_list_builds_no_sql_and_is_the_same_list(self, market):
        first = recommendations_for_mentee(profile=market)
        second = read_again_compiling_nothing(lambda: recommendations_for_mentee(profile=market))
        assert _names(second) == _names(first)
        assert [pick.reasons for pick in second] == [pick.reasons for pick in first]
        assert "Eve" not in _names(first)
        assert "Dee" in _names(first)  # organization-only, and the mentee is verified there

    def test_the_page_costs_thirteen_queries(self, client, market, django_assert_num_queries):
        client.force_login(market.user)
        client.get(URL)  # builds the index
        # Session, user, own profile, the index's look for changes, the mentee's lists,
        # who they can't ask, blocks, organizations verified, the shortlist's load, the
        # picked mentors, their answering times, the menu, unread notices.
        with django_assert_num_queries(13):
            response = client.get(URL)
        assert "Ada" in response.content.decode()


@pytest.mark.django_db
class TestTheCompiledReadsReadWhatTheOrmDid:
    def test_the_mentees_lists_come_in_their_models_order(self):
        mentee = aspiring_data_lead()
        speak(mentee, "fr")
        mentee.competitors.add(OrganizationFactory(name="Zeta"), OrganizationFactory(name="Alpha"))
        _mentor("Ada")
        index = mentor_index()
        encoded = mentee_encode(mentee, index)
        codes = index.vocabulary
        wanted = [codes.skill_index[pk] for pk in mentee.skills_wanted.values_list("id", flat=True)]
        assert encoded.skills[0, : len(wanted)].tolist() == wanted
        spoken = mentee.languages.values_list("id", flat=True)
        languages = sum(1 << codes.language_bit[pk] for pk in spoken)
        assert int(encoded.languages[0]) == languages
        competitors = list(mentee.competitors.values_list("id", flat=True))
        assert encoded.competitors[0, : len(competitors)].tolist() == competitors

    def test_a_block_either_way_keeps_them_apart_and_a_mute_does_not(self):
        mentee = aspiring_data_lead()
        blocker, blocked, muted = _mentor("Ada"), _mentor("Bo"), _mentor("Cy")
        block_set(owner=blocker.user, other_id=mentee.user_id, kind=Block.Kind.BLOCK)
        block_set(owner=mentee.user, other_id=blocked.user_id, kind=Block.Kind.BLOCK)
        block_set(owner=mentee.user, other_id=muted.user_id, kind=Block.Kind.MUTE)
        assert blocked_user_ids(user_id=mentee.user_id) == {blocker.user_id, blocked.user_id}
        assert _names(recommendations_for_mentee(profile=mentee)) == ["Cy"]

    def test_the_organizations_verified_are_those_of_the_rule(self, mentee):
        by_address = OrganizationFactory(email_domain="initech.example")
        by_role = OrganizationFactory(email_domain="")
        unconfirmed = OrganizationFactory(email_domain="hooli.example")
        OrganizationFactory(email_domain="other.example")
        EmailAddress.objects.create(user=mentee.user, email="me@INITECH.example", verified=True)
        EmailAddress.objects.create(user=mentee.user, email="me@hooli.example", verified=False)
        role_grant(organization=by_role, user=mentee.user, role=Membership.Role.MEMBER, actor=None)
        expected = set(organizations_verified(mentee.user).values_list("id", flat=True))
        assert expected == {by_address.pk, by_role.pk}
        assert unconfirmed.pk not in expected
        assert set(organization_ids_verified(user_id=mentee.user_id)) == expected

    def test_a_card_prints_what_the_tags_and_links_gave(self):
        mentee = aspiring_data_lead()
        _mentor("Ada", user__last_name="Lovelace", job_title="Engineer")
        _mentor("Bo", organization=OrganizationFactory(name="Acme & Co"), job_title="")
        for pick in recommendations_for_mentee(profile=mentee):
            profile = pick.profile
            drawn = avatar(profile.user)
            assert (pick.initials, pick.colour) == (drawn["initials"], drawn["colour"])
            assert pick.name == profile.user.display_name
            organization = profile.organization.name if profile.organization else None
            assert pick.facts == joined(profile.job_title, organization)
            assert pick.url == profile.get_absolute_url()
            assert pick.ask_url == reverse("mentorships:ask_new", args=[profile.pk])
