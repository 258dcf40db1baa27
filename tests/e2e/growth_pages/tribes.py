"""The tribes' pages for the phone walk: the list to browse, and a tribe the viewer is in
(joined here, if they have a finished profile) with its members listed."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from tandem.growth.tribes.services import tribe_join, tribes_sync
from tests.e2e.site_pages import ONBOARDED, Args, Page, Viewer

SLUG = "software-engineering"


def _a_tribe_they_are_in(viewer: Viewer) -> Iterable[tuple[str, Args]]:
    tribes_sync()
    if viewer.profile is not None and viewer.profile.is_onboarded:
        tribe_join(profile=viewer.profile, slug=SLUG, now=timezone.now())
    yield "", {"slug": SLUG}


PAGES: dict[str, Page] = {
    "growth:growth_tribes:browse": Page(ONBOARDED),
    "growth:growth_tribes:tribe": Page(ONBOARDED, _a_tribe_they_are_in),
}
NOT_PAGES: dict[str, str] = {
    "growth:growth_tribes:join": "POST-only: joins the tribe, then shows its page",
    "growth:growth_tribes:leave": "POST-only: leaves the tribe, then shows its page",
}
