"""Program pages: managers run programs and rounds; participants join and meet their pairs."""

from django.urls import URLPattern, URLResolver

app_name = "programs"

urlpatterns: list[URLPattern | URLResolver] = []
