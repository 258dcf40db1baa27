from django.urls import path

from tandem.growth.education import views

app_name = "growth_education"

urlpatterns = [
    path("", views.scenarios, name="list"),
    path("new/", views.new, name="new"),
    path("<int:scenario_id>/", views.detail, name="detail"),
    path("<int:scenario_id>/edit/", views.edit, name="edit"),
    path("<int:scenario_id>/delete/", views.delete, name="delete"),
]
