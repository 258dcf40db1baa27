"""The directory's cards: what each card shows of a page of mentors, read as plain values by
queries compiled once per process, and worked out here so the template only prints it."""

from __future__ import annotations

import functools
import operator
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString

from tandem.accounts.models import name_of
from tandem.core.compiled import CompiledQuery
from tandem.core.ids import MAX_ID
from tandem.core.templatetags.display import AVATAR_COLOURS, initials, joined
from tandem.organizations.verified import owner_verified
from tandem.profiles.choices import Level, MeetingMode, Proficiency
from tandem.profiles.models import Profile, SkillOffered
from tandem.profiles.responsiveness import response_words_for


@dataclass(frozen=True)
class MentorCard:
    """One mentor's card in the directory, as the words and links it shows: all of them, and
    only values (equal cards print the same HTML: `directory.html` keeps it by card)."""

    pk: int
    url: str
    name: str
    initials: str  # the avatar's letters and colour (as `{% avatar %}` has them)
    colour: int
    facts: SafeString  # "Engineer · Acme · 4 · Senior", only the facts there are
    organization: str  # its name, "" when none
    confirmed: bool  # they are verified at that organization (`organizations.verified`)
    headline: str
    skills: tuple[tuple[str, str], ...]  # (skill, how well they know it), best known first
    meeting: SafeString  # "Virtual · Asia/Tokyo · English, Spanish"
    accepts_requests: bool
    response: str  # "Usually answers within a day", or "" when too few answers tell


def _one_of(field: str, ids: Sequence[int]) -> Q:
    """`field` equal to one of `ids`, one parameter each: an `in` list is one array parameter
    on PostgreSQL and a list as long as the page on SQLite, which a compiled query can't fill
    in, so a page's ids take a fixed number of places (the unused ones hold 0, no row's id)."""
    return functools.reduce(operator.or_, (Q(**{field: pk}) for pk in ids))


_CARD_COLUMNS = (
    "id", "user_id", "user__first_name", "user__last_name", "user__email", "user__deleted_at",
    "job_title", "organization__name", "level", "organization_confirmed", "headline",
    "meeting_mode", "timezone", "is_mentor", "is_paused", "capacity", "places_taken",
)  # fmt: skip


def _card_rows(*ids: int) -> QuerySet[Profile, tuple[Any, ...]]:
    return (
        Profile.objects.filter(_one_of("pk", ids))
        .annotate(organization_confirmed=owner_verified())
        .order_by()
        .values_list(*_CARD_COLUMNS)
    )


def _skill_rows(*ids: int) -> QuerySet[SkillOffered, tuple[Any, ...]]:
    return (
        SkillOffered.objects.filter(_one_of("profile_id", ids))
        .order_by("-proficiency", "skill__name", "id")
        .values_list("profile_id", "skill__name", "proficiency")
    )


def _language_rows(*ids: int) -> QuerySet[Any, tuple[Any, ...]]:
    return (
        Profile.languages.through.objects.filter(_one_of("profile_id", ids))
        .order_by("language__name", "language_id")
        .values_list("profile_id", "language__name")
    )


@functools.cache
def _compiled(size: int) -> tuple[CompiledQuery, CompiledQuery, CompiledQuery]:
    """The three reads of a page of `size` cards (compiled on first use, once per size)."""
    return (
        CompiledQuery(_card_rows, values=size),
        CompiledQuery(_skill_rows, values=size),
        CompiledQuery(_language_rows, values=size),
    )


def _profile_urls(ids: Sequence[int]) -> dict[int, str]:
    """Each mentor's link, as `Profile.get_absolute_url` reverses it: reversed once for the
    page with an id no profile has, then that id swapped for each one (the `id` converter
    writes an id as its digits; a reverse costs about 90 µs, twenty of them 1.8 ms)."""
    marker = str(MAX_ID)
    head, _, tail = reverse("profiles:detail", kwargs={"profile_id": MAX_ID}).rpartition(marker)
    return {pk: f"{head}{pk}{tail}" for pk in ids}


LEVELS = dict(Level.choices)
MODES = dict(MeetingMode.choices)
PROFICIENCIES = dict(Proficiency.choices)


def mentor_cards(*, ids: Sequence[int], size: int) -> list[MentorCard]:
    """The cards of these mentors, in this order: four queries for the page (its mentors,
    their skills, languages and answering times), never one per card. `size` is the page's
    size: the compiled reads take that many ids."""
    if not ids:
        return []
    size = max(size, len(ids))
    slots = [*ids, *[0] * (size - len(ids))]
    cards, offered, spoken = _compiled(size)
    skills: defaultdict[int, list[tuple[str, str]]] = defaultdict(list)
    for profile_id, skill, level in offered.rows(*slots):
        skills[profile_id].append((skill, PROFICIENCIES.get(level, level)))
    languages: defaultdict[int, list[str]] = defaultdict(list)
    for profile_id, language in spoken.rows(*slots):
        languages[profile_id].append(language)
    responses = response_words_for(mentor_ids=ids)
    urls = _profile_urls(ids)
    by_id = {row[0]: row for row in cards.rows(*slots)}
    shown = []
    for pk in ids:
        row = by_id.get(pk)
        if row is None:  # gone since the page was picked
            continue
        (_, user_id, first, last, email, deleted_at, job_title, organization, level,
         confirmed, headline, mode, zone, is_mentor, paused, capacity, taken) = row  # fmt: skip
        name = name_of(first, last, email, deleted=deleted_at is not None)
        shown.append(
            MentorCard(
                pk=pk,
                url=urls[pk],
                name=name,
                initials=initials(name),
                colour=user_id % AVATAR_COLOURS,
                facts=joined(job_title, organization, LEVELS.get(level, level)),
                organization=organization or "",
                confirmed=bool(confirmed),
                headline=headline,
                skills=tuple(skills[pk]),
                meeting=joined(MODES.get(mode, mode), zone, ", ".join(languages[pk])),
                # As Profile.accepts_requests (SQLite gives booleans as 0 and 1).
                accepts_requests=bool(is_mentor) and not paused and capacity > taken,
                response=responses.get(pk, ""),
            )
        )
    return shown
