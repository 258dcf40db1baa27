"""Headlines, bios and goals for demo people, written from small templates of our own.

Each text is put together from a few sentence templates filled with the person's real
title, organization, skills, focus areas and targets, so what a profile says agrees with
what it holds (a goal names the skills the person wants and the function they aim for).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tandem.organizations.choices import Industry
from tandem.profiles.choices import FocusArea, MeetingMode


@dataclass(frozen=True)
class Persona:
    """What the writer needs to know about one person."""

    first_name: str
    job_title: str
    organization: str  # "" for someone outside any organization
    city: str
    area: str  # the person's field, e.g. "data and analytics"
    level: int
    years: int
    is_mentor: bool
    is_mentee: bool
    offered: tuple[str, ...]  # skill phrases, strongest first
    wanted: tuple[str, ...]
    focus_offered: tuple[str, ...]
    focus_sought: tuple[str, ...]
    target_title: str
    target_level: int  # 0 for someone who isn't a mentee
    target_area: str
    target_industry: str  # "" when it is their own industry
    hours: int
    capacity: int
    meeting_mode: str
    other_languages: tuple[str, ...]  # language names besides English


def human_list(items: tuple[str, ...] | list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


def lower_first(text: str) -> str:
    """Lower-case the first letter for use mid-sentence, keeping acronyms and formal titles."""
    words = text.split()
    if not words or any(c.isupper() for c in words[0][1:]):
        return text  # "UX designer", "HR advisor", "SQL"
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) > 1 and all(w[0].isupper() for w in long_words):
        return text  # "Chief Technology Officer"
    return text[0].lower() + text[1:]


def with_article(text: str) -> str:
    """'a senior nurse', 'an engineering manager', 'an HR advisor', 'a UX designer'."""
    first = text.split()[0] if text else ""
    if len(first) > 1 and first[:2].isupper():  # an acronym, read letter by letter
        vowel_sound = first[0] in "AEFHILMNORSX"
    else:
        vowel_sound = first[:1].lower() in "aeiou" and not first.lower().startswith(("uni", "eu"))
    return f"{'an' if vowel_sound else 'a'} {text}"


# Industries that read better with an article or a noun after "move into".
_INDUSTRY_PHRASES = {"nonprofit": "the non-profit sector", "public_sector": "the public sector"}


def industry_phrase(value: str) -> str:
    """An industry as it reads in a sentence: 'healthcare', 'the public sector'."""
    return _INDUSTRY_PHRASES.get(value) or lower_first(str(Industry(value).label))


def years_phrase(years: int) -> str:
    """'less than a year', 'a year', '7 years'."""
    if years <= 0:
        return "less than a year"
    return "a year" if years == 1 else f"{years} years"


# What a mentor is glad to talk about, as it reads in a sentence.
FOCUS_PHRASES: dict[str, str] = {
    FocusArea.CAREER_ADVICE: "career decisions",
    FocusArea.CAREER_CHANGE: "changing careers",
    FocusArea.PROMOTION: "getting promoted",
    FocusArea.SKILL_BUILDING: "building new skills",
    FocusArea.LEADERSHIP: "stepping into leadership",
    FocusArea.WORKPLACE_RELATIONSHIPS: "tricky working relationships",
    FocusArea.OBSTACLES: "getting unstuck",
    FocusArea.VISIBILITY: "making your work visible",
    FocusArea.JOB_SEARCH: "interview preparation",
    FocusArea.ENTREPRENEURSHIP: "starting something of your own",
    FocusArea.WORK_LIFE: "finding a sustainable pace",
    FocusArea.CONFIDENCE: "speaking up with confidence",
}

# One of these is said for each focus area a mentee seeks (up to two).
FOCUS_GOALS: dict[str, tuple[str, ...]] = {
    FocusArea.CAREER_ADVICE: (
        "I'd like a sounding board for my next career decision.",
        "An outside view on which direction to take next would help a lot.",
    ),
    FocusArea.CAREER_CHANGE: (
        "I'd love to hear how other people made the jump into {target_area}.",
        "I want to know which of my skills will carry over, so I don't start from zero.",
    ),
    FocusArea.PROMOTION: (
        "I want to understand what my next promotion really depends on, and who decides it.",
        "I'd like help building the case for a step up to {target_title}.",
    ),
    FocusArea.SKILL_BUILDING: (
        "I learn best by doing, so pointers to the right practice projects would be gold.",
        "I'd like a plan for practising {wanted_one} on real work, not just courses.",
    ),
    FocusArea.LEADERSHIP: (
        "I'm starting to lead people and want to get the basics right: feedback, delegation "
        "and good one-to-ones.",
        "I'd like to learn how to lead through others rather than doing everything myself.",
    ),
    FocusArea.WORKPLACE_RELATIONSHIPS: (
        "I'd value advice on working with senior stakeholders who don't agree with each other.",
        "I want to get better at difficult conversations with colleagues.",
    ),
    FocusArea.OBSTACLES: (
        "I feel a bit stuck in my current role and want to work out why.",
        "I keep hitting the same wall on projects and would like a fresh pair of eyes.",
    ),
    FocusArea.VISIBILITY: (
        "My work isn't very visible outside my team, and I want to change that.",
        "I'd like to build a network beyond {organization}.",
    ),
    FocusArea.JOB_SEARCH: (
        "I'm preparing for interviews and would welcome honest feedback on how I come across.",
        "I want my CV and my story to make sense for {target_area} roles.",
    ),
    FocusArea.ENTREPRENEURSHIP: (
        "I'm exploring a side project and want to test whether it could become a business.",
    ),
    FocusArea.WORK_LIFE: ("I want to find a pace I can keep; I've been saying yes to too much.",),
    FocusArea.CONFIDENCE: (
        "I'd like to speak up more confidently in meetings with senior people.",
        "I want to present my ideas with more confidence.",
    ),
}

_MENTOR_INTROS = (
    "I'm {a_title} at {organization}, based in {city}, with {years} in {area}.",
    "I've worked in {area} for {years} and I'm now {a_title} at {organization}.",
    "{Years} in {area} have taken me to my current role as {a_title} at {organization}.",
)
_LEADER_INTROS = (
    "I lead {team_size} people at {organization} in {city}, after {years} in {area}.",
    "As {a_title} at {organization}, I spend most of my time helping my teams do their best work.",
)
_JUNIOR_INTROS = (
    "I joined {organization} as {a_title} and I'm based in {city}.",
    "I'm {a_title} at {organization} in {city}, early in a career in {area}.",
)
_NO_ORG_INTROS = ("I'm {a_title} based in {city}, with {years} in {area}.",)
_EXPERTISE = (
    "Most of my days involve {offered3}, and I've made enough of the classic mistakes to help "
    "you skip a few.",
    "People usually come to me for {offered2}; I'm also glad to talk about {offered_rest}.",
    "My strongest areas are {offered3}.",
    "I've spent the last few years deep in {offered_one}, and more recently {offered_second}.",
)
_HELP = (
    "I'm happy to help with {focus}.",
    "The conversations I enjoy most are about {focus}.",
    "I'm a good fit if you want to talk about {focus}.",
)
_STYLE = (
    "I prefer short, focused sessions: bring one or two concrete questions and we'll make "
    "real progress.",
    "I'll be honest with you, and I'll tell you if someone else would be a better fit.",
    "I have about {hours} hours a month for mentoring, so I keep to the time we agree.",
    "I still learn something from every mentoring conversation.",
    "Thank-you notes are lovely, but telling me what you tried afterwards is even better.",
)
_REVERSE = (
    "I'm early in my career, but I'm glad to share what I know about {offered_one} with "
    "colleagues at any level.",
)
_MENTEE_FOCUS = (
    "Right now I'm focused on {wanted2}.",
    "At the moment I'm learning {wanted2}.",
)
_HOBBIES = (
    "Outside work I run, slowly but happily.",
    "Outside work I help at a weekend coding club.",
    "At weekends you'll find me on a hiking trail.",
    "I play five-a-side football on Thursdays.",
    "I'm slowly learning the piano.",
    "I help organise a local book club.",
    "I cook for far too many people most Sundays.",
    "I volunteer with a local youth charity.",
)
_GOALS_CHANGE = (
    "I want to move from {area} into {target_area} within {horizon}, so I'm building up {wanted}.",
    "My aim is to move into {target_area} as {a_target_title} within {horizon}; to get "
    "there I need {wanted}.",
)
_GOALS_GROW = (
    "Within {horizon} I want to grow into {a_target_title} role, and getting stronger at "
    "{wanted} is the gap I most want to close.",
    "My main goal this year is to become confident with {wanted}.",
    "I'd like to get hands-on with {wanted} and put them to use in my work{at_org}.",
    "I'm aiming for {a_target_title} role within {horizon}, and {wanted} are what I need to "
    "work on.",
)
_GOALS_PEER = (
    "At this stage I learn most from peers outside {organization}; I'd like to compare notes "
    "on {wanted}.",
    "I want to stay current with {wanted}, and an outside perspective would help.",
)
_GOALS_INDUSTRY = (
    "I'm also curious about working in {target_industry} one day.",
    "Longer term I'd like to move into {target_industry}.",
)
_GOALS_CLOSE = (
    "A short intro call to start would be perfect.",
    "I'll come prepared with questions and follow up on whatever we agree.",
    "Even one or two conversations would help a lot.",
    "",
)
_HEADLINES_MENTOR = (
    "{title}{at_org} · {offered_one} and {offered_second}",
    "{title} · {years} in {area}",
    "{title}{at_org}, mentoring on {offered_one}",
)
_HEADLINES_MENTEE = (
    "{title}{at_org}, learning {wanted_one} and {wanted_second}",
    "{title} · working towards {a_target_title} role",
    "{title}{at_org}",
)
_HEADLINE_BOTH = "{title}{at_org} · mentoring on {offered_one}, learning {wanted_one}"
_HORIZONS = ("six months", "a year", "18 months", "two years")


def _slots(p: Persona, rng: random.Random) -> dict[str, str]:
    """Every value a template may use."""
    offered, wanted = list(p.offered), list(p.wanted)
    target = lower_first(p.target_title)
    return {
        "title": p.job_title,
        "a_title": with_article(lower_first(p.job_title)),
        "organization": p.organization or "my organization",
        "at_org": f" at {p.organization}" if p.organization else "",
        "city": p.city,
        "area": p.area,
        "years": years_phrase(p.years),
        "Years": years_phrase(p.years).capitalize(),
        "team_size": str(p.level * rng.randint(2, 5)),
        "offered_one": offered[0] if offered else "",
        "offered_second": offered[1] if len(offered) > 1 else "mentoring others",
        "offered2": human_list(offered[:2]),
        "offered3": human_list(offered[:3]),
        "offered_rest": human_list(offered[2:5]) or "career questions in general",
        "wanted": human_list(wanted[:3]),
        "wanted2": human_list(wanted[:2]),
        "wanted_one": wanted[0] if wanted else "",
        "wanted_second": wanted[1] if len(wanted) > 1 else "more",
        "focus": human_list([FOCUS_PHRASES[f] for f in p.focus_offered if f in FOCUS_PHRASES]),
        "hours": str(p.hours),
        "target_title": target,
        "a_target_title": with_article(target),
        "target_area": p.target_area,
        "target_industry": p.target_industry,
        "horizon": rng.choice(_HORIZONS),
    }


@dataclass(frozen=True)
class ProfileTexts:
    """The free-text fields of one profile."""

    headline: str
    bio: str
    goals: str


def write_texts(p: Persona, rng: random.Random) -> ProfileTexts:
    """Headline, bio and goals for this person (goals only for mentees)."""
    slots = _slots(p, rng)
    return ProfileTexts(
        headline=_headline(p, rng, slots),
        bio=_bio(p, rng, slots),
        goals=_goals(p, rng, slots) if p.is_mentee else "",
    )


def _headline(p: Persona, rng: random.Random, slots: dict[str, str]) -> str:
    """A one-line summary shown in the directory."""
    if p.is_mentor and p.is_mentee and p.offered and p.wanted:
        template = _HEADLINE_BOTH
    elif p.is_mentor and len(p.offered) >= 2:
        template = rng.choice(_HEADLINES_MENTOR)
    elif len(p.wanted) >= 2:
        moving = p.target_level > p.level or p.target_area != p.area
        template = rng.choice(_HEADLINES_MENTEE if moving else _HEADLINES_MENTEE[::2])
    else:
        template = "{title}{at_org}"
    return template.format(**slots)[:160]


def _intro(p: Persona, rng: random.Random) -> str:
    templates: tuple[str, ...]
    if not p.organization:
        templates = _NO_ORG_INTROS
    elif p.level <= 2:
        templates = _JUNIOR_INTROS
    elif p.level >= 6 and p.is_mentor:
        templates = _MENTOR_INTROS + _LEADER_INTROS
    else:
        templates = _MENTOR_INTROS
    return rng.choice(templates)


def _bio(p: Persona, rng: random.Random, slots: dict[str, str]) -> str:
    """'About me and my expertise': who they are, what they know, how they like to help."""
    parts = [_intro(p, rng)]
    if p.is_mentor and p.offered:
        parts.append(rng.choice(_REVERSE if p.level <= 2 else _EXPERTISE))
        if p.focus_offered:
            parts.append(rng.choice(_HELP))
        parts.append(rng.choice(_STYLE))
        if p.meeting_mode == MeetingMode.IN_PERSON:
            parts.append("I like to meet in person over a coffee in {city}.")
        if p.other_languages:
            parts.append(f"We can also talk in {human_list(p.other_languages)}.")
        if p.is_mentee and p.wanted:
            parts.append("I'm also looking for a mentor myself, for {wanted2}.")
    elif p.is_mentee:
        if p.wanted:
            parts.append(rng.choice(_MENTEE_FOCUS))
        if rng.random() < 0.6:
            parts.append(rng.choice(_HOBBIES))
    return " ".join(parts).format(**slots)[:2000]


def _goals(p: Persona, rng: random.Random, slots: dict[str, str]) -> str:
    """'What I want to learn or achieve': the skills they want, where they aim, what would help."""
    changing = p.target_area != p.area
    if changing:
        parts = [rng.choice(_GOALS_CHANGE)]
    else:
        parts = [rng.choice(_GOALS_GROW if p.target_level > p.level else _GOALS_PEER)]
    for focus in p.focus_sought[:2]:
        options = FOCUS_GOALS.get(focus, ())
        if focus == FocusArea.CAREER_CHANGE and not changing:
            continue
        if options:
            parts.append(rng.choice(options))
    if p.target_industry:
        parts.append(rng.choice(_GOALS_INDUSTRY))
    parts.append(rng.choice(_GOALS_CLOSE))
    return " ".join(part for part in parts if part).format(**slots)[:2000]
