"""The organizations a profile names: the person's own and their competitor list.

Anyone may type a name Tandem doesn't know yet; the organization so made is marked
`named_on_profile` and removed again once nothing refers to it (no profile, competitor list,
program or membership, and no email domain set by staff). So a person can leave behind at
most `MAX_ONLY_MINE` organizations that only their list names, however often they save.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from functools import reduce
from typing import Any

from django.db.models import Exists, OuterRef, Q

from tandem.core.names import ORGANIZATION_NAME_MAX, clean_name, name_problem
from tandem.organizations.models import Organization
from tandem.organizations.services import organization_get_or_create
from tandem.profiles.errors import ProfileError
from tandem.profiles.models import Profile

MAX_COMPETITORS = 10
# Organizations Tandem doesn't know yet that one save of the competitor list may add: the
# list is for naming real rivals, not for filling the organization table.
MAX_NEW_COMPETITORS = 3
# Organizations typed on profiles that a person's competitor list alone refers to.
MAX_ONLY_MINE = 3
NOTHING_TO_READ_ORG = "Type the organization's name with letters or numbers."
FIELD = "competitor_names"


def organization_name(raw: str, *, field: str) -> str:
    """`raw` through `clean_name` ("" stays ""); ProfileError on `field` if it can't be one."""
    name = clean_name(raw)
    if raw.strip() and (problem := name_problem(name, limit=ORGANIZATION_NAME_MAX)):
        raise ProfileError(problem if name else NOTHING_TO_READ_ORG, field=field)
    return name


def profile_organization_set(profile: Profile, raw: str) -> None:
    """Point the (unsaved) profile at the organization named `raw`, made if new; the one it
    leaves goes once the profile is saved and nothing else names it (`organizations_forget`)."""
    name = organization_name(raw, field="organization_name")
    if not name:
        profile.organization = None
    else:
        profile.organization = organization_get_or_create(name=name, named_on_profile=True)


def competitors_set(profile: Profile, raw_names: Iterable[str]) -> None:
    """Replace the profile's competitor list with the organizations `raw_names` name: each
    cleaned, at most `MAX_COMPETITORS`, at most `MAX_NEW_COMPETITORS` of them new to Tandem,
    and at most `MAX_ONLY_MINE` that only this list refers to. Call it in a transaction: a
    refusal comes after the list is written."""
    names = _unique_names(raw_names)
    if len(names) > MAX_COMPETITORS:
        raise ProfileError(f"List at most {MAX_COMPETITORS} organizations.", field=FIELD)
    same_name = reduce(operator.or_, (Q(name__iexact=name) for name in names), Q(pk__in=[]))
    known = {
        n.casefold() for n in Organization.objects.filter(same_name).values_list("name", flat=True)
    }
    new = [name for name in names if name.casefold() not in known]
    if len(new) > MAX_NEW_COMPETITORS:
        raise ProfileError(
            f"We don't know {len(new)} of these organizations yet, and one list can add at most "
            f"{MAX_NEW_COMPETITORS} new ones at a time. Check the spelling, or leave some out "
            "for now.",
            field=FIELD,
        )
    profile.competitors.set(
        [organization_get_or_create(name=name, named_on_profile=True) for name in names]
    )
    only_mine = profile.competitors.filter(named_on_profile=True).filter(_unreferenced(profile))
    if only_mine.count() > MAX_ONLY_MINE:
        raise ProfileError(
            f"Only your list names {', '.join(o.name for o in only_mine)}. Keep it to "
            f"{MAX_ONLY_MINE} organizations nobody else on Tandem has named yet; check the "
            "spelling, or leave some out for now.",
            field=FIELD,
        )


def organizations_forget(ids: Iterable[int | None]) -> None:
    """Remove those of these organizations that were typed on a profile and that nothing
    refers to any more (a profile let go of them)."""
    Organization.objects.filter(pk__in=[pk for pk in ids if pk], named_on_profile=True).filter(
        _unreferenced(None)
    ).delete()


def _unique_names(raw_names: Iterable[str]) -> list[str]:
    unique: dict[str, str] = {}
    for raw in raw_names:
        if name := organization_name(raw, field=FIELD):
            unique.setdefault(name.casefold(), name)
    return list(unique.values())


def _unreferenced(ignoring: Profile | None) -> Q:
    """Organizations no row of any model refers to (asked of the model's relations, so one
    added later counts too), nor staff gave an email domain; `ignoring`'s own competitor
    list does not count."""
    references = []
    for relation in Organization._meta.related_objects:
        if relation.many_to_many:  # a list: its rows are in the list's own table
            field: Any = relation.field
            rows = field.remote_field.through._default_manager.filter(
                **{field.m2m_reverse_field_name(): OuterRef("pk")}
            )
            if ignoring is not None and relation.related_model is Profile:
                rows = rows.exclude(**{field.m2m_field_name(): ignoring.pk})
        else:
            model: Any = relation.related_model
            rows = model._default_manager.filter(**{relation.field.name: OuterRef("pk")})
        references.append(~Exists(rows))
    return Q(*references, email_domain="")
