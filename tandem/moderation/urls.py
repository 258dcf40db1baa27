from django.urls import path

from tandem.moderation import block_views

app_name = "moderation"

urlpatterns = [
    path("blocked/", block_views.blocks, name="blocks"),
    path("people/<id:user_id>/block/", block_views.block, name="block"),
    path("people/<id:user_id>/unblock/", block_views.unblock, name="unblock"),
]
