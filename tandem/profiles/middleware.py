"""Show every time in the signed-in person's own timezone (their profile's), UTC otherwise."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from tandem.profiles.models import Profile

# The profile's timezone, kept in the session so pages don't look it up on every request;
# the profile pages drop it whenever the person saves, so a change shows at once.
SESSION_KEY = "tandem_timezone"


def viewer_timezone_forget(request: HttpRequest) -> None:
    """Call after the person may have changed their timezone."""
    request.session.pop(SESSION_KEY, None)


class ViewerTimezoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = self._zone(request)
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    @staticmethod
    def _zone(request: HttpRequest) -> ZoneInfo | None:
        if not request.user.is_authenticated:
            return None
        name = request.session.get(SESSION_KEY)
        if name is None:
            name = (
                Profile.objects.filter(user=request.user).values_list("timezone", flat=True).first()
            ) or "UTC"
            request.session[SESSION_KEY] = name
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return None
