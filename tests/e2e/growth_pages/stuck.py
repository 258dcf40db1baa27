from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone

from tandem.growth.stuck.models import StuckCheck
from tandem.growth.stuck.services import stuck_check_take
from tandem.growth.stuck.tests.factories import answers, standing_out
from tests.e2e.site_pages import ONBOARDED, Args, Page, Viewer


def _checks(viewer: Viewer) -> list[StuckCheck]:
    """The viewer's two checks, made once: a week ago (nothing stood out) and now (two
    causes stand out, so the result shows suggestions and where to ask)."""
    mine = list(StuckCheck.objects.filter(owner=viewer.user).order_by("taken_at", "id"))
    if not mine:
        now = timezone.now()
        mine = [
            stuck_check_take(owner=viewer.user, answers=answers(), now=now - timedelta(days=7)),
            stuck_check_take(
                owner=viewer.user, answers=standing_out("falling_behind", "rigid"), now=now
            ),
        ]
    return mine


def _results(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    first, latest = _checks(viewer)[:2]
    yield "nothing stands out", {"check_id": first.pk}
    yield "two causes stand out", {"check_id": latest.pk}


def _history(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    _checks(viewer)
    yield "two checks", {}


PAGES: dict[str, Page] = {
    "growth:growth_stuck:check": Page(ONBOARDED),
    "growth:growth_stuck:result": Page(ONBOARDED, _results),
    "growth:growth_stuck:history": Page(ONBOARDED, _history),
}
NOT_PAGES: dict[str, str] = {
    "growth:growth_stuck:ask": "POST only: puts a suggestion's question on a meeting's agenda",
    "growth:growth_stuck:goal": "POST only: makes a suggestion a goal in the career plan",
    "growth:growth_stuck:delete": "POST only: deletes a check, then shows the history",
}
