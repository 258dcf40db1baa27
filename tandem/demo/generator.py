"""The demo population, planned in memory: pure and deterministic, no database.

`demo_plan_build` draws everything from one `random.Random(seed)` and Faker instances
seeded from it, so the same arguments always give the same plan; the service then writes
the plan in bulk.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from tandem.demo import texts
from tandem.demo.logins import NAMED_PEOPLE, NamedPerson
from tandem.demo.places import PLACES, Place
from tandem.demo.plan import DemoError, DemoPlan, PersonPlan
from tandem.demo.traits import (
    contact_detail,
    email_part,
    faker_for,
    job_title,
    language_names,
    pick_focus_offered,
    pick_focus_sought,
    pick_languages,
    pick_offered,
    pick_types,
    pick_wanted,
    skill_phrase,
    weighted,
)
from tandem.demo.vocab import (
    CAREER_MOVES,
    FUNCTIONS,
    INDUSTRY_FUNCTIONS,
    LEVEL_WEIGHTS,
    ORGANIZATIONS,
    YEARS_BY_LEVEL,
    OrganizationSpec,
)
from tandem.organizations.choices import Industry

DEFAULT_PEOPLE = 800
DEFAULT_SEED = 2026
MIN_PEOPLE = 10
# Role mix: 800 people give 240 mentors and 640 mentees (both counted on each side).
MENTOR_ONLY_SHARE = 0.20
BOTH_SHARE = 0.10
PAUSED_SHARE = 0.05  # of all mentors
MANAGER_SHARE = 0.35  # of people who could have a senior colleague as manager
COMPETITOR_SHARE = 0.15  # of people whose industry has another demo organization
REMOTE_SHARE = 0.12  # people living away from their organization's offices
SAME_FUNCTION_TARGET_SHARE = 0.70
SAME_INDUSTRY_TARGET_SHARE = 0.75
GENERATED_DOMAIN = "tandem-demo.example"  # for someone without an organization
MIN_MANAGER_LEVEL = 4  # managers are at least senior
DAY = 24 * 60 * 60
NAMED_JOINED_SECONDS_AGO = 120 * DAY
_INDUSTRIES = sorted({str(o.industry) for o in ORGANIZATIONS})
_MODES_LOCAL = {"virtual": 45, "either": 38, "in_person": 17}
_MODES_REMOTE = {"virtual": 80, "either": 20}
_CHANNELS = {"email": 40, "video": 35, "chat": 15, "phone": 10}
_VISIBILITIES = {"members": 90, "organization": 7, "hidden": 3}


@dataclass
class _Draft:
    """A person's skeleton while the plan is drawn (the parts others depend on)."""

    role: str  # "mentee", "mentor" or "both"
    org: OrganizationSpec | None
    place: Place
    remote: bool
    level: int
    function: str
    named: NamedPerson | None = None
    number: int = 0
    manager: int | None = None
    paused: bool = False

    @property
    def is_mentor(self) -> bool:
        return self.role in ("mentor", "both")

    @property
    def is_mentee(self) -> bool:
        return self.role in ("mentee", "both")


def _role_of(person: NamedPerson) -> str:
    if person.is_mentor and person.is_mentee:
        return "both"
    return "mentor" if person.is_mentor else "mentee"


def _generated_roles(people: int, named: tuple[NamedPerson, ...]) -> list[str]:
    """The roles of the generated people, so that the whole load keeps the role mix."""
    named_roles = [_role_of(person) for person in named]
    both = max(0, round(people * BOTH_SHARE) - named_roles.count("both"))
    mentor_only = max(0, round(people * MENTOR_ONLY_SHARE) - named_roles.count("mentor"))
    generated = people - len(named)
    return (
        ["mentor"] * mentor_only + ["both"] * both + ["mentee"] * (generated - both - mentor_only)
    )


def _assign_managers(rng: random.Random, drafts: list[_Draft]) -> None:
    """Give some people a manager: a colleague 1–4 levels up in the same organization.

    A manager is always strictly more senior, so nobody manages themself and no reporting
    line can loop back on itself.
    """
    by_function: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    by_level: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, d in enumerate(drafts):
        if d.org is not None:
            by_function[(d.org.name, d.function, d.level)].append(i)
            by_level[(d.org.name, d.level)].append(i)
    for d in drafts:
        if d.org is None or d.level >= 10 or rng.random() >= MANAGER_SHARE:
            continue
        gaps = [1, 2, 3, 4]
        rng.shuffle(gaps)
        levels = [d.level + gap for gap in gaps if MIN_MANAGER_LEVEL <= d.level + gap <= 10]
        org = d.org.name
        same_function = [by_function.get((org, d.function, lvl), []) for lvl in levels]
        any_function = [by_level.get((org, lvl), []) for lvl in levels]
        # Prefer someone who leads the same function; any senior colleague will do.
        candidates = next((found for found in same_function + any_function if found), [])
        if candidates:
            d.manager = rng.choice(candidates)


def _pause_some_mentors(rng: random.Random, drafts: list[_Draft]) -> None:
    """About one mentor in twenty has paused new requests (never a named demo login)."""
    mentors = [i for i, d in enumerate(drafts) if d.is_mentor and d.named is None]
    total = sum(d.is_mentor for d in drafts)
    for i in rng.sample(mentors, min(len(mentors), max(1, round(total * PAUSED_SHARE)))):
        drafts[i].paused = True


def _draft_generated(
    rng: random.Random, role: str, number: int, away: dict[str, list[str]]
) -> _Draft:
    org = rng.choices(ORGANIZATIONS, weights=[o.weight for o in ORGANIZATIONS])[0]
    remote = rng.random() < REMOTE_SHARE
    place = rng.choice(away[org.name]) if remote else rng.choice(org.places)
    level = rng.choices(range(1, 11), weights=LEVEL_WEIGHTS[role])[0]
    function = weighted(rng, {str(k): w for k, w in INDUSTRY_FUNCTIONS[org.industry].items()})
    return _Draft(role, org, PLACES[place], remote, level, function, number=number)


def _draft_named(person: NamedPerson) -> _Draft:
    org = next((o for o in ORGANIZATIONS if o.name == person.organization), None)
    return _Draft(
        _role_of(person), org, PLACES[person.place], False, person.level, str(person.function),
        named=person,
    )  # fmt: skip


def demo_plan_build(
    *,
    people: int,
    seed: int,
    first_number: int = 1,
    named: tuple[NamedPerson, ...] = NAMED_PEOPLE,
) -> DemoPlan:
    """The demo population for this size and seed; the same arguments give the same plan.

    `first_number` numbers the generated emails (later loads continue after earlier ones
    and draw other people); `named` are the hand-written demo logins to include, counted
    among the `people`.
    """
    if people < MIN_PEOPLE:
        raise DemoError(f"Ask for at least {MIN_PEOPLE} people.")
    rng = random.Random(seed if first_number == 1 else seed + 1_000_003 * first_number)
    for locale in sorted({place.locale for place in PLACES.values()}):
        faker_for(locale).seed_instance(rng.randrange(2**32))
    drafts = [_draft_named(person) for person in named]
    roles = _generated_roles(people, named)
    rng.shuffle(roles)
    away = {o.name: [key for key in PLACES if key not in o.places] for o in ORGANIZATIONS}
    drafts += [
        _draft_generated(rng, role, first_number + offset, away)
        for offset, role in enumerate(roles)
    ]
    _assign_managers(rng, drafts)
    _pause_some_mentors(rng, drafts)
    return DemoPlan(
        seed=seed,
        organizations=ORGANIZATIONS,
        people=tuple(_person(rng, d) for d in drafts),
    )


@dataclass(frozen=True)
class _Offer:
    """The mentor side of a person (empty for mentees only)."""

    skills: tuple[tuple[str, int], ...] = ()
    focus: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    hours: int = 2  # the model's defaults for someone who doesn't mentor
    capacity: int = 2


@dataclass(frozen=True)
class _Aim:
    """The mentee side of a person (empty for mentors only)."""

    function: str = ""
    level: int | None = None
    industry: str = ""
    wanted: tuple[str, ...] = ()
    focus: tuple[str, ...] = ()
    types: tuple[str, ...] = ()


def _offer(rng: random.Random, d: _Draft) -> _Offer:
    n = d.named
    if not d.is_mentor:
        return _Offer()
    if n is not None:
        return _Offer(
            tuple((slug, int(proficiency)) for slug, proficiency in n.offered),
            _strs(n.focus_offered), _strs(n.types_offered), n.hours, n.capacity,
        )  # fmt: skip
    return _Offer(
        skills=pick_offered(rng, d.function, d.level, str(d.org.industry) if d.org else ""),
        focus=pick_focus_offered(rng, d.function, d.level),
        types=pick_types(rng, d.level, offered=True),
        hours=rng.choices(range(1, 9), weights=(8, 20, 20, 18, 12, 10, 6, 6))[0],
        capacity=rng.choices(range(1, 6), weights=(20, 30, 25, 15, 10))[0],
    )


def _aim(rng: random.Random, d: _Draft, industry: str, offered: set[str]) -> _Aim:
    """Where a mentee wants to go: mostly up in their own function, sometimes somewhere new."""
    n = d.named
    if not d.is_mentee:
        return _Aim()
    if n is not None:
        return _Aim(
            str(n.target_function), n.target_level, str(n.target_industry or industry),
            n.wanted, _strs(n.focus_sought), _strs(n.types_sought),
        )  # fmt: skip
    function = d.function
    if rng.random() >= SAME_FUNCTION_TARGET_SHARE:
        function = rng.choice(CAREER_MOVES[d.function])
    level = min(10, d.level + rng.choice((1, 1, 2, 2, 3)))
    if rng.random() >= SAME_INDUSTRY_TARGET_SHARE:
        industry = rng.choice([i for i in _INDUSTRIES if i != industry])
    return _Aim(
        function=function,
        level=level,
        industry=industry,
        wanted=pick_wanted(rng, function, level, offered),
        focus=pick_focus_sought(rng, d.function, d.level, function, level),
        types=pick_types(rng, d.level, offered=False),
    )


def _person(rng: random.Random, d: _Draft) -> PersonPlan:
    """Fill in everything else about a drafted person."""
    n = d.named
    if n is not None:
        first, last, email = n.first_name, n.last_name, n.email
    else:
        fake = faker_for(d.place.locale)
        first, last = fake.first_name(), fake.last_name()
        domain = d.org.domain if d.org else GENERATED_DOMAIN
        email = f"{email_part(first)}.{email_part(last)}.{d.number}@{domain}"
    industry = str(d.org.industry) if d.org else str(Industry.TECHNOLOGY)
    years = n.years if n else rng.randint(*YEARS_BY_LEVEL[d.level])
    title = n.job_title if n else job_title(rng, d.function, d.level)
    offer = _offer(rng, d)
    aim = _aim(rng, d, industry, {slug for slug, _ in offer.skills})

    languages = n.languages if n else pick_languages(rng, d.place)
    if n is not None:
        meeting_mode, channel, visibility = _strs((n.meeting_mode, n.contact_channel, n.visibility))
    else:
        meeting_mode = weighted(rng, _MODES_REMOTE if d.remote else _MODES_LOCAL)
        channel = weighted(rng, _CHANNELS)
        visibility = weighted(rng, _VISIBILITIES)
    competitors: tuple[str, ...] = ()
    rivals = [o.name for o in ORGANIZATIONS if d.org and o.industry == industry and o != d.org]
    if rivals and rng.random() < COMPETITOR_SHARE:
        competitors = tuple(sorted(rng.sample(rivals, rng.randint(1, min(2, len(rivals))))))

    persona = texts.Persona(
        first_name=first,
        job_title=title,
        organization=d.org.name if d.org else "",
        city=d.place.city,
        area=FUNCTIONS[d.function].area,
        level=d.level,
        years=years,
        is_mentor=d.is_mentor,
        is_mentee=d.is_mentee,
        offered=tuple(skill_phrase(slug) for slug, _ in offer.skills),
        wanted=tuple(skill_phrase(slug) for slug in aim.wanted),
        focus_offered=offer.focus,
        focus_sought=aim.focus,
        target_title=job_title(rng, aim.function, aim.level) if aim.function and aim.level else "",
        target_area=FUNCTIONS[aim.function].area if aim.function else "",
        target_level=aim.level or 0,
        target_industry=texts.industry_phrase(aim.industry)
        if aim.industry and aim.industry != industry
        else "",
        hours=offer.hours,
        capacity=offer.capacity,
        meeting_mode=meeting_mode,
        other_languages=language_names(languages),
    )
    written = texts.write_texts(persona, rng)
    return PersonPlan(
        email=email,
        first_name=first,
        last_name=last,
        is_staff=bool(n and n.is_staff),
        is_program_manager=bool(n and n.is_program_manager),
        organization=persona.organization,
        is_mentee=d.is_mentee,
        is_mentor=d.is_mentor,
        headline=written.headline,
        job_title=title,
        industry=industry,
        function=d.function,
        level=d.level,
        years_experience=years,
        bio=written.bio,
        goals=written.goals,
        target_industry=aim.industry,
        target_function=aim.function,
        target_level=aim.level,
        skills_wanted=aim.wanted,
        skills_offered=offer.skills,
        focus_areas_sought=aim.focus,
        mentoring_types_sought=aim.types,
        focus_areas_offered=offer.focus,
        mentoring_types_offered=offer.types,
        hours_per_month=offer.hours,
        capacity=offer.capacity,
        is_paused=d.paused,
        languages=languages,
        timezone=d.place.timezone,
        city=d.place.city,
        country=d.place.country,
        meeting_mode=meeting_mode,
        contact_channel=channel,
        contact_detail=contact_detail(rng, channel, email, d.place.locale),
        visibility=visibility,
        manager=d.manager,
        competitors=competitors,
        joined_seconds_ago=NAMED_JOINED_SECONDS_AGO if n else rng.randint(DAY, 540 * DAY),
        onboarding_seconds=30 * 60 if n else rng.randint(5 * 60, 3 * 60 * 60),
    )


def _strs(values: tuple[str, ...]) -> tuple[str, ...]:
    """Plain strings for choice values (named people are written with the enums)."""
    return tuple(str(value) for value in values)
