from django.urls import path, re_path

from tandem.meetings.calendar import views

app_name = "calendar"

urlpatterns = [
    re_path(r"^calendar/feed/(?P<token>[A-Za-z0-9_-]{1,64})\.ics$", views.feed, name="feed"),
    path("calendar/", views.calendar_settings, name="settings"),
    path("calendar/new-link/", views.revoke, name="revoke"),
    path("meetings/<id:meeting_id>/invite.ics", views.invite, name="invite"),
]
