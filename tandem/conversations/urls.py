from django.urls import path

from tandem.conversations import views

app_name = "conversations"

urlpatterns = [
    path("asks/<id:ask_id>/messages/", views.ask_thread, name="ask"),
    path("mentorships/<id:mentorship_id>/messages/", views.mentorship_thread, name="mentorship"),
    path("messages/<id:message_id>/report/", views.report, name="report"),
    path("messages/unread/", views.unread, name="unread"),
]
