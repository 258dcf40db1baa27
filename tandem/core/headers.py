"""Response headers the framework does not set for us.

Every page Tandem renders is about someone (a profile, a mentorship, a calendar secret), so a
shared cache or the browser's disk must never keep one: a page answers `Cache-Control: private,
no-store` unless its view chose otherwise (the calendar feed lets calendar apps keep it for five
minutes). Static files never reach this middleware: WhiteNoise answers them first, with their own
long-lived caching.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PrivatePagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
