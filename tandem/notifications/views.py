"""The notification centre, opening a notification, the nav badge and email preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.http import AuthedHttpRequest, HtmxHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.notifications.forms import PreferencesForm
from tandem.notifications.links import is_site_path
from tandem.notifications.models import Notification
from tandem.notifications.selectors import notification_for, notification_list_for, preferences_for
from tandem.notifications.services import (
    notification_open,
    notifications_mark_read,
    preferences_set,
)

PAGE_SIZE = 25
NOTIFICATION_WRITES = ("notification-write", "60/m")


@login_required
@require_GET
def centre(request: AuthedHttpRequest) -> HttpResponse:
    """Everything Tandem told the person, newest first; unread ones say "New"."""
    notifications = notification_list_for(user=request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*NOTIFICATION_WRITES)
def open_notification(request: AuthedHttpRequest, notification_id: int) -> HttpResponse:
    """Go to what one's own notification is about; others' are a 404.

    Only the POST of the centre's button marks it read. A GET (a prefetching browser, a
    link scanner, an old bookmark) just goes there and changes nothing.
    """
    notification: Notification | None
    if request.method == "POST":
        notification = notification_open(
            user=request.user, notification_id=notification_id, now=timezone.now()
        )
    else:
        notification = notification_for(user=request.user, notification_id=notification_id)
    if notification is None:
        raise Http404("No such notification")
    # The service only stores site paths; this guards rows written any other way.
    target = notification.url if is_site_path(notification.url) else reverse("notifications:list")
    return HttpResponseRedirect(target)


@login_required
@require_POST
@rate_limited(*NOTIFICATION_WRITES)
def read_all(request: AuthedHttpRequest) -> HttpResponse:
    """Mark every notification read."""
    notifications_mark_read(user=request.user, now=timezone.now())
    messages.success(request, "All caught up: everything is marked as read.")
    return redirect("notifications:list")


@require_GET
def badge(request: HtmxHttpRequest) -> HttpResponse:
    """The nav link with the unread count, polled by htmx."""
    if not request.user.is_authenticated:
        if request.htmx:
            # Signed out in another tab: keep the old badge rather than swap a login page in.
            return HttpResponse(status=204)
        return redirect_to_login(request.get_full_path())
    return render(request, "notifications/_badge.html")


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*NOTIFICATION_WRITES)
def preferences(request: AuthedHttpRequest) -> HttpResponse:
    """Choose, per kind, an email straight away, a daily digest or no email."""
    user = request.user
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            preferences_set(user=user, deliveries=form.deliveries())
            messages.success(request, "Your notification settings are saved.")
            return redirect("notifications:settings")
    else:
        form = PreferencesForm(initial=preferences_for(user=user))
    return render(request, "notifications/settings.html", {"form": form})
