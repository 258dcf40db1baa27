"""Reads for profiles: whose profile is whose, who may see a profile, and a profile's page
(the mentor directory's reads are in `tandem.profiles.directory.reads`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from tandem.accounts.models import User
from tandem.core.compiled import CompiledQuery
from tandem.moderation.blocks import blocked_with
from tandem.moderation.models import Block
from tandem.organizations.models import Organization
from tandem.organizations.verified import organizations_verified, owner_verified
from tandem.profiles.choices import Proficiency, Visibility
from tandem.profiles.models import Profile, SkillOffered


def _own_profile_query(user_id: int) -> QuerySet[Profile]:
    return Profile.objects.select_related("organization").filter(user_id=user_id).order_by()


# Read on most pages (their own profile): compiled once per process.
_OWN_PROFILE = CompiledQuery(_own_profile_query)


def profile_for_user(*, user: User) -> Profile | None:
    """The user's own profile, if they have one, carrying that user (no query to read it)."""
    found = _OWN_PROFILE.objects(user.pk)
    if not found:
        return None
    profile: Profile = found[0]  # one at most: a profile's user is unique
    profile.user = user
    return profile


MAX_MANAGER_CHAIN = 10  # steps up a reporting line followed before giving up (a loop, a typo)


@cache
def _manager_chain_sql(vendor: str) -> str:
    """The reporting line above an address, in one query: each step joins the person whose
    LOWER(email) is the address (the expression the case-insensitive unique index on
    accounts_user is built on: one index lookup a step) to their profile's manager, lower-
    cased. Made once per process (raw SQL: the ORM has no recursive query). A loop goes round
    until the step limit, which at most repeats addresses already found.

    The first address goes in as LOWER(%s), not CAST(%s AS TEXT): a column of TEXT affinity
    compared with LOWER(email) keeps SQLite off the index (it scanned the users each step)."""
    del vendor  # the key: the SQL is made for the database in use
    quote = connection.ops.quote_name
    users, profiles = quote(User._meta.db_table), quote(Profile._meta.db_table)
    return (  # names from the models' tables, never from input
        "WITH RECURSIVE chain(step, email) AS ("  # noqa: S608
        " SELECT 1, LOWER(%s)"  # a text without SQLite's TEXT affinity: see above
        " UNION ALL"
        f' SELECT chain.step + 1, LOWER({profiles}."manager_email") FROM chain'
        f' JOIN {users} ON LOWER({users}."email") = chain.email'
        f' JOIN {profiles} ON {profiles}."user_id" = {users}."id"'
        f""" WHERE chain.step < %s AND {profiles}."manager_email" <> ''"""
        ") SELECT email FROM chain"
    )


def manager_chain_emails(*, profile: Profile) -> set[str]:
    """The emails up the person's reporting line (their manager, that manager's manager, …),
    lower-cased, as far as `MAX_MANAGER_CHAIN` addresses; an address nobody has ends it.

    One query (was one a step): the whole line is one recursive query whose steps each use
    the index on LOWER(email). (`email__iexact` compares UPPER(email) on PostgreSQL and read
    the whole user table: 6-20 ms a step at 10,000 people.)
    """
    email = profile.manager_email.lower()
    if not email:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(_manager_chain_sql(connection.vendor), [email, MAX_MANAGER_CHAIN])
        return {found.lower() for (found,) in cursor.fetchall()}


_IS_MENTEE = CompiledQuery(
    lambda user_id: Profile.objects.filter(user_id=user_id, is_mentee=True).values_list("id")
)


def profile_is_mentee(*, user: User) -> bool:
    """Does the user have a profile as a mentee (compiled once: the directory asks it on
    every first page)."""
    return _IS_MENTEE.first(user.pk) is not None


def profile_for_owner(*, profile_id: int) -> Profile | None:
    """A profile with what its edit page needs; the caller checks ownership."""
    return Profile.objects.select_related("organization").filter(pk=profile_id).first()


def _visible_to(viewer: User) -> Q:
    """Profiles this signed-in viewer may see (besides their own).

    "Only my organization" counts a viewer as an insider when they are verified at the
    profile's organization (`organizations.verified`: a confirmed address at its domain, or a
    role in it), never by the organization name they typed themselves, nor by an address
    they have not confirmed. A block either way hides the two from each other, so a blocked
    person sees the blocker as they would a hidden profile. A switched-off account (suspended
    by staff, or deleted) is seen by nobody: it is neither listed nor askable.
    """
    visible = Q(visibility=Visibility.MEMBERS) | Q(
        visibility=Visibility.ORGANIZATION, organization__in=organizations_verified(viewer)
    )
    return (
        visible
        & Q(onboarded_at__isnull=False, user__is_active=True)
        & Q(~blocked_with(viewer=viewer))
    )


# Whether a viewer may see a profile: asked whenever someone opens or sends an ask, so the
# question is compiled once per process with the profile and the viewer as values (the rule
# reads nothing of the viewer but their id).
_LISTED = CompiledQuery(
    lambda profile_id, viewer_id: (
        Profile.objects.filter(_visible_to(User(pk=viewer_id)), pk=profile_id)
        .order_by()
        .values_list("id")[:1]
    ),
    values=2,
)


def profile_listed(*, profile_id: int, viewer: User) -> bool:
    """Would the directory show this profile to the viewer? The same decision for staff as
    for anyone (their wider view of profiles is for looking after Tandem, not for asking)."""
    if not viewer.is_authenticated:
        return Profile.objects.filter(_visible_to(viewer), pk=profile_id).exists()
    return _LISTED.first(profile_id, viewer.pk) is not None


def person_listed(*, owner: User, other_id: int) -> bool:
    """Would the directory show this person's profile to `owner`? (Who may be blocked by
    name: registered with `moderation.blocks.may_block_register`.)"""
    return Profile.objects.filter(_visible_to(owner), user_id=other_id).exists()


def profiles_visible_to(*, viewer: User) -> QuerySet[Profile]:
    """The profiles the viewer may see (their own only if its visibility lets them too), for
    a list elsewhere to keep to (`profile__in=`), so it shows and counts only those."""
    return Profile.objects.filter(_visible_to(viewer))


def profile_ids_visible(*, ids: list[int], viewer: User) -> set[int]:
    """Which of these profiles the viewer may see (one query)."""
    return set(Profile.objects.filter(_visible_to(viewer), pk__in=ids).values_list("id", flat=True))


def _offered_skills() -> Prefetch:
    return Prefetch("skills_offered", queryset=SkillOffered.objects.select_related("skill"))


def _openable(*, profile_id: int, viewer: User) -> QuerySet[Profile]:
    """The profile if the viewer may open it: their own, staff, or allowed by its visibility
    (one query decides, with the profile's own row)."""
    qs = (
        Profile.objects.filter(pk=profile_id)
        .select_related("user", "organization")
        .annotate(organization_confirmed=owner_verified())
    )
    return qs if viewer.is_staff else qs.filter(Q(user=viewer) | _visible_to(viewer))


# Compiled once per process, as the profile page's own read (`_PAGE`); staff, who may open
# any profile, are few and go through the ORM.
_OPENABLE = CompiledQuery(
    lambda profile_id, viewer_id: _openable(profile_id=profile_id, viewer=User(pk=viewer_id)),
    values=2,
)


def profile_openable(*, profile_id: int, viewer: User) -> Profile | None:
    """As `profile_get_visible`, without the lists: for pages showing only who the person is
    (the ask form)."""
    if viewer.is_staff:
        return _openable(profile_id=profile_id, viewer=viewer).first()
    found: list[Profile] = _OPENABLE.objects(profile_id, viewer.pk)
    return found[0] if found else None


def profile_get_visible(*, profile_id: int, viewer: User) -> Profile | None:
    """The profile if the viewer may open it: their own, staff, or allowed by its visibility."""
    lists = (_offered_skills(), "skills_wanted", "languages", "competitors")
    profile = _openable(profile_id=profile_id, viewer=viewer).prefetch_related(*lists).first()
    if profile is not None and profile.user_id == viewer.pk:
        # Only the owner sees the skills in their own words that wait to be mapped.
        prefetch_related_objects([profile], "skill_requests")
    return profile


@dataclass(frozen=True)
class ProfilePage:
    """The profile a profile page shows, its lists as the page prints them, and what the
    viewer did to its person."""

    profile: Profile
    my_block: str  # "block", "mute" or "" (always "" on one's own page), for the buttons
    languages: list[str]  # by name
    skills_offered: list[tuple[str, str]]  # (skill, how well), best known first; a mentor's
    skills_wanted: list[str]  # by name; a mentee's


def _page_query(*, staff: bool) -> CompiledQuery:
    """The profile with its person, organization, "confirmed" mark and the viewer's block or
    mute of its person (a subquery doing what `moderation.blocks.block_kind_between` does),
    if the viewer may open it; compiled once per process (building and compiling it cost
    several ms a request), the profile and the viewer as values."""

    def build(profile_id: int, viewer_id: int) -> QuerySet[Profile]:
        kind = Block.objects.filter(owner_id=viewer_id, other_id=OuterRef("user_id"))
        viewer = User(pk=viewer_id, is_staff=staff)
        qs = _openable(profile_id=profile_id, viewer=viewer)
        return qs.annotate(my_block=Coalesce(Subquery(kind.values("kind")[:1]), Value("")))

    return CompiledQuery(build, values=2)


_PAGE = {staff: _page_query(staff=staff) for staff in (False, True)}
# The lists a profile page prints, as plain values (no model per chip, nor a prefetch).
_LANGUAGES = CompiledQuery(
    lambda profile_id: (
        Profile.languages.through.objects.filter(profile_id=profile_id)
        .order_by("language__name", "language_id")
        .values_list("language__name")
    )
)
_OFFERED = CompiledQuery(
    lambda profile_id: (
        SkillOffered.objects.filter(profile_id=profile_id)
        .order_by("-proficiency", "skill__name", "id")
        .values_list("skill__name", "proficiency")
    )
)
_WANTED = CompiledQuery(
    lambda profile_id: (
        Profile.skills_wanted.through.objects.filter(profile_id=profile_id)
        .order_by("skill__name", "skill_id")
        .values_list("skill__name")
    )
)
PROFICIENCIES = dict(Proficiency.choices)


def profile_page(*, profile_id: int, viewer: User) -> ProfilePage | None:
    """The profile page's profile if the viewer may open it (as `profile_get_visible`), with
    the viewer's block or mute of its person read in the same query, and only the lists the
    page shows: languages, skills offered for a mentor, wanted for a mentee; the owner's
    competitors and words waiting."""
    found: list[Profile] = _PAGE[viewer.is_staff].objects(profile_id, viewer.pk)
    if not found:
        return None
    profile = found[0]
    is_owner = profile.user_id == viewer.pk
    if is_owner:
        prefetch_related_objects([profile], "competitors", "skill_requests")
    offered = _OFFERED.rows(profile.pk) if profile.is_mentor else []
    return ProfilePage(
        profile=profile,
        my_block="" if is_owner else profile.my_block,  # type: ignore[attr-defined]
        languages=[name for (name,) in _LANGUAGES.rows(profile.pk)],
        skills_offered=[(name, PROFICIENCIES.get(level, level)) for name, level in offered],
        skills_wanted=[name for (name,) in _WANTED.rows(profile.pk)] if profile.is_mentee else [],
    )


# People who must list an organization on a findable profile before others are offered its
# name, unless staff vouched for it by setting its email domain.
ESTABLISHED_MEMBERS = 3


def organization_list_with_listed_members(*, query: str, limit: int = 10) -> QuerySet[Organization]:
    """Established organizations that listed, findable members belong to, for the
    organization field's suggestions.

    Names typed only as someone's competitor, or only by hidden members, stay private. A name
    one person typed is not offered to anyone else (a typo, a joke or a spoof would spread)
    until staff set its email domain or `ESTABLISHED_MEMBERS` findable people list it.
    """
    listed = Q(members__visibility=Visibility.MEMBERS, members__onboarded_at__isnull=False)
    qs = Organization.objects.annotate(listed=Count("members", filter=listed, distinct=True))
    qs = qs.filter(listed__gte=1).filter(~Q(email_domain="") | Q(listed__gte=ESTABLISHED_MEMBERS))
    if query:
        qs = qs.filter(name__icontains=query)
    return qs.order_by("name", "id")[:limit]
