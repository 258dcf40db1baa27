from django.urls import path, re_path

from tandem.meetings import views

app_name = "meetings"

ACTIONS = "|".join(views.ACTIONS)

urlpatterns = [
    path(
        "mentorships/<id:mentorship_id>/meetings/",
        views.mentorship_meetings,
        name="for_mentorship",
    ),
    path("mentorships/<id:mentorship_id>/actions/", views.mentorship_actions, name="actions"),
    path("asks/<id:ask_id>/book/", views.ask_book, name="ask_book"),
    path("meetings/<id:meeting_id>/", views.meeting_detail, name="detail"),
    path("mentorships/health/", views.health_overview, name="health"),
    re_path(
        rf"^meetings/(?P<meeting_id>[0-9]{{1,18}})/(?P<action>{ACTIONS})/$",
        views.meeting_action,
        name="action",
    ),
    path("agenda/<id:item_id>/remove/", views.agenda_remove, name="agenda_remove"),
    path("notes/<id:note_id>/report/", views.note_report, name="note_report"),
    path("actions/<id:item_id>/update/", views.action_update, name="action_update"),
]
