"""Reads for profiles: whose profile is whose, who may see a profile, and a profile's page
(the mentor directory's reads are in `tandem.profiles.directory.reads`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
from django.db.models.functions import Coalesce, Lower

from tandem.accounts.models import User
from tandem.moderation.blocks import blocked_with
from tandem.moderation.models import Block
from tandem.organizations.models import Organization
from tandem.organizations.verified import organizations_verified, owner_verified
from tandem.profiles.choices import Visibility
from tandem.profiles.models import Profile, SkillOffered


def profile_for_user(*, user: User) -> Profile | None:
    """The user's own profile, if they have one."""
    return Profile.objects.select_related("organization").filter(user=user).first()


MAX_MANAGER_CHAIN = 10  # steps up a reporting line followed before giving up (a loop, a typo)


def manager_chain_emails(*, profile: Profile) -> set[str]:
    """The emails up the person's reporting line (their manager, that manager's manager, …),
    lower-cased.

    Each step compares LOWER(email) with the lower-cased address: the expression the
    case-insensitive unique index on accounts_user is built on, so each step is one index
    lookup. (`email__iexact` compares UPPER(email) on PostgreSQL and read the whole user
    table: 6-20 ms a step at 10,000 people.)
    """
    chain: set[str] = set()
    email = profile.manager_email.lower()
    while email and email not in chain and len(chain) < MAX_MANAGER_CHAIN:
        chain.add(email)
        email = (
            Profile.objects.alias(email=Lower("user__email"))
            .filter(email=email)
            .values_list("manager_email", flat=True)
            .first()
            or ""
        ).lower()
    return chain


def profile_is_mentee(*, user: User) -> bool:
    """Does the user have a profile as a mentee."""
    return Profile.objects.filter(user=user, is_mentee=True).exists()


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


def profile_listed(*, profile_id: int, viewer: User) -> bool:
    """Would the directory show this profile to the viewer? The same decision for staff as
    for anyone (their wider view of profiles is for looking after Tandem, not for asking)."""
    return Profile.objects.filter(_visible_to(viewer), pk=profile_id).exists()


def person_listed(*, owner: User, other_id: int) -> bool:
    """Would the directory show this person's profile to `owner`? (Who may be blocked by
    name: registered with `moderation.blocks.may_block_register`.)"""
    return Profile.objects.filter(_visible_to(owner), user_id=other_id).exists()


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
    """The profile a profile page shows, and what the viewer did to its person."""

    profile: Profile
    my_block: str  # "block", "mute" or "" (always "" on one's own page), for the buttons


def profile_page(*, profile_id: int, viewer: User) -> ProfilePage | None:
    """The profile page's profile if the viewer may open it (as `profile_get_visible`), with
    the viewer's block or mute of its person read in the same query (a subquery doing what
    `moderation.blocks.block_kind_between` does), and only the lists the page shows: skills
    offered for a mentor, wanted for a mentee, the owner's competitors and words waiting."""
    kind = Block.objects.filter(owner=viewer, other_id=OuterRef("user_id")).values("kind")[:1]
    qs = _openable(profile_id=profile_id, viewer=viewer)
    profile = qs.annotate(my_block=Coalesce(Subquery(kind), Value(""))).first()
    if profile is None:
        return None
    is_owner = profile.user_id == viewer.pk
    lists: list[str | Prefetch[Any]] = ["languages"]
    if profile.is_mentor:
        lists.append(_offered_skills())
    if profile.is_mentee:
        lists.append("skills_wanted")
    if is_owner:
        lists += ["competitors", "skill_requests"]
    prefetch_related_objects([profile], *lists)
    my_block: str = "" if is_owner else profile.my_block
    return ProfilePage(profile=profile, my_block=my_block)


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
