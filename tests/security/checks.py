"""What the walks check after each request: that nothing in the database changed, that a
refusal is a refusal, and that no page shows a private text to someone it is not for."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlsplit

from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client

from tandem.core import ratelimit
from tests.security.world import MENTEE, MENTOR, SECRET, World

NOT_WATCHED = {"django_session"}  # signing in writes a session: the client, not the request
REFUSED = {400, 403, 404, 405, 409}


def snapshot() -> dict[str, str]:
    """Every table's rows, as a digest per table (and the emails sent): one plain query a
    table, as the walk takes one before and after each route's refused POSTs."""
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    digests = {"mail": str(len(mail.outbox))}
    with connection.cursor() as cursor:
        for table in sorted(tables - NOT_WATCHED):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
            digests[table] = hashlib.blake2b(repr(cursor.fetchall()).encode()).hexdigest()
    return digests


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))


def client_for(world: World, role: str) -> Client:
    client = Client(raise_request_exception=False)
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def send(client: Client, method: str, path: str, data: Any = None, **extra: Any) -> Any:
    cache.clear()  # a rate limit must not answer in place of the check: neither Django's
    ratelimit.reset()  # cache (allauth's throttles) nor Tandem's own counters
    if method == "GET":
        return client.get(path, data, **extra)
    return client.post(path, data if data is not None else {}, **extra)


def sent_to_sign_in(response: HttpResponse) -> bool:
    location = urlsplit(response.get("Location", "")).path
    return response.status_code == 302 and location in ("/accounts/login/", "/admin/login/")


def leaked(response: HttpResponse, role: str) -> bool:
    """A private text of the pair on a page for someone else (a private note even to the
    other side of the pair: only its author, the mentor, ever sees it)."""
    if response.status_code != 200:
        return False
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode(errors="replace")
    if role == MENTEE:
        return f"{SECRET} mine" in body
    return role != MENTOR and SECRET in body
