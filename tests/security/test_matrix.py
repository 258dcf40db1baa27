"""The authorization matrix (TARGETS.md R1): every URL pattern of the site, opened and posted
to by an anonymous visitor, someone signed in with no part in it, the mentee, the mentor, a
manager of another organization's program, the program's own manager and staff.

Those a route is for (routes.py) get through; anyone else is refused with a 404 (or 403,
405, 409) and changes nothing in the database; an anonymous visitor is sent to sign in. No
page shows the pair's private texts to anyone else. Nothing answers with a 5xx.
"""

from __future__ import annotations

import pytest

from tests.security.checks import (
    REFUSED,
    changed,
    client_for,
    leaked,
    send,
    sent_to_sign_in,
    snapshot,
)
from tests.security.routes import Pattern, path_of, route_for, site_patterns
from tests.security.world import ANONYMOUS, ROLES

pytestmark = pytest.mark.django_db

PATTERNS = site_patterns()
# Plausible form data: what the site's forms ask for, so a refusal is not a form error.
POST_DATA = {
    "text": "Taken over", "note": "Taken over", "name": "Taken over", "title": "Taken over",
    "email": "someone@example.com", "emails": "someone@example.com", "reason": "spam",
    "role": "mentee", "state": "done", "status": "done", "score": "7", "rating": "5",
    "met": "yes", "owner": "mentee", "kind": "mentoring", "enrollment": "open",
    "cadence": "1m", "meeting_minutes": "45", "term_months": "12", "goals": "A goal",
    "to_state": "paused", "skill": "python", "proficiency": "3", "is_private": "on",
    "starts_at": "2030-01-01T10:00", "slot": "1", "opted_in": "no", "matching": "none",
}  # fmt: skip


def test_every_url_pattern_is_classified():
    missing = [p.key for p in PATTERNS if route_for(p) is None]
    assert not missing, (
        f"Say who may use these URL patterns in tests/security/routes.py (ROUTES): {missing}"
    )


def _refused(pattern: Pattern, role: str, response) -> bool:
    """A refusal: 404 (or 400/403/405/409); an anonymous visitor is sent to sign in; Django's
    admin sends anyone who is not staff to its sign-in page."""
    if sent_to_sign_in(response):
        return role == ANONYMOUS or pattern.is_admin
    return response.status_code in REFUSED


def _get_problem(pattern: Pattern, role: str, response) -> str | None:
    route = route_for(pattern)
    assert route is not None
    status = response.status_code
    if route.post_only:
        ok = status == 405 or (role == ANONYMOUS and sent_to_sign_in(response))
    elif role in route.who:
        # Staff may also be refused in the admin (a read-only model has no "add" page).
        ok = status < (500 if pattern.is_admin else 400) and not sent_to_sign_in(response)
    else:
        ok = _refused(pattern, role, response)
    if not ok:
        return f"GET {status} {response.get('Location', '')}".strip()
    if not pattern.is_admin and leaked(response, role):
        return "GET shows a private text of the pair"
    return None


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.key for p in PATTERNS])
def test_each_role_gets_what_is_theirs_and_nothing_else(pattern, world):
    route = route_for(pattern)
    assert route is not None, f"{pattern.key} is not in tests/security/routes.py"
    path = path_of(pattern, world)
    clients = {role: client_for(world, role) for role in ROLES}
    wrong, posted = [], []
    before = snapshot()
    for role in ROLES:
        if role in route.who:
            continue  # theirs to make; the fuzz walk posts as them
        response = send(clients[role], "POST", path, POST_DATA)
        posted.append(f"{role} ({response.status_code})")
        if not _refused(pattern, role, response):
            wrong.append(f"{role}: POST {response.status_code} {response.get('Location', '')}")
    if changed(before, snapshot()):
        wrong.append(f"POSTs by {', '.join(posted)} changed {changed(before, snapshot())}")
    for role in ROLES:
        problem = _get_problem(pattern, role, send(clients[role], "GET", path))
        if problem:
            wrong.append(f"{role}: {problem}")
    assert not wrong, f"{pattern.key} {path}\n" + "\n".join(wrong)
