from django.urls import path

from tandem.growth.promotion import views
from tandem.growth.promotion.kinds import KINDS

app_name = "growth_promotion"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("who-decides/", views.decider_map, name="map"),
    path("skills/to-profile/", views.skills_to_profile, name="skills_to_profile"),
    path("visibility/<id:item_id>/done/", views.visibility_done, name="visibility_done"),
]
# Each kind of row gets its own names (skill_add, decider_edit, ...), so the security table
# and the phone walk see each one.
for key in KINDS:
    urlpatterns += [
        path(f"{key}/add/", views.item_add, {"kind": key}, name=f"{key}_add"),
        path(f"{key}/<id:item_id>/", views.item_edit, {"kind": key}, name=f"{key}_edit"),
        path(f"{key}/<id:item_id>/remove/", views.item_remove, {"kind": key}, name=f"{key}_remove"),
    ]
