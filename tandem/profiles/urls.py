from django.urls import path

from tandem.profiles import views
from tandem.profiles.directory import views as directory

app_name = "profiles"

urlpatterns = [
    path("onboarding/", views.onboarding, name="onboarding"),
    path("onboarding/<slug:step>/", views.onboarding_step, name="onboarding_step"),
    path("mentors/", directory.directory, name="directory"),
    path("profiles/<id:profile_id>/", views.profile_detail, name="detail"),
    path("profiles/<id:profile_id>/edit/", views.profile_edit, name="edit"),
    path("profiles/<id:profile_id>/report/", views.profile_report, name="report"),
    path("profiles/me/skills/<slug:side>/add/", views.skill_add, name="skill_add"),
    path(
        "profiles/me/skills/<slug:side>/<id:skill_id>/remove/",
        views.skill_remove,
        name="skill_remove",
    ),
    path(
        "profiles/me/skills/offered/<id:skill_id>/proficiency/",
        views.skill_proficiency,
        name="skill_proficiency",
    ),
    path(
        "profiles/me/skills/requests/<id:request_id>/withdraw/",
        views.skill_request_withdraw,
        name="skill_request_withdraw",
    ),
    path("skills/suggest/", views.skill_suggestions, name="skill_suggestions"),
    path("organizations/suggest/", views.organization_suggestions, name="organization_suggestions"),
]
