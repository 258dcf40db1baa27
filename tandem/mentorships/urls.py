from django.urls import path, re_path

from tandem.mentorships import views

app_name = "mentorships"

urlpatterns = [
    path("mentors/<id:profile_id>/ask/", views.ask_new, name="ask_new"),
    path("asks/", views.asks_inbox, name="inbox"),
    path("asks/<id:ask_id>/", views.ask_detail, name="ask"),
    re_path(
        r"^asks/(?P<ask_id>[0-9]{1,18})/(?P<answer>accept|decline|withdraw)/$",
        views.ask_answer,
        name="ask_answer",
    ),
    path("asks/<id:ask_id>/report/", views.ask_report, name="ask_report"),
    path("mentorships/", views.dashboard, name="dashboard"),
    path("mentorships/become-mentor/", views.become_mentor, name="become_mentor"),
    path("mentorships/<id:mentorship_id>/", views.mentorship_detail, name="detail"),
    re_path(
        r"^mentorships/(?P<mentorship_id>[0-9]{1,18})/agreement/(?P<action>propose|renew|accept|decline)/$",
        views.agreement_action,
        name="agreement",
    ),
    path("mentorships/<id:mentorship_id>/change/", views.mentorship_change, name="change"),
    path("mentorships/<id:mentorship_id>/feedback/", views.feedback, name="feedback"),
    path(
        "mentorships/<id:mentorship_id>/learning-goals/",
        views.learning_goal_add,
        name="learning_goal_add",
    ),
    path("goals/<id:goal_id>/update/", views.goal_update, name="goal_update"),
]
