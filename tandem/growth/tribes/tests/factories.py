"""Factories for tribes: the tribes as the taxonomy makes them, and joining through the service."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import factory

from tandem.core.tests.clock import NOW
from tandem.growth.tribes.models import Tribe, TribeMembership
from tandem.growth.tribes.services import tribe_join, tribes_sync
from tandem.profiles.tests.factories import ProfileFactory


def tribe(slug: str = "data-analytics") -> Tribe:
    """A tribe made from the taxonomy (synced first: a test may start without the rows the
    data migration made)."""
    tribes_sync()
    return Tribe.objects.get(slug=slug)


class MembershipFactory(factory.django.DjangoModelFactory[TribeMembership]):
    """`profile` (an onboarded mentee by default) joined the tribe `slug` at `now`."""

    class Meta:
        model = TribeMembership

    profile = factory.SubFactory(ProfileFactory)
    slug = "data-analytics"
    now: datetime = NOW

    @classmethod
    def _create(cls, model_class: type[TribeMembership], *args: Any, **kwargs: Any) -> Any:
        tribe(kwargs["slug"])
        return tribe_join(profile=kwargs["profile"], slug=kwargs["slug"], now=kwargs["now"])
