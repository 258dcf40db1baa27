"""Reads for organizations."""

from __future__ import annotations

from django.db.models import QuerySet

from tandem.organizations.models import Organization


def organization_list(*, query: str = "", limit: int = 20) -> QuerySet[Organization]:
    """Organizations whose name contains `query`, alphabetically."""
    qs = Organization.objects.all()
    if query:
        qs = qs.filter(name__icontains=query.strip())
    return qs.order_by("name", "id")[:limit]
