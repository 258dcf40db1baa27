"""Mentors → the engine's arrays, row by row, and what mentees share with them: the
vocabulary of codes, the rows being filled (`Rows`, `person_add`), the index they make.

Which mentors are listed, and how each process keeps its index of them current without
rebuilding it in a request, is `tandem.matching.index`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.people import NO_COMPETITOR, NO_SKILL, Meeting, People, skill_table
from tandem.matching.engine.reasons import Labels
from tandem.matching.engine.text import text_idf, text_vectorize
from tandem.organizations.choices import Industry, JobFunction
from tandem.profiles.choices import MeetingMode, MentoringType, Visibility
from tandem.profiles.models import Language, Profile, SkillOffered
from tandem.skills.models import Skill

MAX_SKILLS = 15
MAX_COMPETITORS = 10
MAX_LANGUAGES = 63  # bits of People.languages
MEETING: dict[str, int] = {
    MeetingMode.VIRTUAL: Meeting.VIRTUAL,
    MeetingMode.IN_PERSON: Meeting.IN_PERSON,
    MeetingMode.EITHER: Meeting.EITHER,
}
INDUSTRIES = list(Industry.values)
FUNCTIONS = list(JobFunction.values)
TYPES = list(MentoringType.values)
# Each level (by its number) as the words "works …, where you want to be" needs.
LEVEL_ROLES: tuple[str, ...] = (
    "",
    "at entry level",
    "at junior level",
    "at intermediate level",
    "at senior level",
    "as a lead",
    "as a manager",
    "as a senior manager",
    "as a director",
    "as a vice president",
    "in the C-suite",
)


@lru_cache(maxsize=512)
def _utc_offset(name: str, hour: datetime) -> float:
    offset = hour.astimezone(ZoneInfo(name)).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else 0.0


def utc_offset(name: str, now: datetime) -> float:
    """Hours ahead of UTC in `name` at `now` (DST included); 0 for unknown names."""
    try:
        return _utc_offset(name, now.replace(minute=0, second=0, microsecond=0))
    except (KeyError, ValueError):
        return 0.0


def _code(values: list[str], value: str) -> int:
    return values.index(value) if value in values else -1


def _bits(values: list[str], chosen: list[str]) -> int:
    return sum(1 << values.index(v) for v in chosen if v in values)


@dataclass
class Vocabulary:
    """Codes for skills, languages and places, shared by both sides of one index."""

    skill_index: dict[int, int]
    language_bit: dict[int, int]
    cities: dict[str, int] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)

    def grown(self) -> Vocabulary:
        """A copy whose place tables may grow while the original is in use (skills and
        languages are never added to after a build, so their tables are shared)."""
        return Vocabulary(
            skill_index=self.skill_index, language_bit=self.language_bit,
            cities=dict(self.cities), countries=dict(self.countries),
        )  # fmt: skip

    def lacks(self, *, skills: list[int], languages: list[int]) -> bool:
        """Whether a mentor offers a skill or speaks a language this vocabulary has no code
        for (one added since it was built); only a full build gives them one."""
        if any(s not in self.skill_index for s in skills):
            return True
        room = len(self.language_bit) < MAX_LANGUAGES
        return room and any(pk not in self.language_bit for pk in languages)

    def place(self, table: dict[str, int], name: str, *, grow: bool) -> int:
        key = name.strip().lower()
        if not key:
            return -1
        if key not in table:
            if not grow:
                return -2  # matches no mentor's place
            table[key] = len(table)
        return table[key]


@dataclass
class Rows:
    """Column lists filled person by person, turned into People at the end."""

    ids: list[str] = field(default_factory=list)
    person: list[int] = field(default_factory=list)
    skills: list[list[int]] = field(default_factory=list)
    proficiency: list[list[float]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    industry: list[int] = field(default_factory=list)
    function: list[int] = field(default_factory=list)
    level: list[int] = field(default_factory=list)
    organization: list[int] = field(default_factory=list)
    competitors: list[list[int]] = field(default_factory=list)
    languages: list[int] = field(default_factory=list)
    utc_offset: list[float] = field(default_factory=list)
    meeting: list[int] = field(default_factory=list)
    city: list[int] = field(default_factory=list)
    country: list[int] = field(default_factory=list)
    mentoring_types: list[int] = field(default_factory=list)
    hours: list[float] = field(default_factory=list)
    capacity: list[int] = field(default_factory=list)
    available: list[bool] = field(default_factory=list)
    target_level: list[int] = field(default_factory=list)

    def people(self, text: npt.NDArray[np.float32]) -> People:
        n = len(self.ids)
        skills = np.full((n, MAX_SKILLS), NO_SKILL, dtype=np.int64)
        proficiency = np.zeros((n, MAX_SKILLS), dtype=np.float32)
        competitors = np.full((n, MAX_COMPETITORS), NO_COMPETITOR, dtype=np.int64)
        for i in range(n):
            row = self.skills[i][:MAX_SKILLS]
            skills[i, : len(row)] = row
            proficiency[i, : len(row)] = self.proficiency[i][:MAX_SKILLS]
            comp = self.competitors[i][:MAX_COMPETITORS]
            competitors[i, : len(comp)] = comp
        return People(
            ids=tuple(self.ids),
            person=np.array(self.person, dtype=np.int64),
            skills=skills,
            proficiency=proficiency,
            text=text,
            industry=np.array(self.industry, dtype=np.int64),
            function=np.array(self.function, dtype=np.int64),
            level=np.array(self.level, dtype=np.int64),
            organization=np.array(self.organization, dtype=np.int64),
            competitors=competitors,
            languages=np.array(self.languages, dtype=np.int64),
            utc_offset=np.array(self.utc_offset, dtype=np.float64),
            meeting=np.array(self.meeting, dtype=np.int64),
            city=np.array(self.city, dtype=np.int64),
            country=np.array(self.country, dtype=np.int64),
            mentoring_types=np.array(self.mentoring_types, dtype=np.int64),
            hours=np.array(self.hours, dtype=np.float64),
            capacity=np.array(self.capacity, dtype=np.int64),
            available=np.array(self.available, dtype=bool),
            target_level=np.array(self.target_level, dtype=np.int64),
        )


@dataclass(frozen=True)
class MentorIndex:
    """Every listed mentor as engine arrays, plus what is needed to encode a mentee.

    Rows are never removed: a mentor who leaves the list (hidden, paused for good, switched
    off) keeps their row with `listed` False until the next full build. `stamps` holds each
    row's `updated_at` as encoded, so a changed row is told by its stamp alone.
    """

    mentors: People
    profile_ids: npt.NDArray[np.int64]
    organization_only: npt.NDArray[np.bool_]  # visible only to people verified at their org
    organizations: npt.NDArray[np.int64]  # each mentor's organization id (-1 if none)
    table: npt.NDArray[np.float32]
    idf: npt.NDArray[np.float32]
    vocabulary: Vocabulary
    labels: Labels
    listed: npt.NDArray[np.bool_]
    rows: Mapping[int, int]  # profile id → row
    stamps: Mapping[int, datetime]  # profile id → its updated_at when the row was encoded

    def __len__(self) -> int:
        return len(self.mentors)


def _vocabulary() -> Vocabulary:
    skill_ids = list(Skill.objects.order_by("id").values_list("id", flat=True))
    language_ids = list(Language.objects.order_by("id").values_list("id", flat=True))
    return Vocabulary(
        skill_index={pk: i for i, pk in enumerate(skill_ids)},
        language_bit={pk: i for i, pk in enumerate(language_ids[:MAX_LANGUAGES])},
    )


def labels_of(vocabulary: Vocabulary) -> Labels:
    names = dict(Skill.objects.values_list("id", "name"))
    skills = [""] * len(vocabulary.skill_index)
    for pk, i in vocabulary.skill_index.items():
        skills[i] = names[pk]
    languages = [""] * len(vocabulary.language_bit)
    english = None
    for pk, code, name in Language.objects.values_list("id", "code", "name"):
        if pk in vocabulary.language_bit:
            languages[vocabulary.language_bit[pk]] = name
            if code == "en":
                english = vocabulary.language_bit[pk]
    cities = [""] * len(vocabulary.cities)
    for name, i in vocabulary.cities.items():
        cities[i] = name.title()
    return Labels(
        skills=skills,
        industries=[str(label) for label in Industry.labels],
        functions=[str(label) for label in JobFunction.labels],
        languages=languages,
        mentoring_types=[str(label) for label in MentoringType.labels],
        cities=cities,
        levels=LEVEL_ROLES,
        common_language_bit=english,
    )


def _m2m(through: type, left: str, right: str, ids: list[int]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for owner, other in through.objects.filter(**{f"{left}__in": ids}).values_list(left, right):  # type: ignore[attr-defined]
        grouped.setdefault(owner, []).append(other)
    return grouped


def person_add(
    rows: Rows, profile: Profile, vocabulary: Vocabulary, *, as_mentor: bool, now: datetime,
    skills: list[tuple[int, float]], languages: list[int], competitors: list[int],
) -> None:  # fmt: skip
    rows.ids.append(f"p{profile.pk:09d}")
    rows.person.append(profile.user_id)
    rows.skills.append(
        [vocabulary.skill_index[s] for s, _ in skills if s in vocabulary.skill_index]
    )
    rows.proficiency.append([p for s, p in skills if s in vocabulary.skill_index])
    if as_mentor:
        rows.texts.append(" ".join((profile.headline, profile.job_title, profile.bio)))
        rows.industry.append(_code(INDUSTRIES, profile.industry))
        rows.function.append(_code(FUNCTIONS, profile.function))
        rows.mentoring_types.append(_bits(TYPES, profile.mentoring_types_offered))
    else:
        rows.texts.append(" ".join((profile.headline, profile.goals)))
        rows.industry.append(_code(INDUSTRIES, profile.target_industry or profile.industry))
        rows.function.append(_code(FUNCTIONS, profile.target_function or profile.function))
        rows.mentoring_types.append(_bits(TYPES, profile.mentoring_types_sought))
    rows.level.append(profile.level)
    rows.organization.append(profile.organization_id if profile.organization_id else -1)
    rows.competitors.append(competitors)
    rows.languages.append(
        sum(1 << vocabulary.language_bit[pk] for pk in languages if pk in vocabulary.language_bit)
    )
    rows.utc_offset.append(utc_offset(profile.timezone, now))
    rows.meeting.append(MEETING.get(profile.meeting_mode, Meeting.EITHER))
    rows.city.append(vocabulary.place(vocabulary.cities, profile.city, grow=as_mentor))
    rows.country.append(vocabulary.place(vocabulary.countries, profile.country, grow=as_mentor))
    rows.hours.append(float(profile.hours_per_month))
    # Places already held by mentorships are not free (the profile keeps the count).
    rows.capacity.append(max(profile.capacity - profile.places_taken, 0) if as_mentor else 1)
    rows.available.append(profile.accepts_requests if as_mentor else True)
    rows.target_level.append(
        -1 if as_mentor or profile.target_level is None else profile.target_level
    )


def mentor_rows(
    profiles: list[Profile], vocabulary: Vocabulary, *, now: datetime
) -> tuple[Rows, bool]:
    """These profiles as mentor rows, in order, in three queries whatever their number; and
    whether one of them offers a skill or speaks a language the vocabulary lacks."""
    ids = [p.pk for p in profiles]
    offered: dict[int, list[tuple[int, float]]] = {}
    for owner, skill, level in SkillOffered.objects.filter(profile_id__in=ids).values_list(
        "profile_id", "skill_id", "proficiency"
    ):
        offered.setdefault(owner, []).append((skill, level / 4))
    languages = _m2m(Profile.languages.through, "profile_id", "language_id", ids)
    competitors = _m2m(Profile.competitors.through, "profile_id", "organization_id", ids)
    rows = Rows()
    lacking = False
    for profile in profiles:
        skills, spoken = offered.get(profile.pk, []), languages.get(profile.pk, [])
        lacking = lacking or vocabulary.lacks(skills=[s for s, _ in skills], languages=spoken)
        person_add(
            rows, profile, vocabulary, as_mentor=True, now=now, skills=skills, languages=spoken,
            competitors=competitors.get(profile.pk, []),
        )  # fmt: skip
    return rows, lacking


def mentor_index_of(profiles: list[Profile], *, now: datetime) -> MentorIndex:
    """Encode these profiles as mentors: the directory's listed mentors, or a program's."""
    vocabulary = _vocabulary()
    rows, _ = mentor_rows(profiles, vocabulary, now=now)
    idf = text_idf(rows.texts)
    mentors = rows.people(text_vectorize(rows.texts, idf))
    return MentorIndex(
        mentors=mentors,
        profile_ids=np.array([p.pk for p in profiles], dtype=np.int64),
        organization_only=np.array(
            [p.visibility == Visibility.ORGANIZATION for p in profiles], dtype=bool
        ),
        organizations=np.array([p.organization_id or -1 for p in profiles], dtype=np.int64),
        table=skill_table(mentors, len(vocabulary.skill_index)),
        idf=idf,
        vocabulary=vocabulary,
        labels=labels_of(vocabulary),
        listed=np.ones(len(profiles), dtype=bool),
        rows={p.pk: i for i, p in enumerate(profiles)},
        stamps={p.pk: p.updated_at for p in profiles},
    )
