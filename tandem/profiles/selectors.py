"""Reads for profiles: who may see a profile, and the mentor directory."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from tandem.accounts.models import User
from tandem.moderation.blocks import blocked_with
from tandem.organizations.models import Organization
from tandem.organizations.verified import organizations_verified, owner_verified
from tandem.profiles.choices import MeetingMode, Visibility
from tandem.profiles.models import ACCEPTING_REQUESTS, Language, Profile, SkillOffered
from tandem.skills.models import Skill


def profile_for_user(*, user: User) -> Profile | None:
    """The user's own profile, if they have one."""
    return Profile.objects.select_related("organization").filter(user=user).first()


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


def profile_get_visible(*, profile_id: int, viewer: User) -> Profile | None:
    """The profile if the viewer may open it: their own, staff, or allowed by its visibility."""
    qs = (
        Profile.objects.filter(pk=profile_id)
        .select_related("user", "organization")
        .annotate(organization_confirmed=owner_verified())
        .prefetch_related(_offered_skills(), "skills_wanted", "languages", "competitors")
    )
    if Profile.objects.filter(pk=profile_id, user=viewer).exists():
        # Only the owner sees the skills in their own words that wait to be mapped.
        return qs.prefetch_related("skill_requests").first()
    if not viewer.is_staff:
        qs = qs.filter(_visible_to(viewer))
    return qs.first()


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
    """Mentors the viewer may see, narrowed by the filters, in a stable order."""
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
    if filters.skill is not None:
        qs = qs.filter(skills_offered__skill=filters.skill)
    elif filters.skill_any_of is not None:
        qs = qs.filter(skills_offered__skill_id__in=filters.skill_any_of)
    if filters.industry:
        qs = qs.filter(industry=filters.industry)
    if filters.function:
        qs = qs.filter(function=filters.function)
    if filters.level_min is not None:
        qs = qs.filter(level__gte=filters.level_min)
    if filters.language:
        qs = qs.filter(languages__code=filters.language)
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
    return (
        qs.distinct()
        .select_related("user", "organization")
        .prefetch_related(_offered_skills(), "languages")
        .annotate(unavailable=unavailable, organization_confirmed=owner_verified())
        .order_by("unavailable", "user__first_name", "user__last_name", "id")
    )


def mentor_timezones(*, viewer: User) -> list[str]:
    """Timezones of the mentors this viewer can see, for the directory filter."""
    return list(
        Profile.objects.filter(_visible_to(viewer), is_mentor=True)
        .order_by("timezone")
        .values_list("timezone", flat=True)
        .distinct()
    )


def language_list() -> QuerySet[Language]:
    """Every language a profile can list, by name."""
    return Language.objects.order_by("name", "id")


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
