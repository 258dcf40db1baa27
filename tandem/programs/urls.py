"""Program pages: managers run programs and rounds; participants join and meet their pairs."""

from django.urls import URLPattern, URLResolver, path

from tandem.programs.imports import views as imports

app_name = "programs"

urlpatterns: list[URLPattern | URLResolver] = [
    # Participant import (tandem/programs/imports/)
    path("programs/<slug:slug>/import/", imports.import_upload, name="import"),
    path("programs/<slug:slug>/import/<str:token>/", imports.import_preview, name="import_preview"),
    path(
        "programs/<slug:slug>/import/<str:token>/confirm/",
        imports.import_confirm,
        name="import_confirm",
    ),
]
