from __future__ import annotations

from tests.security.routes import Route
from tests.security.world import SIGNED_IN

ROUTES: dict[str, Route] = {
    "growth:hub": Route(SIGNED_IN),
}
