"""The one place a domain error becomes a response for a page."""

from __future__ import annotations

from collections.abc import Callable

from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from tandem.core.errors import DomainError

REFUSED_TEMPLATE = "core/refused.html"


def refusal_back(request: HttpRequest) -> str:
    """Where "Go back" leads: the page the form was on (a `back` field or the referring page
    of this site), else the home page."""
    for candidate in (request.POST.get("back", ""), request.headers.get("Referer", "")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return "/"


def refusal_response(request: HttpRequest, error: DomainError) -> HttpResponse:
    """The refusal page with the error's status and reason; a NotFound is a plain 404."""
    if error.status == 404:
        return response_for_exception(request, Http404(error.message))
    context = {"message": error.message, "back": refusal_back(request)}
    return render(request, REFUSED_TEMPLATE, context, status=error.status)


class DomainErrorMiddleware:
    """Answer a view's uncaught DomainError with the refusal page: nothing was changed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DomainError):
            return refusal_response(request, exception)
        return None
