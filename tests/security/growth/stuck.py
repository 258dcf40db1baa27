from __future__ import annotations

from tests.security.routes import Route

ROUTES: dict[str, Route] = {}
