from django.urls import path

from tandem.matching import views

app_name = "matching"

urlpatterns = [
    path("mentors/recommended/", views.recommendations, name="recommendations"),
    path("mentors/recommended/strip/", views.recommendation_strip, name="recommendation_strip"),
]
