"""A small fixed-window rate limit for write endpoints, kept in the cache.

allauth throttles logins itself; this covers Tandem's own forms so one person (or a script
with their session) cannot flood the database.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

View = TypeVar("View", bound=Callable[..., HttpResponse])

_PERIODS = {"s": 1, "m": 60, "h": 3600}


def parse_rate(rate: str) -> tuple[int, int]:
    """'30/m' → (30, 60): how many requests per how many seconds."""
    count, _, period = rate.partition("/")
    return int(count), _PERIODS[period]


def consume(*, key: str, rate: str, now: float | None = None) -> bool:
    """Count one request against `key`; False once the window's allowance is used up."""
    limit, seconds = parse_rate(rate)
    window = int((now if now is not None else time.time()) // seconds)
    cache_key = f"ratelimit:{key}:{window}"
    cache.add(cache_key, 0, timeout=seconds + 1)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=seconds + 1)
        used = 1
    return used <= limit


def rate_limited(
    action: str, rate: str, *, methods: tuple[str, ...] = ("POST",)
) -> Callable[[View], View]:
    """Limit requests to a view per signed-in user (per IP when anonymous); 429 past the
    limit. POSTs only, unless `methods` says so (a GET that costs as much as a write)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                who = (
                    f"user:{request.user.pk}"
                    if request.user.is_authenticated
                    else f"ip:{request.META.get('REMOTE_ADDR', '')}"
                )
                if not consume(key=f"{action}:{who}", rate=rate):
                    return render(request, "429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator
