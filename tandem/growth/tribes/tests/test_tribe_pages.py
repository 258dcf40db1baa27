"""Tribe pages: browsing with counts and one's own tribes marked; a tribe's members as the
viewer may see them (links only to profiles they may open, blocked and suspended people never
listed, mentors and other organizations marked); joining and leaving; a page whose cost does
not grow with its members."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.growth.tribes.models import Tribe, TribeMembership
from tandem.growth.tribes.selectors import PAGE_SIZE
from tandem.growth.tribes.services import MAX_TRIBES
from tandem.growth.tribes.tests.factories import MembershipFactory, tribe
from tandem.moderation.blocks import block_set
from tandem.profiles.choices import Visibility
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
)

BROWSE = reverse("growth:growth_tribes:browse")


def _page_of(slug: str = "data-analytics") -> str:
    return reverse("growth:growth_tribes:tribe", args=[slug])


def _named(first: str, **fields):
    return ProfileFactory(user__first_name=first, user__last_name="Tester", **fields)


@pytest.mark.django_db
class TestBrowsing:
    def test_each_tribe_shows_its_members_and_mine_are_marked(self, client, mentee):
        MembershipFactory(profile=mentee)
        MembershipFactory()
        MembershipFactory(profile=ProfileFactory(user__is_active=False))  # suspended: not counted
        blocked = MembershipFactory().profile  # blocked: not listed to the viewer, not counted
        block_set(owner=mentee.user, other_id=blocked.user_id, kind="block")
        client.force_login(mentee.user)
        response = client.get(BROWSE)
        page = response.context["page"]
        data = next(t for t in page.interest if t.slug == "data-analytics")
        assert (data.members, data.is_mine, page.mine) == (2, True, 1)
        assert any(t.function == "engineering" for t in page.profession)
        assert "You're in 1 of up to" in response.content.decode()

    def test_someone_without_a_finished_profile_is_told_how_to_join(self, client):
        tribe()
        newcomer = ProfileFactory(onboarded_at=None)
        client.force_login(newcomer.user)
        assert "to join a tribe" in client.get(BROWSE).content.decode()

    def test_signed_out_visitors_are_sent_to_sign_in_and_see_no_members(self, client):
        MembershipFactory(profile=_named("Zelda"))
        for path in (BROWSE, _page_of()):
            response = client.get(path)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
class TestATribesMembers:
    def test_each_member_links_to_their_profile(self, client, mentee):
        listed = MembershipFactory(profile=_named("Amara")).profile
        client.force_login(mentee.user)
        page = client.get(_page_of()).content.decode()
        assert f'<a href="{listed.get_absolute_url()}">Amara Tester</a>' in page
        assert listed.job_title in page

    def test_a_block_either_way_keeps_the_two_off_each_others_lists(self, client, mentee):
        blocked = MembershipFactory(profile=_named("Cyrus")).profile
        blocker = MembershipFactory(profile=_named("Dalia")).profile
        block_set(owner=mentee.user, other_id=blocked.user_id, kind="block")
        block_set(owner=blocker.user, other_id=mentee.user_id, kind="block")
        client.force_login(mentee.user)
        page = client.get(_page_of()).content.decode()
        assert "Cyrus" not in page
        assert "Dalia" not in page
        client.force_login(blocked.user)
        assert "Dalia" in client.get(_page_of()).content.decode()  # only the pair is kept apart

    def test_suspended_and_unfinished_accounts_are_never_listed(self, client, mentee):
        gone = MembershipFactory(profile=_named("Emeka")).profile
        gone.user.is_active = False
        gone.user.save(update_fields=["is_active"])
        later = MembershipFactory(profile=_named("Farah")).profile
        later.onboarded_at = None
        later.save(update_fields=["onboarded_at"])
        client.force_login(mentee.user)
        page = client.get(_page_of()).content.decode()
        assert "Emeka" not in page
        assert "Farah" not in page

    def test_mentors_and_other_organizations_are_marked_and_can_be_picked_out(self, client, mentee):
        MembershipFactory(profile=MentorProfileFactory(user__first_name="Gideon"))
        MembershipFactory(profile=_named("Hana", organization=mentee.organization))
        client.force_login(mentee.user)
        response = client.get(_page_of())
        gideon, hana = sorted(response.context["page"].rows, key=lambda row: row.name)
        assert (gideon.is_mentor, gideon.outside) == (True, True)
        assert (hana.is_mentor, hana.outside) == (False, False)
        mentors = client.get(_page_of(), {"show": "mentors"}).context["page"].rows
        assert [row.name for row in mentors] == [gideon.name]
        outside = client.get(_page_of(), {"show": "outside"}).context["page"].rows
        assert [row.name for row in outside] == [gideon.name]

    def test_an_unknown_filter_or_page_shows_everyone(self, client, mentee):
        MembershipFactory()
        client.force_login(mentee.user)
        for query in ({"show": "\x00"}, {"show": "admins"}, {"page": "999999"}):
            response = client.get(_page_of(), query)
            assert response.status_code == 200
            assert len(response.context["page"].rows) == 1

    def test_an_unknown_tribe_is_a_404(self, client, mentee):
        tribe()
        client.force_login(mentee.user)
        assert client.get(_page_of("no-such-tribe")).status_code == 404

    def test_the_page_costs_the_same_for_one_member_or_a_full_page(
        self, client, mentee, django_assert_num_queries
    ):
        organization = OrganizationFactory()
        MembershipFactory(profile=MentorProfileFactory(organization=organization))
        client.force_login(mentee.user)
        client.get(_page_of())  # the session and the timezone settle on the first visit
        with django_assert_num_queries(9) as one:
            client.get(_page_of())
        for number in range(PAGE_SIZE + 15):  # a third hidden: still a full page shown
            visibility = Visibility.HIDDEN if number % 3 == 0 else Visibility.MEMBERS
            MembershipFactory(profile=MentorProfileFactory(visibility=visibility))
        with django_assert_num_queries(len(one.captured_queries)):
            response = client.get(_page_of())
        assert len(response.context["page"].rows) == PAGE_SIZE


@pytest.mark.django_db
class TestMembersWhoKeepTheirProfileClose:
    """A member whose profile is for their organization only, or hidden, is found in a tribe
    only by those who may see their profile: for anyone else they are not on the page at all,
    not even by name, and not in the counts."""

    @pytest.fixture
    def initech(self):
        return OrganizationFactory(name="Initech", email_domain="initech.example")

    @pytest.fixture
    def insider_only(self, initech):
        return MembershipFactory(profile=_named(
            "Bruno", organization=initech, visibility=Visibility.ORGANIZATION,
            user__email="bruno@initech.example", job_title="Quantitative analyst",
        )).profile  # fmt: skip

    def test_an_outsider_finds_neither_their_row_nor_their_name(self, client, mentee, insider_only):
        MembershipFactory(profile=_named("Amara"))
        MembershipFactory(profile=_named("Celia", visibility=Visibility.HIDDEN))
        client.force_login(mentee.user)
        response = client.get(_page_of())
        body = response.content.decode()
        assert "Amara Tester" in body
        for hidden in ("Bruno", "Celia", "Quantitative analyst", "Initech"):
            assert hidden not in body
        assert insider_only.get_absolute_url() not in body
        page = response.context["page"]
        assert [row.name for row in page.rows] == ["Amara Tester"]
        assert page.members.paginator.count == 1
        assert "1 member," in body
        browse = client.get(BROWSE).context["page"]
        assert next(t for t in browse.interest if t.slug == "data-analytics").members == 1

    def test_someone_at_the_organization_by_name_alone_is_an_outsider(
        self, client, initech, insider_only
    ):
        claims = ProfileFactory(organization=initech, user__email="claims@elsewhere.example")
        client.force_login(claims.user)
        assert "Bruno" not in client.get(_page_of()).content.decode()

    def test_an_insider_verified_at_their_organization_finds_them(
        self, client, initech, insider_only
    ):
        colleague = ProfileFactory(organization=initech, user__email="ann@initech.example")
        client.force_login(colleague.user)
        response = client.get(_page_of())
        body = response.content.decode()
        assert f'<a href="{insider_only.get_absolute_url()}">Bruno Tester</a>' in body
        assert "Quantitative analyst" in body
        assert "Your organization" in body
        assert response.context["page"].members.paginator.count == 1

    def test_the_member_sees_themselves_and_who_finds_them(self, client, insider_only):
        client.force_login(insider_only.user)
        body = client.get(_page_of()).content.decode()
        assert "Bruno Tester</a> (you)" in body
        assert "only they find you here" in body
        hidden = MembershipFactory(profile=_named("Celia", visibility=Visibility.HIDDEN)).profile
        client.force_login(hidden.user)
        body = client.get(_page_of()).content.decode()
        assert "Celia Tester</a> (you)" in body
        assert "nobody else finds you here" in body
        assert "Bruno" not in body

    def test_pages_count_only_the_members_shown(self, client, mentee):
        for number in range(PAGE_SIZE + 10):
            visibility = Visibility.HIDDEN if number % 2 else Visibility.MEMBERS
            MembershipFactory(profile=ProfileFactory(visibility=visibility))
        client.force_login(mentee.user)
        page = client.get(_page_of()).context["page"]
        assert page.members.paginator.count == PAGE_SIZE // 2 + 5
        assert len(page.rows) == PAGE_SIZE // 2 + 5
        assert not page.members.has_other_pages()


@pytest.mark.django_db
class TestJoiningFromThePage:
    def test_joining_then_leaving(self, client, mentee):
        tribe()
        client.force_login(mentee.user)
        joined = client.post(reverse("growth:growth_tribes:join", args=["data-analytics"]),
                             follow=True)  # fmt: skip
        body = joined.content.decode()
        assert "re in Data &amp; analytics. People browsing it who can see your profile" in body
        assert "(you)" in body
        assert TribeMembership.objects.filter(profile=mentee).count() == 1
        left = client.post(reverse("growth:growth_tribes:leave", args=["data-analytics"]),
                           follow=True)  # fmt: skip
        assert "You no longer appear on its page" in left.content.decode()
        assert not TribeMembership.objects.exists()

    @pytest.mark.parametrize("action", ["join", "leave"])
    def test_they_are_posts_only(self, client, mentee, action):
        tribe()
        client.force_login(mentee.user)
        url = reverse(f"growth:growth_tribes:{action}", args=["data-analytics"])
        assert client.get(url).status_code == 405

    def test_past_the_cap_the_page_says_why_and_nothing_changes(self, client, mentee):
        tribe()
        slugs = list(Tribe.objects.values_list("slug", flat=True)[: MAX_TRIBES + 1])
        for slug in slugs[:MAX_TRIBES]:
            MembershipFactory(profile=mentee, slug=slug)
        client.force_login(mentee.user)
        response = client.post(reverse("growth:growth_tribes:join", args=[slugs[MAX_TRIBES]]))
        assert response.status_code == 409
        assert f"up to {MAX_TRIBES} tribes" in response.content.decode()
        assert TribeMembership.objects.filter(profile=mentee).count() == MAX_TRIBES

    def test_joining_an_unknown_tribe_is_a_404(self, client, mentee):
        tribe()
        client.force_login(mentee.user)
        response = client.post(reverse("growth:growth_tribes:join", args=["nowhere"]))
        assert response.status_code == 404
        assert not TribeMembership.objects.exists()
