"""The calendar: the private feed calendar apps poll, its settings page, and one invite to download.

The feed cannot ask anyone to log in, so its token is the whole key: an unknown token and a
revoked one get the same 404, and nothing says whether a token ever existed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST, require_safe

from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.meetings.calendar.ics import feed_ics, invite_method, meeting_ics
from tandem.meetings.calendar.selectors import feed_owner, meeting_for_calendar
from tandem.meetings.calendar.services import feed_for, feed_revoke
from tandem.notifications.links import absolute_url

CALENDAR_TYPE = "text/calendar; charset=utf-8"
CALENDAR_WRITES = ("calendar-write", "10/m")
NO_FEED = "This calendar link doesn't work. Sign in to Tandem and open Calendar for your link.\n"


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's meetings as a calendar to subscribe to; no login, the token is the key."""
    user = feed_owner(token=token)
    if user is None:
        # Plain and the same for every bad token: calendar apps show no page anyway.
        return HttpResponseNotFound(NO_FEED, content_type="text/plain; charset=utf-8")
    response = HttpResponse(
        feed_ics(user, now=timezone.now(), request=request), content_type=CALENDAR_TYPE
    )
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = 'inline; filename="tandem.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@require_GET
def calendar_settings(request: AuthedHttpRequest) -> HttpResponse:
    """The person's feed URL, how to subscribe to it, and a way to replace it."""
    calendar_feed = feed_for(user=request.user)
    url = absolute_url(calendar_feed.get_absolute_url(), request=request)
    webcal = "webcal://" + url.split("://", 1)[1]
    return render(
        request,
        "meetings/calendar/settings.html",
        {"feed": calendar_feed, "feed_url": url, "webcal_url": webcal},
    )


@login_required
@require_POST
@rate_limited(*CALENDAR_WRITES)
def revoke(request: AuthedHttpRequest) -> HttpResponse:
    """A new feed link; the old one stops working at once."""
    feed_revoke(user=request.user, now=timezone.now())
    messages.success(
        request,
        "Here is your new calendar link. The old one no longer works: subscribe again with "
        "the new link in any calendar that used it.",
    )
    return redirect("calendar:settings")


@login_required
@require_GET
def invite(request: AuthedHttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting's current invite as a file, for either side; anyone else gets a 404."""
    meeting = meeting_for_calendar(meeting_id=meeting_id, user=request.user)
    if meeting is None:
        raise Http404("No such meeting")
    method = invite_method(meeting)
    response = HttpResponse(
        meeting_ics(
            meeting, method=method, now=timezone.now(), request=request, viewer=request.user
        ),
        content_type=f"{CALENDAR_TYPE}; method={method}",
    )
    response["Content-Disposition"] = f'attachment; filename="tandem-meeting-{meeting.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
