"""One person's traits drawn from a random source: titles, skills, focus areas, languages.

Every function takes the plan's `random.Random`; none touches the global random module or
the database (skills come from the curated taxonomy file).
"""

from __future__ import annotations

import functools
import random
import re
import unicodedata

from faker import Faker

from tandem.demo import texts
from tandem.demo.places import SECOND_LANGUAGE_SHARE, SECOND_LANGUAGES, Place
from tandem.demo.vocab import (
    FUNCTIONS,
    INDUSTRY_SKILLS,
    PROPER_NOUN_SKILLS,
    TITLE_PATTERNS,
)
from tandem.profiles.choices import ContactChannel, FocusArea, MentoringType, Proficiency
from tandem.profiles.languages import LANGUAGES
from tandem.skills.taxonomy import read_taxonomy


@functools.cache
def taxonomy() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Skill slugs by category slug, and skill names by slug, from the curated file."""
    data = read_taxonomy()
    by_category = {c["slug"]: tuple(s["slug"] for s in c["skills"]) for c in data["categories"]}
    names = {s["slug"]: s["name"] for c in data["categories"] for s in c["skills"]}
    return by_category, names


@functools.cache
def faker_for(locale: str) -> Faker:
    """A Faker for names from this locale (re-seeded by every plan)."""
    # Building a Faker is slow; plans re-seed the cached ones before use.
    return Faker(locale)


_LANGUAGE_NAMES = dict(LANGUAGES)


def language_names(codes: tuple[str, ...]) -> tuple[str, ...]:
    """English names of languages other than English, e.g. ('German', 'Turkish')."""
    return tuple(_LANGUAGE_NAMES[code] for code in codes if code != "en")


_ASCII = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae",
                        "ß": "ss", "đ": "d", "Đ": "D", "ı": "i", "œ": "oe"})  # fmt: skip


def email_part(name: str) -> str:
    """A name as it appears before the @: ASCII, lower case, hyphens between words."""
    plain = unicodedata.normalize("NFKD", name.translate(_ASCII)).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "-", plain.decode().lower()).strip("-") or "person"


@functools.cache
def skill_phrase(slug: str) -> str:
    """A skill's name as written mid-sentence ('data analysis', 'SQL', 'Python')."""
    name = taxonomy()[1][slug]
    return name if slug in PROPER_NOUN_SKILLS else texts.lower_first(name)


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    """One key, drawn by weight."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def sample_weighted(rng: random.Random, weights: dict[str, int], n: int) -> tuple[str, ...]:
    """Up to n distinct keys, drawn by weight (keys with weight 0 are never drawn)."""
    live = {k: w for k, w in weights.items() if w > 0}
    chosen: list[str] = []
    while live and len(chosen) < n:
        key = weighted(rng, live)
        chosen.append(key)
        del live[key]
    return tuple(chosen)


def _pick_skills(
    rng: random.Random, pools: list[tuple[tuple[str, ...], float]], k: int, exclude: set[str]
) -> list[str]:
    """k distinct skill slugs: a pool is drawn by weight, then a skill from it."""
    pools = [(pool, weight) for pool, weight in pools if pool and weight > 0]
    chosen: list[str] = []
    for _ in range(k * 20):
        if len(chosen) == k:
            break
        pool = rng.choices(pools, weights=[w for _, w in pools])[0][0]
        slug = rng.choice(pool)
        if slug not in exclude and slug not in chosen:
            chosen.append(slug)
    # Unlucky draws (or a tiny pool) are topped up in pool order, so k always holds.
    for pool, _ in pools:
        for slug in pool:
            if len(chosen) < k and slug not in exclude and slug not in chosen:
                chosen.append(slug)
    return chosen


def _category_skills(categories: tuple[str, ...]) -> tuple[str, ...]:
    by_category = taxonomy()[0]
    return tuple(slug for category in categories for slug in by_category.get(category, ()))


def pick_offered(
    rng: random.Random, function: str, level: int, industry: str
) -> tuple[tuple[str, int], ...]:
    """3–8 skills from the person's own function, mostly known at advanced or expert level."""
    vocab = FUNCTIONS[function]
    pools = [
        (vocab.core, 0.35),
        (_category_skills(vocab.primary), 0.35),
        (_category_skills(vocab.secondary), 0.12),
        (_category_skills(INDUSTRY_SKILLS.get(industry, ())), 0.06),
        (_category_skills(("leadership-management",)), 0.14 if level >= 6 else 0.03),
        (_category_skills(("communication-influence",)), 0.06),
    ]
    k = rng.choices(range(3, 9), weights=(15, 22, 22, 18, 13, 10))[0]
    weights = (2, 8, 45, 45) if level >= 4 else (5, 20, 50, 25)
    picked = [(slug, rng.choices(Proficiency.values, weights=weights)[0]) for slug in
              _pick_skills(rng, pools, k, set())]  # fmt: skip
    return tuple(sorted(picked, key=lambda item: -item[1]))


def pick_wanted(
    rng: random.Random, target_function: str, target_level: int, exclude: set[str]
) -> tuple[str, ...]:
    """2–5 skills the person needs for where they want to be."""
    vocab = FUNCTIONS[target_function]
    pools = [
        (vocab.core, 0.30),
        (_category_skills(vocab.primary), 0.35),
        (_category_skills(vocab.secondary), 0.10),
        (_category_skills(("career-skills",)), 0.10),
        (_category_skills(("leadership-management",)), 0.12 if target_level >= 6 else 0.02),
        (_category_skills(("communication-influence",)), 0.05),
    ]
    k = rng.choices(range(2, 6), weights=(25, 35, 25, 15))[0]
    return tuple(_pick_skills(rng, pools, k, exclude))


def job_title(rng: random.Random, function: str, level: int) -> str:
    """A realistic title for this function and org-chart level."""
    vocab = FUNCTIONS[function]
    options = vocab.titles.get(level) or TITLE_PATTERNS[level]
    title = rng.choice(options).format(role=rng.choice(vocab.roles), team=vocab.team)
    return title[0].upper() + title[1:]


def pick_focus_sought(
    rng: random.Random, function: str, level: int, target_function: str, target_level: int
) -> tuple[str, ...]:
    """1–3 things a mentee wants to talk about, led by their situation (a change, a step up)."""
    situational = []
    if target_function != function:
        situational.append(FocusArea.CAREER_CHANGE)
    if target_level > level >= 2:
        situational.append(FocusArea.PROMOTION)
    if target_level >= 6 > level:
        situational.append(FocusArea.LEADERSHIP)
    if level <= 2:
        situational.append(FocusArea.JOB_SEARCH)
    n = rng.choice((1, 2, 2, 3))
    chosen = [str(f) for f in rng.sample(situational, min(len(situational), n, 2))]
    general = {
        FocusArea.SKILL_BUILDING: 5, FocusArea.CAREER_ADVICE: 3, FocusArea.CONFIDENCE: 2,
        FocusArea.VISIBILITY: 2, FocusArea.WORKPLACE_RELATIONSHIPS: 2, FocusArea.OBSTACLES: 1,
        FocusArea.WORK_LIFE: 1, FocusArea.ENTREPRENEURSHIP: 1,
    }  # fmt: skip
    rest = {str(k): w for k, w in general.items() if k not in chosen}
    return (*chosen, *sample_weighted(rng, rest, n - len(chosen)))


def pick_focus_offered(rng: random.Random, function: str, level: int) -> tuple[str, ...]:
    """2–4 things a mentor is glad to talk about; leadership only from managers up."""
    senior = level >= 6
    weights = {
        FocusArea.CAREER_ADVICE: 3, FocusArea.SKILL_BUILDING: 3, FocusArea.PROMOTION: 2,
        FocusArea.LEADERSHIP: 3 if senior else 0, FocusArea.WORKPLACE_RELATIONSHIPS: 2,
        FocusArea.VISIBILITY: 1, FocusArea.CONFIDENCE: 1, FocusArea.OBSTACLES: 1,
        FocusArea.WORK_LIFE: 1, FocusArea.CAREER_CHANGE: 1,
        FocusArea.JOB_SEARCH: 2 if function == "hr" else 1,
        FocusArea.ENTREPRENEURSHIP: 1 if level >= 8 or function == "strategy" else 0,
    }  # fmt: skip
    return sample_weighted(rng, {str(k): w for k, w in weights.items()}, rng.randint(2, 4))


def pick_types(rng: random.Random, level: int, *, offered: bool) -> tuple[str, ...]:
    """Kinds of mentoring given (1–3) or sought (1–2); sponsorship and reverse by seniority."""
    M = MentoringType
    if offered:
        weights = {M.DEVELOPMENTAL: 35, M.EXPERTISE: 35, M.CAREER_LIFE: 15, M.PEER: 8,
                   M.SPONSORSHIP: 10 if level >= 8 else 0, M.REVERSE: 25 if level <= 3 else 0,
                   M.LINE_MANAGER: 3 if level >= 6 else 0}  # fmt: skip
        n = rng.randint(1, 3)
    else:
        weights = {M.EXPERTISE: 40, M.DEVELOPMENTAL: 30, M.CAREER_LIFE: 15, M.PEER: 10,
                   M.SPONSORSHIP: 5 if level >= 4 else 0}  # fmt: skip
        n = rng.randint(1, 2)
    return sample_weighted(rng, {str(k): w for k, w in weights.items()}, n)


def pick_languages(rng: random.Random, place: Place) -> tuple[str, ...]:
    """English, the local languages by how common they are, sometimes one more."""
    codes = ["en"]
    for code, share in place.languages:
        if rng.random() < share:
            codes.append(code)
    if rng.random() < SECOND_LANGUAGE_SHARE:
        extra = rng.choice(SECOND_LANGUAGES)
        if extra not in codes:
            codes.append(extra)
    return tuple(codes)


def contact_detail(rng: random.Random, channel: str, email: str, locale: str) -> str:
    """What the other side gets once an ask is accepted, for the preferred channel."""
    local, domain = email.split("@", 1)
    name = ".".join(local.split(".")[:2])
    if channel == ContactChannel.PHONE:
        return str(faker_for(locale).phone_number())
    if channel == ContactChannel.CHAT:
        return rng.choice((f"@{name} on Slack", f"{email} on Teams"))
    if channel == ContactChannel.VIDEO:
        return f"https://meet.{domain}/{name.replace('.', '-')}"
    return email
