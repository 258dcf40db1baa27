"""Request types for views: a typed request that knows about htmx."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """An HttpRequest after HtmxMiddleware has run."""

    htmx: HtmxDetails
