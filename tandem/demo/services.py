"""Writes for the demo data: the planned population, written in bulk in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from tandem.accounts.models import User, program_managers_group
from tandem.demo.generator import demo_plan_build
from tandem.demo.logins import DEMO_PASSWORD, NAMED_PEOPLE
from tandem.demo.meetings import goals_write, named_meetings_write
from tandem.demo.plan import DemoError, DemoPlan
from tandem.demo.programs import demo_programs_write
from tandem.demo.relationships import story_plan, story_write
from tandem.demo.selectors import demo_logins_missing, demo_next_number
from tandem.mentorships.models import Mentorship
from tandem.organizations.models import Organization
from tandem.organizations.services import organization_get_or_create
from tandem.profiles.models import Language, Profile, SkillOffered
from tandem.skills.models import Skill

# Rows per INSERT; SQLite lowers it further to fit its limit on query parameters.
BATCH_SIZE = 1000
UPDATE_CHUNK = 500


@dataclass(frozen=True)
class DemoReport:
    """What a load created."""

    people: int
    mentors: int  # counting people who are both
    mentees: int  # counting people who are both
    both: int
    organizations: int  # organizations the people belong to
    organizations_created: int
    managers: int  # people who have a manager
    competitor_links: int
    paused: int
    named_created: int  # how many of the five demo logins this load created
    asks: int = 0  # every ask written, those that became mentorships included
    mentorships: int = 0


def demo_load(*, people: int, seed: int, now: datetime | None = None) -> DemoReport:
    """Create `people` demo people, the five demo logins among them on the first load.

    Loading again adds `people` more, numbered after the existing ones; a demo login is
    only created when its email is free. The same seed on a fresh database gives the same
    people.
    """
    now = now or timezone.now()
    named = demo_logins_missing()
    plan = demo_plan_build(people=people, seed=seed, first_number=demo_next_number(), named=named)
    with transaction.atomic():
        organizations, created = _organizations_write(plan=plan)
        profiles = _people_write(plan=plan, organizations=organizations, now=now)
        by_email = {profile.user.email: profile for profile in profiles}
        named_profiles = {
            key: by_email[person.email]
            for key, person in zip(("mentee", "mentor", "both"), NAMED_PEOPLE, strict=False)
            if person.email in by_email
        }
        story = story_write(story_plan(profiles=profiles, named=named_profiles, seed=seed, now=now))
        _meetings_write(profiles=profiles, named=named_profiles, now=now)
        demo_programs_write(profiles=profiles, seed=seed, now=now)
    return DemoReport(
        people=len(plan.people),
        mentors=plan.mentors,
        mentees=plan.mentees,
        both=plan.both,
        organizations=len({p.organization for p in plan.people if p.organization}),
        organizations_created=created,
        managers=sum(p.manager is not None for p in plan.people),
        competitor_links=sum(len(p.competitors) for p in plan.people),
        paused=sum(p.is_paused for p in plan.people),
        named_created=len(named),
        asks=story.asks,
        mentorships=story.mentorships,
    )


def planner_statistics_update() -> bool:
    """ANALYZE every table on PostgreSQL, so its planner knows the rows a load just wrote;
    whether it ran.

    Until autovacuum gets round to a freshly loaded table (never, where it is off), PostgreSQL
    plans from empty statistics: it estimated 14 pending asks where there were 790 (issue 14)
    and chose plans for tiny tables. SQLite is left alone: it never gathers statistics by
    itself, so a site that has always run without them keeps the plans it was tested with.
    """
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True


def _meetings_write(*, profiles: list[Profile], named: dict[str, Profile], now: datetime) -> None:
    ids = [p.pk for p in profiles]
    mentorships = Mentorship.objects.filter(mentee_id__in=ids).values_list("id", flat=True)
    goals_write(mentorship_ids=list(mentorships))
    if "mentee" in named and "mentor" in named:
        ours = (
            Mentorship.objects.filter(
                mentee=named["mentee"], mentor=named["mentor"], state=Mentorship.State.ACTIVE
            )
            .select_related("mentee__user", "mentor__user")
            .first()
        )
        if ours is not None:
            named_meetings_write(mentorship=ours, now=now)


def _organizations_write(*, plan: DemoPlan) -> tuple[dict[str, int], int]:
    """The plan's organizations, created where missing: (ids by name, how many were new)."""
    ids: dict[str, int] = {}
    created = 0
    for spec in plan.organizations:
        is_new = not Organization.objects.filter(name__iexact=spec.name).exists()
        organization = organization_get_or_create(
            name=spec.name, industry=spec.industry, kind=spec.kind, email_domain=spec.domain
        )
        created += is_new
        ids[spec.name] = organization.pk
    return ids, created


def _ids(model: type[Skill] | type[Language], field: str, keys: Iterable[str]) -> dict[str, int]:
    """Primary keys by `field` value; every key must exist."""
    wanted = set(keys)
    found: dict[str, int] = dict(
        model.objects.filter(**{f"{field}__in": wanted}).values_list(field, "id")
    )
    missing = sorted(wanted - set(found))
    if missing:
        raise DemoError(
            f"The database lacks {model._meta.verbose_name_plural}: {', '.join(missing)}. "
            "Run `manage.py migrate` (and `manage.py load_skills`) first."
        )
    return found


def _people_write(*, plan: DemoPlan, organizations: dict[str, int], now: datetime) -> list[Profile]:
    """Users, verified email addresses, profiles and their related rows, in bulk."""
    people = plan.people
    skills = _ids(
        Skill,
        "slug",
        [s for p in people for s in p.skills_wanted]
        + [s for p in people for s, _ in p.skills_offered],
    )
    languages = _ids(Language, "code", [code for p in people for code in p.languages])
    password = make_password(DEMO_PASSWORD)  # hashed once: every demo person shares it

    users = [
        User(
            email=p.email,
            first_name=p.first_name,
            last_name=p.last_name,
            password=password,
            is_staff=p.is_staff,
            is_superuser=p.is_staff,
            date_joined=now - timedelta(seconds=p.joined_seconds_ago),
        )
        for p in people
    ]
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=BATCH_SIZE,
    )
    profiles = [
        Profile(
            user=user,
            is_mentee=p.is_mentee,
            is_mentor=p.is_mentor,
            headline=p.headline,
            job_title=p.job_title,
            organization_id=organizations.get(p.organization),
            industry=p.industry,
            function=p.function,
            level=p.level,
            years_experience=p.years_experience,
            bio=p.bio,
            goals=p.goals,
            target_industry=p.target_industry,
            target_function=p.target_function,
            target_level=p.target_level,
            focus_areas_sought=list(p.focus_areas_sought),
            mentoring_types_sought=list(p.mentoring_types_sought),
            focus_areas_offered=list(p.focus_areas_offered),
            mentoring_types_offered=list(p.mentoring_types_offered),
            hours_per_month=p.hours_per_month,
            capacity=p.capacity,
            is_paused=p.is_paused,
            timezone=p.timezone,
            city=p.city,
            country=p.country,
            meeting_mode=p.meeting_mode,
            contact_channel=p.contact_channel,
            contact_detail=p.contact_detail,
            manager_email=users[p.manager].email if p.manager is not None else "",
            visibility=p.visibility,
            onboarded_at=user.date_joined + timedelta(seconds=p.onboarding_seconds),
        )
        for user, p in zip(users, people, strict=True)
    ]
    Profile.objects.bulk_create(profiles, batch_size=BATCH_SIZE)
    _profiles_backdate(profile_ids=[profile.pk for profile in profiles])

    pairs = list(zip(profiles, people, strict=True))
    SkillWanted = Profile.skills_wanted.through
    SkillWanted.objects.bulk_create(
        [
            SkillWanted(profile_id=pr.pk, skill_id=skills[s])
            for pr, p in pairs
            for s in p.skills_wanted
        ],
        batch_size=BATCH_SIZE,
    )
    SkillOffered.objects.bulk_create(
        [
            SkillOffered(profile_id=pr.pk, skill_id=skills[s], proficiency=level)
            for pr, p in pairs
            for s, level in p.skills_offered
        ],
        batch_size=BATCH_SIZE,
    )
    Speaks = Profile.languages.through
    Speaks.objects.bulk_create(
        [
            Speaks(profile_id=pr.pk, language_id=languages[c])
            for pr, p in pairs
            for c in p.languages
        ],
        batch_size=BATCH_SIZE,
    )
    Competitor = Profile.competitors.through
    Competitor.objects.bulk_create(
        [
            Competitor(profile_id=pr.pk, organization_id=organizations[name])
            for pr, p in pairs
            for name in p.competitors
        ],
        batch_size=BATCH_SIZE,
    )
    managers = [user for user, p in zip(users, people, strict=True) if p.is_program_manager]
    if managers:
        program_managers_group().user_set.add(*managers)
    return profiles


def _profiles_backdate(*, profile_ids: list[int]) -> None:
    """bulk_create stamps auto_now fields with the current time; date them at onboarding."""
    for start in range(0, len(profile_ids), UPDATE_CHUNK):
        Profile.objects.filter(pk__in=profile_ids[start : start + UPDATE_CHUNK]).update(
            created_at=F("onboarded_at"), updated_at=F("onboarded_at")
        )
