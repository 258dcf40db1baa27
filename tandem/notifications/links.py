"""Where a notification points: a path on this site, made absolute only for emails."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_site_path(url: str) -> bool:
    """True for a path on this site ("/asks/12/"); false for other hosts and "//host" tricks.

    Notifications redirect people who click them, so anything else would be an open redirect.
    """
    return (
        url.startswith("/")
        and not url.startswith("//")
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


def absolute_url(path: str, *, request: HttpRequest | None = None) -> str:
    """The path as a full address: on the host the request came to when there is one (a demo
    served on another address links to itself), else on the public site (SITE_URL), which is
    all an email or a job has to go on."""
    if request is not None:
        # get_host() checks ALLOWED_HOSTS, so a forged Host header cannot steer the link.
        return request.build_absolute_uri(path)
    return f"{settings.SITE_URL}{path}"
