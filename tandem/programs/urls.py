"""Program pages: managers run programs and rounds; participants join and meet their pairs."""

from django.urls import URLPattern, URLResolver, path, re_path

from tandem.programs.imports import views as imports
from tandem.programs.views import enrollment, matches, mine, participants, programs
from tandem.programs.views.rounds import round_action, round_detail, rounds

app_name = "programs"

urlpatterns: list[URLPattern | URLResolver] = [
    # Managers (tandem/programs/views/programs.py, participants.py)
    path("manage/programs/", programs.manage, name="manage"),
    path("manage/programs/new/", programs.create, name="create"),
    path("programs/<slug:slug>/settings/", programs.settings, name="settings"),
    path("programs/<slug:slug>/questions/", programs.questions_edit, name="questions"),
    path(
        "programs/<slug:slug>/questions/<id:question_id>/remove/",
        programs.question_remove,
        name="question_remove",
    ),
    re_path(
        r"^programs/(?P<slug>[-a-zA-Z0-9_]+)/questions/(?P<question_id>[0-9]{1,18})/(?P<direction>up|down)/$",
        programs.question_move,
        name="question_move",
    ),
    path("programs/<slug:slug>/managers/", programs.managers_edit, name="managers"),
    path("programs/<slug:slug>/participants/", participants.participants, name="participants"),
    re_path(
        r"^programs/(?P<slug>[-a-zA-Z0-9_]+)/participants/(?P<participant_id>[0-9]{1,18})/(?P<decision>approve|decline)/$",
        participants.application_decide,
        name="decide",
    ),
    path("programs/<slug:slug>/invite/", participants.invite, name="invite"),
    # Matching rounds (tandem/programs/views/rounds.py)
    path("programs/<slug:slug>/rounds/", rounds, name="rounds"),
    path("programs/<slug:slug>/rounds/<id:number>/", round_detail, name="round"),
    re_path(
        r"^programs/(?P<slug>[-a-zA-Z0-9_]+)/rounds/(?P<number>[0-9]{1,18})/"
        r"(?P<action>lock|unlock|forbid|add|rerun|publish|discard)/$",
        round_action,
        name="round_action",
    ),
    # Participants (tandem/programs/views/mine.py, enrollment.py, matches.py)
    path("programs/", mine.mine, name="mine"),
    path("program-invitations/<str:token>/", enrollment.invitation, name="invitation"),
    path("programs/<slug:slug>/", enrollment.detail, name="detail"),
    path("programs/<slug:slug>/join/", enrollment.join, name="join"),
    path("programs/<slug:slug>/leave/", enrollment.leave, name="leave"),
    path("programs/<slug:slug>/coffee/", enrollment.coffee, name="coffee"),
    path("programs/<slug:slug>/matches/<id:match_id>/", matches.match, name="match"),
    re_path(
        r"^programs/(?P<slug>[-a-zA-Z0-9_]+)/matches/(?P<match_id>[0-9]{1,18})/(?P<answer>confirm|decline)/$",
        matches.match_answer,
        name="match_answer",
    ),
    path(
        "programs/<slug:slug>/matches/<id:match_id>/feedback/",
        matches.match_feedback,
        name="match_feedback",
    ),
    # Participant import (tandem/programs/imports/)
    path("programs/<slug:slug>/import/", imports.import_upload, name="import"),
    path("programs/<slug:slug>/import/<str:token>/", imports.import_preview, name="import_preview"),
    path(
        "programs/<slug:slug>/import/<str:token>/confirm/",
        imports.import_confirm,
        name="import_confirm",
    ),
]
