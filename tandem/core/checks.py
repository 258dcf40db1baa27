"""Deploy checks of Tandem's own (`manage.py check --deploy`)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning

# Cache backends whose entries live inside one process.
_PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def web_processes() -> int:
    """How many web processes will serve the site: gunicorn reads WEB_CONCURRENCY for its
    worker count (gunicorn.conf.py and the README rely on it); one when unset."""
    try:
        return max(int(os.environ.get("WEB_CONCURRENCY") or 1), 1)
    except ValueError:
        return 1


@register(Tags.caches, Tags.security, deploy=True)
def counters_are_shared(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Several processes that each count alone let each client through once per process, and
    lock someone out in one process but not the next: warn before that goes live."""
    processes = web_processes()
    if processes <= 1:
        return []
    alone = []
    if settings.CACHES["default"]["BACKEND"] in _PER_PROCESS_CACHES:
        alone.append("the cache (allauth's login throttles)")
    if settings.TANDEM_RATE_LIMIT_STORAGE.startswith("memory://"):
        alone.append("Tandem's rate limits")
    if not alone:
        return []
    return [
        CheckWarning(
            f"{processes} web processes (WEB_CONCURRENCY) would each keep their own "
            f"counters for {' and '.join(alone)}, so every limit lets {processes} times as "
            "much through.",
            hint="Set REDIS_URL so every process shares one count, or run one process.",
            id="tandem.W001",
        )
    ]
