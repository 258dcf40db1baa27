"""Writes for organizations."""

from __future__ import annotations

from django.utils.text import slugify

from tandem.organizations.models import Organization


def organization_get_or_create(*, name: str, industry: str = "") -> Organization:
    """The organization with this name (case-insensitive), created if new."""
    clean = " ".join(name.split())
    existing = Organization.objects.filter(name__iexact=clean).first()
    if existing is not None:
        return existing
    base = slugify(clean)[:190] or "organization"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Organization.objects.create(name=clean, slug=slug, industry=industry)
