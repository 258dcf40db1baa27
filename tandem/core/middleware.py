"""The one place a domain error becomes a response for a page, and the one place the text a
person sends is cleaned."""

from __future__ import annotations

from collections.abc import Callable

from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from tandem.core.errors import DomainError
from tandem.core.text import clean_text, needs_cleaning

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


def _cleaned(data: QueryDict) -> QueryDict:
    """`data` with every key and value through `clean_text` (unchanged when already clean)."""
    if not any(
        needs_cleaning(key) or any(map(needs_cleaning, values)) for key, values in data.lists()
    ):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(
            clean_text(key, multiline=False, strip=False),
            [clean_text(value, strip=False) for value in values],
        )
    cleaned._mutable = False
    return cleaned


class CleanInputMiddleware:
    """Every text a person sends (query string and form fields, whichever view or form reads
    it) goes through `clean_text` first: no NUL or other control character reaches a service
    or the database, and new lines are "\\n". Ends are not trimmed here (passwords keep their
    spaces); the form fields trim."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The stubs call these immutable QueryDicts a type of their own; ours are immutable too.
        request.GET = _cleaned(request.GET)  # type: ignore[assignment]
        if request.method == "POST":
            request.POST = _cleaned(request.POST)  # type: ignore[assignment]
        return self.get_response(request)
