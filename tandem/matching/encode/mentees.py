"""Mentees → the engine's arrays: one for a recommendations list, several at once for a
mentor's inbox or a program's round, coded with the mentor index's vocabulary and idf."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db.models import F, QuerySet, Value
from django.utils import timezone

from tandem.core.compiled import AnyOf, CompiledQuery, IdsSlot, compiled, run, sql_of
from tandem.matching.encode.mentors import MentorIndex, Rows, person_add
from tandem.matching.engine.people import People
from tandem.matching.engine.text import text_vectorize
from tandem.profiles.models import Profile

WANTED, SPOKEN, COMPETITOR = 0, 1, 2  # which list a row of `_MENTEE_LISTS` belongs to


def _mentee_lists(profile_id: int) -> QuerySet[Any, tuple[Any, ...]]:
    """A mentee's skills wanted, languages and competitors as (list, id, name) rows, each
    list in its model's order (name, id), as the related managers read them."""
    columns = ("list", "other", "name")  # starred below: django-stubs can't see annotations
    parts = [
        through.objects.filter(profile_id=profile_id)
        .annotate(list=Value(kind), other=F(column), name=F(name))
        .order_by()
        .values_list(*columns)
        for kind, through, column, name in (
            (WANTED, Profile.skills_wanted.through, "skill_id", "skill__name"),
            (SPOKEN, Profile.languages.through, "language_id", "language__name"),
            (COMPETITOR, Profile.competitors.through, "organization_id", "organization__name"),
        )
    ]
    return parts[0].union(*parts[1:], all=True).order_by("list", "name", "other")


# Read on every recommendations list: one query, compiled once per process.
_MENTEE_LISTS = CompiledQuery(_mentee_lists)


def mentee_encode(profile: Profile, index: MentorIndex, *, now: datetime | None = None) -> People:
    """One mentee as a one-row People, with the index's codes and idf (one query)."""
    now = now or timezone.now()
    lists: tuple[list[int], list[int], list[int]] = ([], [], [])
    for kind, pk, _ in _MENTEE_LISTS.rows(profile.pk):
        lists[kind].append(pk)
    wanted, spoken, competitors = lists
    rows = Rows()
    person_add(
        rows, profile, index.vocabulary, as_mentor=False, now=now,
        skills=[(pk, 1.0) for pk in wanted], languages=spoken, competitors=competitors,
    )  # fmt: skip
    return rows.people(text_vectorize(rows.texts, index.idf))


# What encoding a mentee reads of their profile: what a read for `mentees_encode` loads
# (`.only(*MENTEE_FIELDS)`) rather than whole rows and their long texts.
MENTEE_FIELDS = (
    "id", "user", "headline", "goals", "industry", "target_industry", "function",
    "target_function", "mentoring_types_sought", "level", "target_level", "organization",
    "timezone", "meeting_mode", "city", "country", "hours_per_month",
)  # fmt: skip
MENTEES = IdsSlot("mentees")


def _lists_of_mentees() -> tuple[str, Sequence[Any]]:
    """Mentees' skills wanted, languages and competitors as (list, profile id, id) rows, each
    list by id: the order the unordered reads it replaces got from the through tables' unique
    (profile, id) indexes, which decides the skill named first among equals."""
    columns = ("list", "profile_id", "other")  # starred below: django-stubs can't see annotations
    parts = [
        through.objects.filter(AnyOf(F("profile_id"), MENTEES))
        .annotate(list=Value(kind), other=F(column))
        .order_by()
        .values_list(*columns)
        for kind, through, column in (
            (WANTED, Profile.skills_wanted.through, "skill_id"),
            (SPOKEN, Profile.languages.through, "language_id"),
            (COMPETITOR, Profile.competitors.through, "organization_id"),
        )
    ]
    return sql_of(parts[0].union(*parts[1:], all=True).order_by("list", "profile_id", "other"))


def mentees_encode(
    profiles: list[Profile], index: MentorIndex, *, now: datetime | None = None
) -> People:
    """Several mentees as one People, one row each in order, in one query in all (its SQL
    made once per process, whatever their number); the profiles need only MENTEE_FIELDS."""
    now = now or timezone.now()
    lists: dict[int, tuple[list[int], ...]] = {p.pk: ([], [], []) for p in profiles}
    if lists:
        query = compiled("mentees-lists", "ids", _lists_of_mentees)
        for kind, owner, pk in run(query, {"mentees": list(lists)}):
            lists[owner][kind].append(pk)
    rows = Rows()
    for profile in profiles:
        wanted, spoken, competitors = lists[profile.pk]
        person_add(
            rows, profile, index.vocabulary, as_mentor=False, now=now,
            skills=[(pk, 1.0) for pk in wanted], languages=spoken, competitors=competitors,
        )  # fmt: skip
    return rows.people(text_vectorize(rows.texts, index.idf))
