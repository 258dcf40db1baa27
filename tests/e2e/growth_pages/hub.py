from __future__ import annotations

from tests.e2e.site_pages import ONBOARDED, Page

PAGES: dict[str, Page] = {
    "growth:hub": Page(ONBOARDED),
}
NOT_PAGES: dict[str, str] = {}
