"""The site's URLs plus one bare view: the floor of a request served the same way (the same
gunicorn, middleware, session and signed-in person), which the journey is compared with."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler403, handler404, handler500
from config.urls import urlpatterns as site


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site]
__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
