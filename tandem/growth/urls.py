from django.urls import include, path

from tandem.growth import views

app_name = "growth"

urlpatterns = [
    path("", views.hub, name="hub"),
    path("career-plan/", include("tandem.growth.careers.urls")),
    path("promotion/", include("tandem.growth.promotion.urls")),
    path("education/", include("tandem.growth.education.urls")),
    path("stuck/", include("tandem.growth.stuck.urls")),
    path("journal/", include("tandem.growth.journal.urls")),
    path("tribes/", include("tandem.growth.tribes.urls")),
]
