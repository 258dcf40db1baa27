"""Reads for tribes: the list to browse and a tribe's page, one page selector each.

Who is listed on a tribe's page: members whose profile the viewer may see (the profiles
app's rule: a finished profile, an account switched on, its visibility setting, no block
either way), and the viewer themselves. A member who keeps their profile to their own
organization, or hidden, chose who may find them: joining a tribe does not widen that, so
anyone else finds neither their row nor their name, and the counts leave them out too (the
list says how many the viewer can see, not how many there are). Each member listed links to
their profile. The page's cost does not grow with the number of members shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from tandem.accounts.models import User
from tandem.core.errors import NotFound
from tandem.growth.tribes.models import Tribe, TribeKind, TribeMembership
from tandem.moderation.blocks import blocked_with
from tandem.profiles.models import Profile
from tandem.profiles.selectors import profile_for_user, profiles_visible_to

PAGE_SIZE = 30
SHOW = ("all", "mentors", "outside")  # the tribe page's filter; anything else is "all"

LISTED = Q(profile__onboarded_at__isnull=False, profile__user__is_active=True)


def _findable(viewer: User, ref: str = "profile") -> Q:
    """Members the viewer may see listed: those whose profile they may see, and themselves
    (`ref` is the path from the row counted to the member's profile)."""
    return Q(**{f"{ref}__in": profiles_visible_to(viewer=viewer)}) | Q(**{f"{ref}__user": viewer})


def _mine(viewer: User) -> Exists:
    return Exists(TribeMembership.objects.filter(tribe=OuterRef("pk"), profile__user=viewer))


@dataclass(frozen=True)
class BrowsePage:
    interest: list[Tribe]  # each with `members` (a count) and `is_mine`
    profession: list[Tribe]
    mine: int  # how many tribes the viewer is in
    can_join: bool  # has a finished profile


def browse_page_for(*, viewer: User) -> BrowsePage:
    """Every tribe with how many people the viewer would find in it (as its page lists them)
    and whether the viewer is one of them."""
    listed = (
        Q(
            memberships__profile__onboarded_at__isnull=False,
            memberships__profile__user__is_active=True,
        )
        & ~Q(blocked_with(viewer=viewer, user_ref="memberships__profile__user"))
        & _findable(viewer, "memberships__profile")
    )
    tribes = list(
        Tribe.objects.annotate(
            members=Count("memberships", filter=listed), is_mine=_mine(viewer)
        ).order_by("kind", "position", "name", "id")
    )
    profile = profile_for_user(user=viewer)
    return BrowsePage(
        interest=[t for t in tribes if t.kind == TribeKind.INTEREST],
        profession=[t for t in tribes if t.kind == TribeKind.PROFESSION],
        mine=sum(1 for t in tribes if t.is_mine),
        can_join=profile is not None and profile.is_onboarded,
    )


@dataclass(frozen=True)
class MemberRow:
    """One member as the viewer sees them."""

    name: str
    job_title: str
    organization: str
    is_mentor: bool
    outside: bool | None  # from another organization than the viewer's (None: can't tell)
    url: str  # their profile
    is_you: bool


@dataclass(frozen=True)
class TribePage:
    tribe: Tribe
    members: Page[Any]  # the page of memberships (for its numbers); its rows are `rows`
    rows: list[MemberRow]
    is_member: bool
    can_join: bool
    show: str
    has_organization: bool  # the viewer has one, so "outside my organization" means something
    me: Profile | None  # the viewer's own (its visibility says who finds them here)


def listed_members(*, tribe: Tribe, viewer: User) -> QuerySet[TribeMembership]:
    """The tribe's members the viewer may see listed, newest first."""
    return (
        TribeMembership.objects.filter(LISTED, _findable(viewer), tribe=tribe)
        .exclude(blocked_with(viewer=viewer, user_ref="profile__user"))
        .select_related("profile__user", "profile__organization")
        .order_by("-joined_at", "-id")
    )


def _row(membership: TribeMembership, viewer: Profile | None) -> MemberRow:
    profile = membership.profile
    outside = None
    if viewer is not None and viewer.organization_id and profile.organization_id:
        outside = viewer.organization_id != profile.organization_id
    return MemberRow(
        name=profile.user.display_name,
        job_title=profile.job_title,
        organization=profile.organization.name if profile.organization else "",
        is_mentor=profile.is_mentor,
        outside=outside,
        url=profile.get_absolute_url(),
        is_you=viewer is not None and profile.pk == viewer.pk,
    )


def tribe_page_for(*, slug: str, viewer: User, page_number: str | None, show: str) -> TribePage:
    """A tribe with one page of its members (mentors only, or those from other organizations,
    when `show` says so)."""
    tribe = Tribe.objects.filter(slug=slug).first()
    if tribe is None:
        raise NotFound("No such tribe.")
    profile = profile_for_user(user=viewer)
    show = show if show in SHOW else "all"
    members = listed_members(tribe=tribe, viewer=viewer)
    has_organization = profile is not None and profile.organization_id is not None
    if show == "mentors":
        members = members.filter(profile__is_mentor=True)
    elif show == "outside" and profile is not None and profile.organization_id is not None:
        members = members.filter(profile__organization__isnull=False).exclude(
            profile__organization=profile.organization_id
        )
    page = Paginator(members, PAGE_SIZE).get_page(page_number)
    return TribePage(
        tribe=tribe,
        members=page,
        rows=[_row(m, profile) for m in page.object_list],
        is_member=profile is not None and _is_member(tribe, profile),
        can_join=profile is not None and profile.is_onboarded,
        show=show,
        has_organization=has_organization,
        me=profile,
    )


def _is_member(tribe: Tribe, profile: Profile) -> bool:
    return TribeMembership.objects.filter(tribe=tribe, profile=profile).exists()


def export_for(user: User) -> dict[str, Any]:
    """The tribes the person joined, for their data download."""
    memberships = (
        TribeMembership.objects.filter(profile__user=user)
        .select_related("tribe")
        .order_by("joined_at", "id")
    )
    return {
        "tribes": [
            {"tribe": m.tribe.name, "kind": m.tribe.kind, "joined_at": m.joined_at}
            for m in memberships
        ]
    }
