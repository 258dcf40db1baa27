"""People the recommendations tests share (the mentor index is cleared around every test by
the root conftest's `_fresh_mentor_index`)."""

from __future__ import annotations

from typing import Any, cast

from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import ProfileFactory, speak
from tandem.skills.models import Skill


def aspiring_data_lead(**kwargs: Any) -> Profile:
    """A level-3 mentee who wants Python and team leadership, to lead a data team; speaks
    English."""
    mentee = cast(
        Profile, ProfileFactory(level=3, goals="I want to grow into leading a data team", **kwargs)
    )
    mentee.skills_wanted.add(
        Skill.objects.get(slug="python"), Skill.objects.get(slug="team-leadership")
    )
    speak(mentee, "en")
    return mentee
