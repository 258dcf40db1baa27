"""The tribes' rows: everyone signed in browses the tribes and opens one (its members are what
they chose to show, to signed-in people only), and joins or leaves for themselves. The tribe
here has the mentee in it, so the walks see a member listed."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.growth.tribes.services import tribe_join, tribes_sync
from tandem.profiles.models import Profile
from tests.security.routes import Route
from tests.security.world import MENTEE, SIGNED_IN, World

SLUG = "data-analytics"


def _tribe_with_the_mentee(world: World) -> dict[str, Any]:
    tribes_sync()  # the data migration's rows, whatever an earlier test left
    profile = Profile.objects.get(user=world.users[MENTEE])
    tribe_join(profile=profile, slug=SLUG, now=timezone.now())
    return {"slug": SLUG}


ROUTES: dict[str, Route] = {
    "growth:growth_tribes:browse": Route(SIGNED_IN),
    "growth:growth_tribes:tribe": Route(SIGNED_IN, _tribe_with_the_mentee),
    "growth:growth_tribes:join": Route(SIGNED_IN, _tribe_with_the_mentee, post_only=True),
    "growth:growth_tribes:leave": Route(SIGNED_IN, _tribe_with_the_mentee, post_only=True),
}
