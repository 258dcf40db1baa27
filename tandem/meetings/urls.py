from django.urls import path, re_path

from tandem.meetings import views

app_name = "meetings"

ACTIONS = "|".join(views.ACTIONS)

urlpatterns = [
    path(
        "mentorships/<int:mentorship_id>/meetings/",
        views.mentorship_meetings,
        name="for_mentorship",
    ),
    path("mentorships/<int:mentorship_id>/actions/", views.mentorship_actions, name="actions"),
    path("asks/<int:ask_id>/book/", views.ask_book, name="ask_book"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("mentorships/health/", views.health_overview, name="health"),
    re_path(
        rf"^meetings/(?P<meeting_id>[0-9]+)/(?P<action>{ACTIONS})/$",
        views.meeting_action,
        name="action",
    ),
    path("agenda/<int:item_id>/remove/", views.agenda_remove, name="agenda_remove"),
    path("actions/<int:item_id>/update/", views.action_update, name="action_update"),
]
