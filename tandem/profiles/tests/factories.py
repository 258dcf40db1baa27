"""Factories for profiles: onboarded mentees and mentors."""

import factory
from django.utils import timezone as dj_timezone

from tandem.accounts.tests.factories import UserFactory
from tandem.organizations.models import Organization
from tandem.profiles.models import Language, Profile, SkillOffered
from tandem.skills.models import Skill


class OrganizationFactory(factory.django.DjangoModelFactory[Organization]):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    industry = "technology"


class ProfileFactory(factory.django.DjangoModelFactory[Profile]):
    """An onboarded mentee profile."""

    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    is_mentee = True
    is_mentor = False
    headline = factory.Faker("sentence", nb_words=6)
    job_title = factory.Faker("job")
    organization = factory.SubFactory(OrganizationFactory)
    industry = "technology"
    function = "engineering"
    level = 3
    timezone = "Europe/London"
    onboarded_at = factory.LazyFunction(dj_timezone.now)


class MentorProfileFactory(ProfileFactory):
    """An onboarded mentor with room for mentees."""

    is_mentee = False
    is_mentor = True
    level = 6
    capacity = 3
    hours_per_month = 4
    bio = factory.Faker("paragraph")


def offer(profile: Profile, skill_slug: str, proficiency: int = 4) -> SkillOffered:
    """Make `profile` offer the skill with this slug."""
    return SkillOffered.objects.create(
        profile=profile, skill=Skill.objects.get(slug=skill_slug), proficiency=proficiency
    )


def speak(profile: Profile, *codes: str) -> None:
    """Give `profile` these languages."""
    profile.languages.add(*Language.objects.filter(code__in=codes))
