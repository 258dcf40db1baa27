"""Request types for views: a typed request that knows about htmx."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """An HttpRequest after HtmxMiddleware has run."""

    htmx: HtmxDetails


def partial_or_page(request: HtmxHttpRequest, template: str, partial: str) -> str:
    """The partial (`template#partial`) for an htmx request, the whole page otherwise."""
    return f"{template}#{partial}" if request.htmx and not request.htmx.boosted else template
