"""The health check a load balancer asks every few seconds: GET /health/.

It answers whether this web process can do its work: the database answers a trivial query and
the cache (Redis when several processes share it: login throttles, kept uploads) takes a write
and gives it back. 200 with `{"status": "ok", "database": "ok", "cache": "ok"}` when both do,
503 naming the one that failed otherwise, so the balancer stops sending people to a process
that could only show them an error page.

It costs one query and two cache calls, signs in no one and sets no cookie: a balancer asks
anonymously, and an anonymous request never loads a session. Nothing about anyone is in the
answer; it is marked `no-store` so no cache between the balancer and the process answers for
it. Served over plain HTTP too (`SECURE_REDIRECT_EXEMPT`): a balancer usually checks the
process directly, behind the proxy that terminates HTTPS.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK = "ok"
UNREACHABLE = "unreachable"
_CACHE_KEY = "tandem:health"


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:  # a refused connection too: Django wraps it as one
        logger.warning("Health check: the database did not answer: %s", error)
        return UNREACHABLE
    return OK


def _cache() -> str:
    try:
        cache.set(_CACHE_KEY, 1, timeout=60)
        answered = cache.get(_CACHE_KEY) == 1
    except Exception as error:  # each cache backend raises its own (redis: ConnectionError)
        logger.warning("Health check: the cache did not answer: %s", error)
        return UNREACHABLE
    return OK if answered else UNREACHABLE


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 when the database and the cache answer, 503 (naming the one that did not) when
    either is down."""
    checks = {"database": _database(), "cache": _cache()}
    healthy = all(value == OK for value in checks.values())
    response = JsonResponse(
        {"status": OK if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
    response["Cache-Control"] = "no-store"
    return response
