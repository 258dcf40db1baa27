"""The career-growth tools' rows of the route table, one module per tool (so each tool's
routes sit beside each other and the tools can grow without touching one shared list).

Each module holds `ROUTES: dict[str, Route]`; routes.py merges them. Growth objects are
private to their owner: their rows are usually `Route(frozenset({MENTEE}), ...)` with an
`args` function that makes the mentee's object through the tool's service, with SECRET in its
text, so the matrix and the fuzz walk check no one else sees it.
"""

from __future__ import annotations

from tests.security.growth import careers, education, hub, journal, promotion, stuck, tribes

MODULES = (hub, careers, promotion, education, stuck, journal, tribes)
ROUTES = {key: route for module in MODULES for key, route in module.ROUTES.items()}
