"""Rate limits for Tandem's own write endpoints, counted by the `limits` library.

allauth throttles logins itself; this covers Tandem's forms so one person (or a script with
their session) cannot flood the database. The library is used here and nowhere else.

The strategy is a moving window: at most N requests in *any* span of the period, so nobody
gets twice the allowance by straddling a window edge. Counters live in Redis when
`REDIS_URL` is set (shared by every process) and in this process's memory otherwise
(`TANDEM_RATE_LIMIT_STORAGE`; the deploy check warns when several processes would each count
alone).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, wraps
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from tandem.core.proxies import client_address

View = TypeVar("View", bound=Callable[..., HttpResponse])

# Tandem writes rates short ("30/m"); the library spells the period out.
_PERIODS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def parse_rate(rate: str) -> RateLimitItem:
    """'30/m' → 30 per minute (the library's own spellings, '30/minute', work too)."""
    count, _, period = rate.partition("/")
    return parse(f"{count}/{_PERIODS.get(period, period)}")


@cache
def _limiter() -> MovingWindowRateLimiter:
    """Built on first use, so importing this module never opens a connection."""
    return MovingWindowRateLimiter(storage_from_string(settings.TANDEM_RATE_LIMIT_STORAGE))


def reset() -> None:
    """Forget every counter (tests start each with none)."""
    _limiter().storage.reset()


def allowed(*, key: str, rate: str) -> bool:
    """Whether one more request under `key` would be within the allowance; counts nothing."""
    return _limiter().test(parse_rate(rate), key)


def consume(*, key: str, rate: str) -> bool:
    """Count one request against `key`; False (and nothing counted) once the allowance is
    used up."""
    return _limiter().hit(parse_rate(rate), key)


def requester_key(request: HttpRequest) -> str:
    """Whom a limit counts: the signed-in person, or the client's address when anonymous
    (the real client's behind a trusted proxy, see `tandem.core.proxies`)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_address(request)}"


def rate_limited(
    action: str, rate: str, *, methods: tuple[str, ...] = ("POST",), only_successes: bool = False
) -> Callable[[View], View]:
    """Limit requests to a view per signed-in person (per address when anonymous); 429 past the
    limit. POSTs only, unless `methods` says so (a GET that costs as much as a write).

    With `only_successes`, the allowance is what the view *did*: a request the form or the
    service refused (a 4xx answer, or a DomainError on its way to the middleware) uses none of
    it. Checked before, counted after, so two requests at the very same moment could both
    slip under the last place; pair it with a plain limit on the same view against floods.
    """
    item = parse_rate(rate)  # a typo in a rate fails at import, not on the first request

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                return view(request, *args, **kwargs)
            key = f"{action}:{requester_key(request)}"
            limiter = _limiter()
            if only_successes:
                if not limiter.test(item, key):
                    return render(request, "429.html", status=429)
                response = view(request, *args, **kwargs)
                if response.status_code < 400:
                    limiter.hit(item, key)
                return response
            if not limiter.hit(item, key):
                return render(request, "429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator
