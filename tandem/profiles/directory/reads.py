"""The mentor directory's reads: the page of mentors a person may see under their filters
(picked here, shown as the cards of `cards`), and the filters' options (timezones, languages)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)

from tandem.accounts.models import User
from tandem.core.compiled import CompiledQuery
from tandem.organizations.verified import organizations_verified, owner_verified
from tandem.profiles.choices import MeetingMode, Visibility
from tandem.profiles.directory.cards import MentorCard, mentor_cards
from tandem.profiles.models import ACCEPTING_REQUESTS, Language, Profile, SkillOffered
from tandem.profiles.selectors import _offered_skills, _visible_to
from tandem.skills.models import Skill


@dataclass(frozen=True)
class DirectoryFilters:
    """What a person can narrow the mentor directory by."""

    text: str = ""
    skill: Skill | None = None
    # When the typed skill wasn't recognised: mentors offering any of these close matches.
    skill_any_of: tuple[int, ...] | None = None
    industry: str = ""
    function: str = ""
    level_min: int | None = None
    language: str = ""
    timezone: str = ""
    mode: str = ""
    available_only: bool = False


def mentor_directory(*, viewer: User, filters: DirectoryFilters) -> QuerySet[Profile]:
    """Mentors the viewer may see, narrowed by the filters, in a stable order, each with what
    its card shows."""
    return _with_cards(_listing(viewer=viewer, filters=filters)).prefetch_related(
        _offered_skills(), "languages"
    )


# A page number past this is not looked up by its offset (an OFFSET that large fails in the
# database): the paginator counts, and shows the last page as for any page past the end.
MAX_PAGE_GUESSED = 10_000


def _page_wanted(number: str | int | None) -> int | None:
    """The page `Paginator.get_page` shows for `number` when that doesn't hang on the count:
    the first for anything but a whole number; None below 1 (the last page) or far out."""
    try:
        wanted = int(number)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1
    return wanted if 1 <= wanted <= MAX_PAGE_GUESSED else None


def mentor_directory_page(
    *, viewer: User, filters: DirectoryFilters, number: str | int | None, per_page: int
) -> Page[MentorCard]:
    """One page of the directory, as its mentors' cards: the page's mentors are picked by
    their ids alone, then only those are read, as the values their cards show.

    Picking the page needs a few narrow columns of every matching mentor (a partial index
    holds them: profiles_listed_mentors_idx); reading whole rows for that sorted and hashed
    about 1 KB a mentor, on every page, however few the page shows. The same query counts
    the matching mentors (COUNT(*) OVER ()): a count of its own read them all a second time.
    Only a page past the last, or a number below 1, leaves the paginator to count.
    """
    wanted = _page_wanted(number)
    rows: list[tuple[int, int]] = []
    if wanted is not None:
        rows = _page_rows(viewer, filters, start=(wanted - 1) * per_page, size=per_page)
    if wanted is not None and (rows or wanted == 1):
        paginator: Paginator[Any] = Paginator([], per_page)
        paginator.count = rows[0][1] if rows else 0  # counted already: not asked again
        page = paginator.page(wanted)
        picked = [pk for pk, _ in rows]
    else:
        listing = _listing(viewer=viewer, filters=filters)
        paginator = Paginator(listing.values_list("pk", flat=True), per_page)
        page = paginator.get_page(number)
        picked = list(page.object_list)
    page.object_list = mentor_cards(ids=picked, size=per_page)
    return cast("Page[MentorCard]", page)


@dataclass(frozen=True)
class _Shape:
    """Filters that leave the page's SQL the same for every viewer and skill: the viewer and
    the skill are values in it, the rest (choices and flags, a bounded few) part of its text."""

    skill: bool
    available_only: bool
    industry: str
    function: str
    level_min: int | None
    mode: str


def _shape(filters: DirectoryFilters) -> _Shape | None:
    """The filters' shape, or None when free text decides the SQL (words, a language, a
    timezone, an unrecognised skill's close matches): those pages are built each time."""
    if filters.text or filters.skill_any_of is not None or filters.language or filters.timezone:
        return None
    return _Shape(
        skill=filters.skill is not None, available_only=filters.available_only,
        industry=filters.industry, function=filters.function, level_min=filters.level_min,
        mode=filters.mode if filters.mode in (MeetingMode.VIRTUAL, MeetingMode.IN_PERSON) else "",
    )  # fmt: skip


def _counted(listing: QuerySet[Profile]) -> QuerySet[Profile, tuple[int, int]]:
    """Each mentor's id with how many match in all (one query picks a page and counts)."""
    return listing.annotate(matching=Window(Count("*"))).values_list("pk", "matching")


def _page_rows(
    viewer: User, filters: DirectoryFilters, *, start: int, size: int
) -> list[tuple[int, int]]:
    """(id, how many match) for the page's mentors: through SQL compiled once per shape and
    page when the filters allow (building and compiling it cost about 10 ms a request)."""
    shape = _shape(filters)
    if shape is None:
        return list(_counted(_listing(viewer=viewer, filters=filters))[start : start + size])
    values = (viewer.pk,) if filters.skill is None else (viewer.pk, filters.skill.pk)
    return cast("list[tuple[int, int]]", _compiled_page(shape, start, size).rows(*values))


@functools.lru_cache(maxsize=128)  # the first pages of the common shapes; deep pages recompile
def _compiled_page(shape: _Shape, start: int, size: int) -> CompiledQuery:
    """The page's query for this shape, with the viewer's id (and the skill's) as values."""

    def build(viewer_id: int, skill_id: int | None = None) -> QuerySet[Any, Any]:
        filters = DirectoryFilters(
            skill=Skill(pk=skill_id) if shape.skill else None,
            available_only=shape.available_only, industry=shape.industry,
            function=shape.function, level_min=shape.level_min, mode=shape.mode,
        )  # fmt: skip
        return _counted(_listing(viewer=User(pk=viewer_id), filters=filters))[start : start + size]

    return CompiledQuery(build, values=2 if shape.skill else 1)


def _with_cards(qs: QuerySet[Profile]) -> QuerySet[Profile]:
    """Mentors with what their cards show of them: their person, organization and whether
    they are confirmed there."""
    return qs.select_related("user", "organization").annotate(
        organization_confirmed=owner_verified()
    )


def _listing(*, viewer: User, filters: DirectoryFilters) -> QuerySet[Profile]:
    """The mentors the viewer may see, narrowed by the filters, in the directory's order."""
    qs = Profile.objects.filter(_visible_to(viewer), is_mentor=True).exclude(user=viewer)
    if filters.text:
        for word in filters.text.split()[:5]:
            qs = qs.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(headline__icontains=word)
                | Q(job_title__icontains=word)
                | Q(organization__name__icontains=word)
            )
    # Many-valued filters (skills, languages) are `id IN (subquery)`, never a join: a join
    # repeats a mentor once per match, and the DISTINCT that undoes it sorts every matching
    # row on all of its ~60 columns (and makes the page's count a count over a subquery).
    if filters.skill is not None:
        # `=` rather than an `in` list of one: its id stays a value a compiled query can fill.
        qs = qs.filter(
            id__in=SkillOffered.objects.filter(skill_id=filters.skill.pk).values("profile_id")
        )
    elif filters.skill_any_of is not None:
        qs = qs.filter(id__in=_offering(filters.skill_any_of))
    if filters.industry:
        qs = qs.filter(industry=filters.industry)
    if filters.function:
        qs = qs.filter(function=filters.function)
    if filters.level_min is not None:
        qs = qs.filter(level__gte=filters.level_min)
    if filters.language:
        speakers = Profile.languages.through.objects.filter(language__code=filters.language)
        qs = qs.filter(id__in=speakers.values("profile_id"))
    if filters.timezone:
        qs = qs.filter(timezone=filters.timezone)
    if filters.mode in (MeetingMode.VIRTUAL, MeetingMode.IN_PERSON):
        qs = qs.filter(meeting_mode__in=[filters.mode, MeetingMode.EITHER])
    if filters.available_only:
        qs = qs.filter(ACCEPTING_REQUESTS)
    # Mentors who can take a request come first; the rest stay findable below them.
    unavailable = Case(
        When(ACCEPTING_REQUESTS, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return qs.annotate(unavailable=unavailable).order_by(
        "unavailable", "user__first_name", "user__last_name", "id"
    )


def _offering(skill_ids: Iterable[int]) -> QuerySet[SkillOffered, Any]:
    """The profiles offering any of these skills, as a subquery."""
    return SkillOffered.objects.filter(skill_id__in=list(skill_ids)).values("profile_id")


# The directory's timezone options are worked out for the whole site and kept for a minute:
# a DISTINCT over every listed mentor on each directory request cost 20-60 ms at 10,000 people.
TIMEZONES_KEY = "profiles:mentor-timezones"
TIMEZONES_SECONDS = 60


def mentor_timezones_forget() -> None:
    """Drop the kept timezone options, after a profile change that may move them (this
    process, and every process when the cache is shared; others catch up within a minute)."""
    cache.delete(TIMEZONES_KEY)


def _mentor_timezone_rows() -> list[tuple[str, int | None]]:
    """(timezone, organization) for every listed mentor, the organization only for profiles
    shown to their organization alone; a handful of rows per timezone."""
    rows: list[tuple[str, int | None]] | None = cache.get(TIMEZONES_KEY)
    if rows is None:
        inside = Case(
            When(visibility=Visibility.ORGANIZATION, then=F("organization_id")),
            default=None,
            output_field=IntegerField(),
        )
        rows = list(
            Profile.objects.filter(is_mentor=True, onboarded_at__isnull=False)
            .filter(user__is_active=True)
            .exclude(visibility=Visibility.HIDDEN)
            .annotate(inside=inside)
            .order_by()
            .values_list("timezone", "inside")
            .distinct()
        )
        cache.set(TIMEZONES_KEY, rows, TIMEZONES_SECONDS)
    return rows


def mentor_timezones(*, viewer: User) -> list[str]:
    """Timezones of the mentors this viewer can see, for the directory filter.

    From the site-wide rows kept for a minute: a timezone shows when one of its mentors is
    listed for everyone, or only inside an organization the viewer is verified at (one small
    query, made only when such a timezone has no mentor listed for everyone). A block is not
    looked at: an option that finds nobody names no one.
    """
    rows = _mentor_timezone_rows()
    shown = {zone for zone, inside in rows if inside is None}
    only_inside = [(zone, inside) for zone, inside in rows if zone not in shown]
    if only_inside:
        mine = set(organizations_verified(viewer).values_list("id", flat=True))
        shown |= {zone for zone, inside in only_inside if inside in mine}
    return sorted(shown)


_LANGUAGES = CompiledQuery(
    lambda: Language.objects.order_by("name", "id").values_list("code", "name"), values=0
)


def language_options() -> list[tuple[str, str]]:
    """Every language a profile can list, as (code, name), by name."""
    return cast("list[tuple[str, str]]", _LANGUAGES.rows())
