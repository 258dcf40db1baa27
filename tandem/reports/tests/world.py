"""Programs with pairs at chosen moments, for the report tests.

People join through the services; a published match is written as the row a published round
leaves behind (`programs/tests/worlds.py`), then both sides confirm it through
`match_confirm`, which starts the mentorship's intro exactly as the site does. Anything after
that (meetings, agreements, goals, feedback) goes through the meetings and mentorships
services or their factories in each test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from tandem.meetings.tests.factories import backdate
from tandem.mentorships.models import Mentorship
from tandem.programs.models import Match, Participant, Program
from tandem.programs.services.matches import match_confirm
from tandem.programs.tests.factories import ParticipantFactory
from tandem.programs.tests.worlds import match_of


@dataclass(frozen=True)
class Pair:
    mentee: Participant
    mentor: Participant
    match: Match
    mentorship: Mentorship | None  # None until both confirmed


def joined(program: Program, *, at: datetime, role: str = "mentee", **more: object) -> Participant:
    """Someone who joined `program` at `at` (their place's created_at: their cohort)."""
    place = cast(Participant, ParticipantFactory(program=program, role=role, **more))
    backdate(place, at)
    place.refresh_from_db()
    return place


def program_pair(
    program: Program, *, at: datetime, mentee: Participant | None = None,
    mentor: Participant | None = None, confirmed_at: datetime | None = None,
) -> Pair:  # fmt: skip
    """A match published at `at`; with `confirmed_at`, both said yes then (the intro starts)."""
    mentee = mentee or joined(program, at=at)
    mentor = mentor or joined(program, at=at, role="mentor")
    match = match_of(mentee, mentor, now=at)
    backdate(match, at)
    mentorship = None
    if confirmed_at is not None:
        for place in (mentee, mentor):
            match_confirm(
                slug=program.slug, match_id=match.pk, user=place.profile.user, now=confirmed_at
            )
        match.refresh_from_db()
        mentorship = match.mentorship
    match.refresh_from_db()
    return Pair(mentee=mentee, mentor=mentor, match=match, mentorship=mentorship)
