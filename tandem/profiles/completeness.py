"""How complete a profile is, and what to add next.

Onboarding asks only what matching needs; the rest is added later from the profile. This says
what is still missing, most useful first, in words for the person whose profile it is, so the
hint on their home and profile page can name the next thing to add.
"""

from __future__ import annotations

from dataclasses import dataclass

from tandem.profiles.models import Profile


@dataclass(frozen=True)
class Completeness:
    percent: int  # 0–100
    missing: list[str]  # what to add, most useful first

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def next_words(self) -> str:
        """The next things to add, in a phrase (the first three)."""
        return missing_in_words(self.missing) if self.missing else ""


def profile_completeness(profile: Profile) -> Completeness:
    """What is filled in of what helps people find (and choose) this person."""
    checks: list[tuple[bool, str]] = [(bool(profile.headline), "a headline")]
    if profile.is_mentor:
        checks += [
            (profile.skills_offered.exists(), "the skills you offer"),
            (bool(profile.bio), "a few lines about what you know"),
            (bool(profile.mentoring_types_offered), "the kinds of mentoring you offer"),
        ]
    if profile.is_mentee:
        checks += [
            (profile.skills_wanted.exists(), "the skills you want to learn"),
            (bool(profile.goals), "where you want to be"),
            (bool(profile.mentoring_types_sought), "the kinds of mentoring you want"),
        ]
    checks += [
        (bool(profile.job_title), "your current role"),
        (profile.organization_id is not None, "your organization"),
        (profile.languages.exists(), "the languages you speak"),
        (bool(profile.city or profile.country), "where you are"),
        (profile.years_experience > 0, "your years of experience"),
    ]
    missing = [words for done, words in checks if not done]
    percent = round(100 * (len(checks) - len(missing)) / len(checks))
    return Completeness(percent=percent, missing=missing)


def missing_in_words(missing: list[str], most: int = 3) -> str:
    """ "a headline, the languages you speak and where you are" (the first `most`)."""
    shown = missing[:most]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
