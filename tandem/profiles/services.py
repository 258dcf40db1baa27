"""Writes for profiles. Every change to a profile goes through here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.core.errors import IllegalTransition, NotFound
from tandem.profiles.choices import Proficiency, SkillSide, Visibility
from tandem.profiles.directory.reads import mentor_timezones_forget
from tandem.profiles.errors import ProfileError as ProfileError  # callers catch it from here
from tandem.profiles.models import Language, Profile, SkillOffered, SkillRequest
from tandem.profiles.organizations import (
    competitors_set,
    organizations_forget,
    profile_organization_set,
)
from tandem.skills.models import Skill
from tandem.skills.normalize import normalize
from tandem.skills.selectors import skill_closest, skill_resolve

MAX_SKILLS_PER_SIDE = 15
# Skills in a person's own words waiting for staff at once (both lists together), and their length.
MAX_SKILL_REQUESTS = 5
MAX_SKILL_TEXT = 120
NO_ROLE = "Choose at least one: find a mentor, be a mentor, or both."


def _listing_changed() -> None:
    """The directory's kept timezone options may have moved: forget them now, and again once
    the change is committed (a page read in between would keep the old ones)."""
    mentor_timezones_forget()
    transaction.on_commit(mentor_timezones_forget)


def profile_get_or_create(*, user: User) -> Profile:
    """The user's profile, created empty on first use."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def email_domain(email: str) -> str:
    """The part after the @, lowercased."""
    return email.rsplit("@", 1)[-1].lower()


def profile_rules_check(*, profile: Profile) -> None:
    """Rules across fields that a single form field cannot see; raises ProfileError."""
    if not (profile.is_mentee or profile.is_mentor):
        raise ProfileError(NO_ROLE)
    if profile.manager_email and profile.manager_email.lower() == profile.user.email.lower():
        raise ProfileError("You can't be your own manager.", field="manager_email")
    if profile.visibility == Visibility.ORGANIZATION:
        organization = profile.organization
        if organization is None or not organization.email_domain:
            name = f"“{organization.name}”" if organization else "your organization"
            raise ProfileError(
                f"We can only show your profile to {name} alone once Tandem knows its email "
                "domain, and it doesn't yet. Choose “Everyone on Tandem” or “Nobody” for now.",
                field="visibility",
            )


# Fields a person may set on their own profile through the forms.
EDITABLE_FIELDS = frozenset(
    {
        "is_mentee", "is_mentor", "headline", "job_title", "industry", "function", "level",
        "years_experience", "bio", "goals", "target_industry", "target_function", "target_level",
        "focus_areas_sought", "mentoring_types_sought", "focus_areas_offered",
        "mentoring_types_offered", "hours_per_month", "capacity", "is_paused", "timezone",
        "city", "country", "meeting_mode", "contact_channel", "contact_detail", "visibility",
        "manager_email",
    }
)  # fmt: skip


@transaction.atomic
def profile_update(
    *,
    profile: Profile,
    fields: dict[str, Any],
    organization_name: str | None = None,
    languages: Iterable[Language] | None = None,
    competitor_names: Iterable[str] | None = None,
) -> Profile:
    """Apply already-validated values; related things change only when passed.

    Raises ProfileError (naming the form field) when a rule is broken; the transaction then
    rolls back, so nothing is half-saved.
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ProfileError(f"These fields can't be changed here: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.manager_email = profile.manager_email.strip().lower()
    # What the profile names before the change: any it lets go of and nothing else names goes.
    let_go = {profile.organization_id}
    if competitor_names is not None:
        let_go |= set(profile.competitors.values_list("pk", flat=True))
    if organization_name is not None:
        profile_organization_set(profile, organization_name)
    profile_rules_check(profile=profile)
    profile.full_clean(exclude=["user"])
    profile.save()
    _listing_changed()
    if languages is not None:
        profile.languages.set(list(languages))
    if competitor_names is not None:
        competitors_set(profile, competitor_names)
    organizations_forget(let_go)
    return profile


def profile_onboarding_complete(*, profile: Profile, now: datetime) -> Profile:
    """Mark onboarding finished (only the first time counts); needs a valid profile."""
    profile_rules_check(profile=profile)
    if profile.onboarded_at is None:
        profile.onboarded_at = now
        profile.save(update_fields=["onboarded_at", "updated_at"])
        _listing_changed()
        if not profile.languages.exists():
            # Onboarding no longer asks; most people mentor in English, and they can change it.
            profile.languages.add(*Language.objects.filter(code="en"))
    return profile


def _touch(profile: Profile) -> None:
    """Bump `updated_at`: matching rebuilds its cached mentor arrays when it moves."""
    profile.save(update_fields=["updated_at"])


def profile_target_set(*, user: User, industry: str, function: str, level: int | None) -> Profile:
    """Set where the person wants to go (a career plan copies its target here), so matching
    sees it; the stamp moves as with every other profile save."""
    profile = profile_get_or_create(user=user)
    profile.target_industry, profile.target_function = industry, function
    profile.target_level = level
    targets = ["target_industry", "target_function", "target_level"]
    others = [f.name for f in Profile._meta.fields if f.name not in targets]
    profile.clean_fields(exclude=others)  # the choices; the rest of the profile is not ours
    profile.save(update_fields=[*targets, "updated_at"])
    return profile


class SkillNotKnown(ProfileError):
    """Typed text that names no skill; carries the closest skills, for "did you mean"."""

    def __init__(self, text: str, closest: list[Skill]) -> None:
        super().__init__(f"We don't know the skill “{text}” yet.", field="skill")
        self.text = text
        self.closest = closest


def _resolve_or_fail(text: str) -> Skill:
    skill = skill_resolve(text=text)
    if skill is None:
        raise SkillNotKnown(" ".join(text.split()), skill_closest(text=text))
    return skill


@transaction.atomic
def profile_skill_wanted_add(*, profile: Profile, text: str) -> Skill:
    """Add a skill the person wants to learn; typed aliases resolve to the skill."""
    skill = _resolve_or_fail(text)
    if not profile.skills_wanted.filter(pk=skill.pk).exists():
        if profile.skills_wanted.count() >= MAX_SKILLS_PER_SIDE:
            raise ProfileError(
                f"Keep it focused: at most {MAX_SKILLS_PER_SIDE} skills.", field="skill"
            )
        profile.skills_wanted.add(skill)
        _touch(profile)
    return skill


def profile_skill_wanted_remove(*, profile: Profile, skill_id: int) -> None:
    """Remove a wanted skill (no error if it wasn't there)."""
    profile.skills_wanted.remove(skill_id)
    _touch(profile)


@transaction.atomic
def profile_skill_offered_add(
    *, profile: Profile, text: str, proficiency: int = Proficiency.ADVANCED
) -> SkillOffered:
    """Add (or re-rate) a skill the person offers as a mentor."""
    if proficiency not in Proficiency.values:
        raise ProfileError("Choose how well you know it.", field="proficiency")
    skill = _resolve_or_fail(text)
    existing = SkillOffered.objects.filter(profile=profile, skill=skill).first()
    if existing is not None:
        existing.proficiency = proficiency
        existing.save(update_fields=["proficiency"])
        _touch(profile)
        return existing
    if SkillOffered.objects.filter(profile=profile).count() >= MAX_SKILLS_PER_SIDE:
        raise ProfileError(f"Keep it focused: at most {MAX_SKILLS_PER_SIDE} skills.", field="skill")
    offered = SkillOffered.objects.create(profile=profile, skill=skill, proficiency=proficiency)
    _touch(profile)
    return offered


def profile_skill_offered_set_proficiency(
    *, profile: Profile, skill_id: int, proficiency: int
) -> None:
    """Change how well the person says they know an offered skill."""
    if proficiency not in Proficiency.values:
        raise ProfileError("Choose how well you know it.", field="proficiency")
    SkillOffered.objects.filter(profile=profile, skill_id=skill_id).update(proficiency=proficiency)
    _touch(profile)


def profile_skill_offered_remove(*, profile: Profile, skill_id: int) -> None:
    """Stop offering a skill (no error if it wasn't offered)."""
    SkillOffered.objects.filter(profile=profile, skill_id=skill_id).delete()
    _touch(profile)


def _skill_count(profile: Profile, side: str) -> int:
    """Skills on one side of the profile, counting words still waiting to be mapped."""
    held = (
        profile.skills_wanted.count()
        if side == SkillSide.WANTED
        else SkillOffered.objects.filter(profile=profile).count()
    )
    return held + profile.skill_requests.filter(side=side, mapped_to__isnull=True).count()


@transaction.atomic
def profile_skill_request_add(
    *,
    profile: Profile,
    side: str,
    text: str,
    proficiency: int = Proficiency.ADVANCED,
    now: datetime,
) -> Skill | SkillRequest:
    """Keep a skill in the person's own words until staff map it to one in the taxonomy.

    Words that do name a skill add that skill instead (returned); the same words twice keep
    one request. Free text is capped: a few waiting at once, within the list's own cap.
    """
    if side not in SkillSide.values:
        raise ProfileError("Choose which list it belongs on.", field="skill")
    if proficiency not in Proficiency.values:
        raise ProfileError("Choose how well you know it.", field="proficiency")
    words = " ".join(text.split())
    if not any(ch.isalnum() for ch in words):
        raise ProfileError("Type the skill in a few words, e.g. “growth loops”.", field="skill")
    if len(words) > MAX_SKILL_TEXT:
        raise ProfileError(f"Keep it under {MAX_SKILL_TEXT} characters.", field="skill")
    if skill_resolve(text=words) is not None:
        if side == SkillSide.WANTED:
            return profile_skill_wanted_add(profile=profile, text=words)
        return profile_skill_offered_add(profile=profile, text=words, proficiency=proficiency).skill
    # Under the profile's row lock, so two quick clicks cannot both slip under the caps.
    locked = Profile.objects.select_for_update().get(pk=profile.pk)
    key = normalize(words)
    existing = locked.skill_requests.filter(side=side, normalized=key, mapped_to__isnull=True)
    if (request := existing.first()) is not None:
        return request
    waiting = locked.skill_requests.filter(mapped_to__isnull=True).count()
    if waiting >= MAX_SKILL_REQUESTS:
        raise ProfileError(
            f"You have {waiting} skills in your own words waiting for us already. Once we've "
            "matched those, add more; or pick a skill from the list.",
            field="skill",
        )
    if _skill_count(locked, side) >= MAX_SKILLS_PER_SIDE:
        raise ProfileError(f"Keep it focused: at most {MAX_SKILLS_PER_SIDE} skills.", field="skill")
    return SkillRequest.objects.create(
        profile=locked, side=side, text=words, normalized=key, proficiency=proficiency,
        requested_at=now,
    )  # fmt: skip


def profile_skill_request_withdraw(*, profile: Profile, skill_request_id: int) -> str:
    """Take back words still waiting to be mapped; returns their side. Others' are not found."""
    request = profile.skill_requests.filter(pk=skill_request_id, mapped_to__isnull=True).first()
    if request is None:
        raise NotFound("We couldn't find those words on your profile.")
    request.delete()
    return request.side


def profiles_touch(*, user_ids: Iterable[int]) -> None:
    """Bump these people's profile stamps after a change to their account that their profile
    rows do not show (a suspension, registered with moderation in apps.py): each process's
    mentor index tells a changed mentor by the stamp, and drops one no longer listed."""
    # The clock, not the service's `now`: the stamp says when the row changed, and the index
    # looks for rows stamped since it last looked.
    Profile.objects.filter(user_id__in=list(user_ids)).update(updated_at=timezone.now())


@transaction.atomic
def profile_hide(*, target_id: int, staff: User, now: datetime) -> bool:
    """Staff take a reported profile out of the directory and off others' screens (moderation's
    "remove", registered in apps.py); whether it was shown until now."""
    shown = Profile.objects.filter(pk=target_id).exclude(visibility=Visibility.HIDDEN)
    return bool(shown.update(visibility=Visibility.HIDDEN, updated_at=now))


def skill_request_map(*, skill_request_id: int, skill: Skill, now: datetime) -> SkillRequest:
    """Staff: these words mean this skill, so the person now holds it on the same side.

    The request already held its place under the list's cap, so mapping never fails on it.
    Mapping again to the same skill changes nothing; to another skill is refused.
    """
    request = (
        # Lock only the request: PostgreSQL can't lock the nullable side of an outer join.
        SkillRequest.objects.select_for_update(of=("self",))
        .select_related("profile", "mapped_to")
        .filter(pk=skill_request_id)
        .first()
    )
    if request is None:
        raise NotFound("No such skill request.")
    if request.mapped_to is not None:
        if request.mapped_to.pk == skill.pk:
            return request
        raise IllegalTransition(f"These words are already mapped to {request.mapped_to.name}.")
    request.mapped_to = skill
    request.mapped_at = now
    request.save(update_fields=["mapped_to", "mapped_at"])
    profile = request.profile
    if request.side == SkillSide.WANTED:
        profile.skills_wanted.add(skill)
    else:
        SkillOffered.objects.get_or_create(
            profile=profile, skill=skill, defaults={"proficiency": request.proficiency}
        )
    _touch(profile)
    return request


def skill_requests_map_resolved(*, skill_request_ids: Iterable[int], now: datetime) -> int:
    """Staff: map each waiting request whose words now name a skill (an alias was added)."""
    mapped = 0
    waiting = SkillRequest.objects.filter(pk__in=list(skill_request_ids), mapped_to__isnull=True)
    for request in waiting.order_by("id"):
        skill = skill_resolve(text=request.text)
        if skill is not None:
            skill_request_map(skill_request_id=request.pk, skill=skill, now=now)
            mapped += 1
    return mapped


# Kinds of mentoring a new mentor can give from having been a mentee; sponsorship and line
# management need standing they may not have yet.
GRADUATE_TYPES = ("developmental", "expertise", "career_life", "peer", "reverse")
GRADUATE_CAPACITY = 3  # a graduate starts small


@transaction.atomic
def profile_become_mentor(
    *, profile: Profile, skills: Iterable[Skill], proficiency: int, capacity: int = 1
) -> Profile:
    """Turn a mentee into a mentor (PRODUCT.md P13), offering what they say they can teach.

    Skills offered are only the ones the person picks: wanting to learn a skill is no sign of
    being able to teach it, so nothing is copied from the wanted side. What they sought help
    with becomes what they can help with, and they start small (1–3 mentees); the matching's
    level-gap rule keeps a new graduate from topping a newcomer's list above a senior mentor.
    """
    chosen = list(dict.fromkeys(skills))
    if not chosen:
        raise ProfileError("Pick at least one skill you could help someone with.", field="skills")
    if len(chosen) > MAX_SKILLS_PER_SIDE:
        raise ProfileError(
            f"Keep it focused: at most {MAX_SKILLS_PER_SIDE} skills.", field="skills"
        )
    if proficiency not in Proficiency.values:
        raise ProfileError("Choose how well you know them.", field="proficiency")
    if not 1 <= capacity <= GRADUATE_CAPACITY:
        raise ProfileError(
            f"Start with 1 to {GRADUATE_CAPACITY} mentees at once; you can raise it later.",
            field="capacity",
        )
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    if profile.is_mentor:
        raise ProfileError("You're a mentor already: change what you offer on your profile.")
    profile.is_mentor = True
    profile.focus_areas_offered = profile.focus_areas_offered or list(profile.focus_areas_sought)
    profile.mentoring_types_offered = profile.mentoring_types_offered or [
        t for t in profile.mentoring_types_sought if t in GRADUATE_TYPES
    ]
    profile.capacity, profile.is_paused = capacity, False
    profile.save()
    _listing_changed()
    SkillOffered.objects.bulk_create(
        SkillOffered(profile=profile, skill=skill, proficiency=proficiency) for skill in chosen
    )
    return profile
