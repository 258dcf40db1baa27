"""Reads for organizations."""

from __future__ import annotations

from django.db.models import QuerySet

from tandem.organizations.models import Organization


def organization_list(*, query: str = "", limit: int = 20) -> QuerySet[Organization]:
    """Organizations someone belongs to whose name contains `query`, alphabetically.

    Organizations only named as someone's competitor are left out: that list is private.
    """
    qs = Organization.objects.filter(members__isnull=False).distinct()
    if query:
        qs = qs.filter(name__icontains=query.strip())
    return qs.order_by("name", "id")[:limit]
