"""The fuzz walk: every route, used by someone it is for, with what no form sends.

Ids far beyond any row (2**63, 10**30), NUL and bytes that are not UTF-8 in the query string
and in every field of a POST, far-future, zero and malformed dates and times, and a body that
is not UTF-8. Whatever the answer (a field message, a 404, a 400), it is never a 5xx.
"""

from __future__ import annotations

import re
import traceback
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest

from tests.security.checks import client_for, send
from tests.security.routes import Pattern, arguments_for, path_of, route_for, site_patterns
from tests.security.world import (
    ANONYMOUS,
    MANAGER,
    MENTEE,
    MENTOR,
    OTHER_MANAGER,
    STAFF,
    STRANGER,
    World,
)

pytestmark = pytest.mark.django_db

PATTERNS = site_patterns()
OWNERS = (MENTEE, MENTOR, MANAGER, STAFF, STRANGER, OTHER_MANAGER, ANONYMOUS)
HUGE_IDS = (2**63, 10**30)
BAD_VALUES = (
    "a\x00b", "\xff\xfe", "9999-12-31T23:59", "0000-00-00", "abc", "99999999999999999999", "-1",
)  # fmt: skip
# Names the site's pages and filters commonly read, on top of those of the page's own forms.
COMMON_NAMES = (
    "q", "page", "start", "end", "from", "to", "date", "day", "month", "sort", "state", "status",
    "next", "role", "kind", "text", "note", "name", "email", "starts_at", "due_on", "slot",
    "score", "rating", "cadence", "meeting_minutes", "term_months", "skill", "proficiency",
    "timezone", "reason", "owner", "cohort", "industry", "level", "language", "minutes",
)  # fmt: skip


class _Fields(HTMLParser):
    """The names of a page's form fields."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = dict(attrs).get("name")
        if tag in ("input", "select", "textarea") and name and name != "csrfmiddlewaretoken":
            self.names.add(name)


def _owner(pattern: Pattern) -> str:
    route = route_for(pattern)
    assert route is not None, f"{pattern.key} is not in tests/security/routes.py"
    return next(role for role in OWNERS if role in route.who)


def _with_huge_ids(pattern: Pattern, world: World, huge: int) -> str | None:
    """The path with every numeric argument replaced by `huge` (None if it has none)."""
    kwargs = arguments_for(pattern, world)
    numeric = {k: huge for k, v in kwargs.items() if str(v).isdigit() and k != "uidb36"}
    if not numeric:
        return None
    values = {**kwargs, **numeric}
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), pattern.route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), route)
    return "/" + re.sub(r"[\^$\\]", "", route)


def _server_error(response: Any, what: str) -> str | None:
    if response.status_code < 500:
        return None
    exc_info = getattr(response, "exc_info", None)
    cause = ""
    if exc_info:
        frame = traceback.extract_tb(exc_info[2])[-1]
        cause = f" {exc_info[0].__name__}: {exc_info[1]} at {frame.filename}:{frame.lineno}"
    return f"{what} → {response.status_code}{cause}"


def _field_names(client: Any, path: str) -> list[str]:
    parser = _Fields()
    response = send(client, "GET", path)
    if response.status_code == 200 and not response.streaming:
        parser.feed(response.content.decode(errors="replace"))
    return sorted(parser.names | set(COMMON_NAMES))


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.key for p in PATTERNS])
def test_no_input_makes_a_server_error(pattern, world):
    role = _owner(pattern)
    client = client_for(world, role)
    path = path_of(pattern, world)
    names = _field_names(client, path)
    errors = []
    for huge in HUGE_IDS:
        huge_path = _with_huge_ids(pattern, world, huge)
        if huge_path:
            errors.append(_server_error(send(client, "GET", huge_path), f"GET {huge_path}"))
            errors.append(_server_error(send(client, "POST", huge_path), f"POST {huge_path}"))
    for value in BAD_VALUES:
        encoded = quote(value.encode("latin-1"))
        query = "&".join(f"{name}={encoded}" for name in names)
        errors.append(_server_error(send(client, "GET", f"{path}?{query}"), f"GET ?…={value!r}"))
        form = dict.fromkeys(names, value)
        errors.append(_server_error(send(client, "POST", path, form), f"POST …={value!r}"))
    raw = b"&".join(name.encode() + b"=%ff%fe\xff\xfe" for name in names)
    response = send(client, "POST", path, raw, content_type="application/x-www-form-urlencoded")
    errors.append(_server_error(response, "POST a body that is not UTF-8"))
    found = [error for error in errors if error]
    assert not found, f"{pattern.key} as {role}\n" + "\n".join(found)
