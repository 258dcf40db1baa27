"""Writes for organizations."""

from __future__ import annotations

from django.utils.text import slugify

from tandem.core.errors import DomainError
from tandem.core.names import ORGANIZATION_NAME_MAX, clean_name, name_problem
from tandem.organizations.models import Organization


def organization_get_or_create(
    *,
    name: str,
    industry: str = "",
    kind: str = Organization.Kind.COMPANY,
    email_domain: str = "",
    named_on_profile: bool = False,
) -> Organization:
    """The organization with this name (case-insensitive), created if new.

    The other values apply only to a new organization; an existing one is returned as it is.
    The name goes through `clean_name` first, so a zero-width space never makes a second
    "Acme Bank"; a new name with nothing to read, or too long, is refused (DomainError on the
    field "name").
    """
    clean = clean_name(name)
    existing = Organization.objects.filter(name__iexact=clean).first() if clean else None
    if existing is not None:
        return existing
    if problem := name_problem(clean, limit=ORGANIZATION_NAME_MAX):
        raise DomainError(problem, field="name")
    base = slugify(clean, allow_unicode=True)[:180] or "organization"
    taken = set(Organization.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return Organization.objects.create(
        name=clean, slug=slug, industry=industry, kind=kind, email_domain=email_domain.lower(),
        named_on_profile=named_on_profile,
    )  # fmt: skip
