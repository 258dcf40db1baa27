"""Writes for tribes: keeping them in step with the taxonomy, joining and leaving.

Joining shows the person to everyone signed in who browses the tribe, so only someone with a
finished profile joins, and nobody joins more than MAX_TRIBES (under a lock on their profile,
so two joins at once cannot both take the last place). Joining twice, or leaving a tribe one
is not in, changes nothing and is no error (a double click, a second tab).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from tandem.core.errors import NotFound, RuleBroken
from tandem.growth.tribes.catalogue import Derived, tribes_derive
from tandem.growth.tribes.models import Tribe, TribeMembership
from tandem.profiles.models import Profile
from tandem.skills.models import SkillCategory

MAX_TRIBES = 10  # enough for every side of a career; beyond it, membership says little


def tribes_sync() -> Derived:
    """Make or rename the tribes from the taxonomy's categories and the job functions."""
    with transaction.atomic():
        return tribes_derive(tribe_model=Tribe, category_model=SkillCategory)


def _tribe(slug: str) -> Tribe:
    tribe = Tribe.objects.filter(slug=slug).first()
    if tribe is None:
        raise NotFound("No such tribe.")
    return tribe


@transaction.atomic
def tribe_join(*, profile: Profile, slug: str, now: datetime) -> TribeMembership:
    """Join the tribe (or stay in it)."""
    tribe = _tribe(slug)
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if not profile.is_onboarded:
        raise RuleBroken("Finish setting up your profile first, so people know who you are.")
    existing = TribeMembership.objects.filter(tribe=tribe, profile=profile).first()
    if existing is not None:
        return existing
    if TribeMembership.objects.filter(profile=profile).count() >= MAX_TRIBES:
        raise RuleBroken(
            f"You can be in up to {MAX_TRIBES} tribes. Leave one you no longer need to join this."
        )
    return TribeMembership.objects.create(tribe=tribe, profile=profile, joined_at=now)


@transaction.atomic
def tribe_leave(*, profile: Profile, slug: str) -> bool:
    """Leave the tribe; whether the person was in it."""
    deleted, _ = TribeMembership.objects.filter(tribe=_tribe(slug), profile=profile).delete()
    return deleted > 0


def tribes_leave_all(*, profile: Profile) -> int:
    """Leave every tribe (for account deletion); how many."""
    deleted, _ = TribeMembership.objects.filter(profile=profile).delete()
    return deleted
