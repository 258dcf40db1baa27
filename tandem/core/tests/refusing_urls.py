"""A URL map whose views raise domain errors, to see how pages answer them."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from tandem.core.errors import DomainError, IllegalTransition, NotFound, RuleBroken


def refuse(request: HttpRequest, kind: str) -> HttpResponse:
    error = {
        "bad": DomainError("That isn't a step it can take."),
        "missing": NotFound("No such thing."),
        "illegal": IllegalTransition("It's closed, so it can't be paused now."),
        "rule": RuleBroken("Three is plenty."),
    }[kind]
    raise error


# The site's own URLs too: the pages link to them. (A string, so core imports no app.)
urlpatterns = [path("refuse/<str:kind>/", refuse), path("", include("config.urls"))]
handler404 = "tandem.core.views.error_404"
