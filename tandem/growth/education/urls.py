from django.urls import path

from tandem.growth.education import views

app_name = "growth_education"

urlpatterns = [
    path("", views.scenarios, name="list"),
    path("new/", views.new, name="new"),
    path("<id:scenario_id>/", views.detail, name="detail"),
    path("<id:scenario_id>/edit/", views.edit, name="edit"),
    path("<id:scenario_id>/delete/", views.delete, name="delete"),
]
