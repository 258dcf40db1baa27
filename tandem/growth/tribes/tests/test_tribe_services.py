"""Tribes from the taxonomy, and joining and leaving them: the cap, who may join, and that
neither a double click nor a second tab makes a mess."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from tandem.core.errors import NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.growth.tribes import services
from tandem.growth.tribes.catalogue import profession_slug
from tandem.growth.tribes.models import Tribe, TribeKind, TribeMembership
from tandem.growth.tribes.selectors import export_for
from tandem.growth.tribes.services import tribe_join, tribe_leave, tribes_leave_all, tribes_sync
from tandem.growth.tribes.tests.factories import MembershipFactory, tribe
from tandem.organizations.choices import JobFunction
from tandem.profiles.tests.factories import ProfileFactory
from tandem.skills.models import SkillCategory


@pytest.mark.django_db
class TestTribesFromTheTaxonomy:
    def test_every_category_is_a_tribe_by_interest(self):
        tribes_sync()
        for category in SkillCategory.objects.all():
            made = Tribe.objects.get(category=category)
            assert (made.slug, made.name, made.kind) == (
                category.slug, category.name, TribeKind.INTEREST,
            )  # fmt: skip

    def test_job_functions_no_category_names_are_tribes_by_profession(self):
        tribes_sync()
        names = {name.casefold() for name in SkillCategory.objects.values_list("name", flat=True)}
        expected = {value for value, label in JobFunction.choices if label.casefold() not in names}
        made = set(
            Tribe.objects.filter(kind=TribeKind.PROFESSION).values_list("function", flat=True)
        )
        assert made == expected
        assert "engineering" in made  # "Engineering", beside the "Software engineering" category
        assert "data" not in made  # "Data & analytics" is a category's tribe already
        assert Tribe.objects.get(function="engineering").slug == profession_slug("engineering")

    def test_syncing_again_makes_nothing_and_follows_a_renamed_category(self):
        tribes_sync()
        member = MembershipFactory(slug="career-skills")
        SkillCategory.objects.filter(slug="career-skills").update(name="Career skills & habits")
        done = tribes_sync()
        assert done.created == 0
        assert tribe("career-skills").name == "Career skills & habits"
        assert TribeMembership.objects.get() == member

    def test_a_tribe_has_exactly_the_source_its_kind_says(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Tribe.objects.create(slug="nowhere", name="Nowhere", kind=TribeKind.INTEREST)
        with pytest.raises(IntegrityError), transaction.atomic():
            Tribe.objects.create(
                slug="both", name="Both", kind=TribeKind.PROFESSION, function="sales",
                category=SkillCategory.objects.first(),
            )  # fmt: skip


@pytest.mark.django_db
class TestJoiningAndLeaving:
    def test_joining_records_when(self, mentee):
        membership = tribe_join(profile=mentee, slug=tribe().slug, now=NOW)
        assert (membership.profile, membership.tribe.slug, membership.joined_at) == (
            mentee, "data-analytics", NOW,
        )  # fmt: skip

    def test_joining_twice_keeps_one_membership_and_the_first_date(self, mentee):
        first = tribe_join(profile=mentee, slug=tribe().slug, now=NOW)
        again = tribe_join(profile=mentee, slug="data-analytics", now=NOW + timedelta(days=1))
        assert again == first
        assert TribeMembership.objects.count() == 1

    def test_one_joins_up_to_the_cap(self, mentee, monkeypatch):
        monkeypatch.setattr(services, "MAX_TRIBES", 2)
        tribe()
        for slug in ("data-analytics", "marketing"):
            tribe_join(profile=mentee, slug=slug, now=NOW)
        with pytest.raises(RuleBroken, match="up to 2 tribes"):
            tribe_join(profile=mentee, slug="people-hr", now=NOW)
        assert TribeMembership.objects.filter(profile=mentee).count() == 2
        tribe_join(profile=mentee, slug="marketing", now=NOW)  # one already in: no error

    def test_someone_who_has_not_finished_their_profile_cannot_join(self):
        newcomer = ProfileFactory(onboarded_at=None)
        with pytest.raises(RuleBroken, match="profile"):
            tribe_join(profile=newcomer, slug=tribe().slug, now=NOW)
        assert not TribeMembership.objects.exists()

    @pytest.mark.parametrize("slug", ["no-such-tribe", "", "x" * 500])
    def test_an_unknown_tribe_is_not_found(self, mentee, slug):
        tribe()
        with pytest.raises(NotFound):
            tribe_join(profile=mentee, slug=slug, now=NOW)
        with pytest.raises(NotFound):
            tribe_leave(profile=mentee, slug=slug)

    def test_leaving_says_whether_one_was_in_it_and_touches_no_one_else(self, mentee):
        other = MembershipFactory()
        MembershipFactory(profile=mentee)
        assert tribe_leave(profile=mentee, slug="data-analytics") is True
        assert tribe_leave(profile=mentee, slug="data-analytics") is False
        assert list(TribeMembership.objects.all()) == [other]

    def test_leaving_every_tribe_at_once(self, mentee):
        MembershipFactory(profile=mentee)
        MembershipFactory(profile=mentee, slug="marketing")
        other = MembershipFactory()
        assert tribes_leave_all(profile=mentee) == 2
        assert list(TribeMembership.objects.all()) == [other]


@pytest.mark.django_db
class TestTheDataDownload:
    def test_it_lists_my_tribes_and_no_one_elses(self, mentee):
        MembershipFactory(profile=mentee)
        MembershipFactory(slug="marketing")
        assert export_for(mentee.user) == {
            "tribes": [{"tribe": "Data & analytics", "kind": "interest", "joined_at": NOW}]
        }
