from django.urls import path

from tandem.growth.tribes import views

app_name = "growth_tribes"

urlpatterns = [
    path("", views.browse, name="browse"),
    path("<slug:slug>/", views.tribe, name="tribe"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
]
