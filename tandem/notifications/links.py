"""Where a notification points: a path on this site, made absolute only for emails."""

from __future__ import annotations

from django.conf import settings
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


def absolute_url(path: str) -> str:
    """The path on the public site (SITE_URL), for links in emails."""
    return f"{settings.SITE_URL}{path}"
