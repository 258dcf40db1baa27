"""Top-level URL map."""

from django.contrib import admin
from django.urls import include, path

from tandem.accounts import views as accounts_views
from tandem.core import views as core_views
from tandem.core.health import health
from tandem.home import views as home_views

admin.site.site_header = "Tandem administration"
admin.site.site_title = "Tandem admin"

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("home/", home_views.home, name="home"),
    path("health/", health, name="health"),  # for the load balancer: tandem/core/health.py
    path("accounts/", include("allauth.urls")),
    # Before the admin's own: its login has no attempt limits, so it sends staff to allauth's.
    path("admin/login/", accounts_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("notifications/", include("tandem.notifications.urls")),
    path("moderation/", include("tandem.moderation.urls")),
    path("your-data/", include("tandem.privacy.urls")),
    path("growth/", include("tandem.growth.urls")),
    path("", include("tandem.matching.urls")),
    path("", include("tandem.mentorships.urls")),
    path("", include("tandem.meetings.calendar.urls")),
    path("", include("tandem.meetings.urls")),
    path("", include("tandem.conversations.urls")),
    path("", include("tandem.reports.urls")),
    path("", include("tandem.programs.urls")),
    path("", include("tandem.profiles.urls")),
]

handler403 = "tandem.core.views.error_403"
handler404 = "tandem.core.views.error_404"
handler500 = "tandem.core.views.error_500"
