"""Who is asking: the client's address as Tandem's limits see it.

A header is only believed when the settings say a reverse proxy of ours sets it
(`TANDEM_TRUSTED_PROXIES`); otherwise any client could name itself anyone and dodge every
limit. The rule is allauth's (settings.base feeds it the same values), so login throttles
and Tandem's own limits key on the same address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the person behind the request; the peer's address unless a trusted proxy
    says otherwise."""
    peer = request.META.get("REMOTE_ADDR", "")
    hops = settings.TANDEM_TRUSTED_PROXIES
    if hops <= 0:
        return peer
    header = settings.TANDEM_CLIENT_IP_HEADER
    if header:  # a proxy that puts the client's address alone in a header of its own
        return _clean(request.headers.get(header, "")) or peer
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
    if len(forwarded) < hops or not forwarded[-1]:
        # Reached us without passing through every proxy: believe only what we saw.
        return peer
    # Each of our proxies appends the address it saw, so the right-most `hops` entries are
    # theirs; anything further left was written by the client and is not believed.
    return _clean(forwarded[-hops]) or peer


def _clean(value: str) -> str:
    """A well-formed IP address, or "" (a header can hold anything)."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return ""
