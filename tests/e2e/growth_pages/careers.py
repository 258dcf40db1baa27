from __future__ import annotations

from tests.e2e.site_pages import Page

PAGES: dict[str, Page] = {}
NOT_PAGES: dict[str, str] = {}
