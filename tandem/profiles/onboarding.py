"""The onboarding steps and their order, which depends on the roles a person picks.

Onboarding asks only what matching needs, in two short steps for most people (three for
someone who both mentors and wants a mentor), and ends on what they came for: a mentee lands
on the mentors recommended for them, a mentor on their home page. Everything else (headline,
languages, where you are, how to reach you, who sees your profile) can wait: the profile page
says what is still missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from tandem.profiles.forms import AboutStepForm, LearnStepForm, OfferStepForm, ProfileForm
from tandem.profiles.models import Profile


@dataclass(frozen=True)
class Step:
    """One onboarding screen."""

    slug: str
    title: str
    intro: str
    form_class: type[ProfileForm]
    skills_side: str | None = None


STEPS: dict[str, Step] = {
    "about": Step(
        "about", "About you",
        "Where you are now, in a few clicks: it's what we match on. You can add the rest to "
        "your profile later.",
        AboutStepForm,
    ),
    "learn": Step(
        "learn", "What you want to learn",
        "Add a skill or two you want to learn: mentors are matched on it, not on who you "
        "already know.",
        LearnStepForm, skills_side="wanted",
    ),
    "offer": Step(
        "offer", "What you can offer",
        "Protect your time: say how much you can give. You can pause new requests whenever "
        "you like.",
        OfferStepForm, skills_side="offered",
    ),
}  # fmt: skip


def steps_for(profile: Profile) -> list[Step]:
    """The steps this person walks through, in order."""
    slugs = ["about"]
    if not (profile.is_mentee or profile.is_mentor):
        return [STEPS["about"]]  # nothing else makes sense until a role is chosen
    if profile.is_mentee:
        slugs.append("learn")
    if profile.is_mentor:
        slugs.append("offer")
    return [STEPS[slug] for slug in slugs]


def next_step(profile: Profile, current: str) -> Step | None:
    """The step after `current`, or None when onboarding is done."""
    slugs = [step.slug for step in steps_for(profile)]
    if current not in slugs:
        return STEPS[slugs[0]]
    index = slugs.index(current)
    return STEPS[slugs[index + 1]] if index + 1 < len(slugs) else None


def previous_step(profile: Profile, current: str) -> Step | None:
    """The step before `current`, if any."""
    slugs = [step.slug for step in steps_for(profile)]
    if current not in slugs or slugs.index(current) == 0:
        return None
    return STEPS[slugs[slugs.index(current) - 1]]
