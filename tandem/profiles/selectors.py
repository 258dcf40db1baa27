"""Reads for profiles: who may see a profile, and the mentor directory."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from tandem.accounts.models import User
from tandem.profiles.choices import MeetingMode, Visibility
from tandem.profiles.models import Profile, SkillOffered
from tandem.skills.models import Skill


def profile_for_user(*, user: User) -> Profile | None:
    """The user's own profile, if they have one."""
    return Profile.objects.select_related("organization").filter(user=user).first()


def _visible_to(viewer: User) -> Q:
    """Profiles this signed-in viewer may see (besides their own)."""
    visible = Q(visibility=Visibility.MEMBERS)
    viewer_org = Profile.objects.filter(user=viewer).values("organization_id")
    visible |= Q(visibility=Visibility.ORGANIZATION, organization_id__in=viewer_org)
    return visible & Q(onboarded_at__isnull=False)


def _with_related(qs: QuerySet[Profile]) -> QuerySet[Profile]:
    return qs.select_related("user", "organization", "manager").prefetch_related(
        Prefetch("skills_offered", queryset=SkillOffered.objects.select_related("skill")),
        "skills_wanted",
        "languages",
        "competitors",
    )


def profile_get_visible(*, profile_id: int, viewer: User) -> Profile | None:
    """The profile if the viewer may open it: their own, staff, or allowed by its visibility."""
    qs = _with_related(Profile.objects.filter(pk=profile_id))
    if not (viewer.is_staff or Profile.objects.filter(pk=profile_id, user=viewer).exists()):
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
        qs = qs.filter(is_paused=False, capacity__gt=0)
    # Mentors who can take a request come first; the rest stay findable below them.
    unavailable = Case(
        When(is_paused=False, capacity__gt=0, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        _with_related(qs.distinct())
        .annotate(unavailable=unavailable)
        .order_by("unavailable", "user__first_name", "user__last_name", "id")
    )


def mentor_timezones() -> list[str]:
    """Timezones that at least one mentor is in, for the directory filter."""
    return list(
        Profile.objects.filter(is_mentor=True, onboarded_at__isnull=False)
        .order_by("timezone")
        .values_list("timezone", flat=True)
        .distinct()
    )
