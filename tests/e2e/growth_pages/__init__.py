"""The career-growth tools' rows of PAGES and NOT_PAGES, one module per tool.

Each module holds `PAGES: dict[str, Page]` (a page opened with GET: who opens it, and a fill
that makes or finds that person's object) and `NOT_PAGES: dict[str, str]` (a POST-only
action, a download, a fragment: why it is not a page). site_pages.py and not_pages.py merge
them, so the phone and accessibility walk sees every growth page.
"""

from __future__ import annotations

from tests.e2e.growth_pages import careers, education, hub, journal, promotion, stuck, tribes

MODULES = (hub, careers, promotion, education, stuck, journal, tribes)
PAGES = {key: page for module in MODULES for key, page in module.PAGES.items()}
NOT_PAGES = {key: why for module in MODULES for key, why in module.NOT_PAGES.items()}
