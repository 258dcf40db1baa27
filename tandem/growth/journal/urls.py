from django.urls import path

from tandem.growth.journal import views

app_name = "growth_journal"

urlpatterns = [
    path("", views.journal, name="journal"),
    path("new/", views.add, name="add"),
    path("<id:entry_id>/", views.edit, name="edit"),
    path("<id:entry_id>/delete/", views.delete, name="delete"),
    path("<id:entry_id>/share/", views.share, name="share"),
]
