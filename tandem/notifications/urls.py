from django.urls import path

from tandem.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.centre, name="list"),
    path("<id:notification_id>/", views.open_notification, name="open"),
    path("read-all/", views.read_all, name="read_all"),
    path("badge/", views.badge, name="badge"),
    path("settings/", views.preferences, name="settings"),
]
