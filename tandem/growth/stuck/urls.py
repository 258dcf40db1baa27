from django.urls import path

from tandem.growth.stuck import views

app_name = "growth_stuck"

urlpatterns = [
    path("", views.check, name="check"),
    path("history/", views.history, name="history"),
    path("<id:check_id>/", views.result, name="result"),
    path("<id:check_id>/ask/", views.ask, name="ask"),
    path("<id:check_id>/goal/", views.goal, name="goal"),
    path("<id:check_id>/delete/", views.delete, name="delete"),
]
