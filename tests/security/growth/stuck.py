"""Am I stuck?: the questionnaire and the history are each person's own (anyone signed in
has one); a check, its result and asking a mentor from it are the mentee's alone."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.growth.stuck.models import StuckCheck
from tandem.growth.stuck.services import stuck_check_take
from tandem.growth.stuck.tests.factories import standing_out
from tests.security.routes import Route
from tests.security.world import MENTEE, SIGNED_IN, World


def _mentee_check(world: World) -> dict[str, Any]:
    """The mentee's check (falling behind on tools stands out, so the result offers to ask
    the mentor, whose meeting is ahead in the world)."""
    owner = world.users[MENTEE]
    check = StuckCheck.objects.filter(owner=owner).first()
    if check is None:
        check = stuck_check_take(
            owner=owner, answers=standing_out("falling_behind"), now=timezone.now()
        )
    return {"check_id": check.pk}


OWN = frozenset({MENTEE})

ROUTES: dict[str, Route] = {
    "growth:growth_stuck:check": Route(SIGNED_IN),
    "growth:growth_stuck:history": Route(SIGNED_IN),
    "growth:growth_stuck:result": Route(OWN, _mentee_check),
    "growth:growth_stuck:ask": Route(OWN, _mentee_check, post_only=True),
    "growth:growth_stuck:goal": Route(OWN, _mentee_check, post_only=True),
    "growth:growth_stuck:delete": Route(OWN, _mentee_check, post_only=True),
}
