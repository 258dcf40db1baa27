"""A URL map with one view that fails, to see the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [path("crash/", crash)]
handler500 = "tandem.core.views.error_500"
