"""The shape of a demo population: what the generator plans and the service writes."""

from __future__ import annotations

from dataclasses import dataclass

from tandem.demo.vocab import OrganizationSpec


class DemoError(Exception):
    """The demo data can't be built or loaded as asked."""


@dataclass(frozen=True)
class PersonPlan:
    """Everything about one demo person, ready to be written."""

    email: str
    first_name: str
    last_name: str
    is_staff: bool
    is_program_manager: bool
    organization: str  # an organization name, or "" for none
    is_mentee: bool
    is_mentor: bool
    headline: str
    job_title: str
    industry: str
    function: str
    level: int
    years_experience: int
    bio: str
    goals: str
    target_industry: str
    target_function: str
    target_level: int | None
    skills_wanted: tuple[str, ...]  # skill slugs
    skills_offered: tuple[tuple[str, int], ...]  # (skill slug, proficiency)
    focus_areas_sought: tuple[str, ...]
    mentoring_types_sought: tuple[str, ...]
    focus_areas_offered: tuple[str, ...]
    mentoring_types_offered: tuple[str, ...]
    hours_per_month: int
    capacity: int
    is_paused: bool
    languages: tuple[str, ...]  # ISO 639-1 codes, English first
    timezone: str
    city: str
    country: str
    meeting_mode: str
    contact_channel: str
    contact_detail: str
    visibility: str
    manager: int | None  # index of the manager in DemoPlan.people
    competitors: tuple[str, ...]  # organization names
    joined_seconds_ago: int
    onboarding_seconds: int  # from joining to finishing onboarding


@dataclass(frozen=True)
class DemoPlan:
    """The whole population to write: organizations first, then people."""

    seed: int
    organizations: tuple[OrganizationSpec, ...]
    people: tuple[PersonPlan, ...]

    @property
    def mentors(self) -> int:
        return sum(p.is_mentor for p in self.people)

    @property
    def mentees(self) -> int:
        return sum(p.is_mentee for p in self.people)

    @property
    def both(self) -> int:
        return sum(p.is_mentor and p.is_mentee for p in self.people)
