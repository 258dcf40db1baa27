"""The phone test's matching rounds: a program staff run, with a published round and a draft
to review, over demo people (not the demo logins, whose own pages stay as they were), one of
them with the very long email address."""

from __future__ import annotations

from datetime import datetime

from tandem.demo.logins import NAMED_PEOPLE
from tandem.profiles.models import Profile
from tandem.programs.rounds.publish import round_publish
from tandem.programs.rounds.run import round_run, round_start
from tandem.programs.services.participants import participant_add
from tandem.programs.services.programs import program_create

DEPARTMENTS = ("Finance", "Operations", "Engineering")


def program_with_rounds(*, now: datetime, long_email: str) -> None:
    people = Profile.objects.exclude(user__email__in=[p.email for p in NAMED_PEOPLE]).filter(
        onboarded_at__isnull=False, organization__isnull=False
    )
    mentees = list(people.filter(is_mentee=True, is_mentor=False).order_by("id")[:8])
    mentors = [
        *people.filter(is_mentor=True, user__email=long_email)[:1],
        *people.filter(is_mentor=True).exclude(user__email=long_email).order_by("id")[:3],
    ]
    organization = mentees[0].organization
    assert organization is not None
    program = program_create(
        organization=organization, actor=None, name="Autumn mentoring circle",
        mentor_capacity=2, rule_outside_department=True,
    )  # fmt: skip
    for i, profile in enumerate(mentees):
        participant_add(program=program, profile=profile, department=DEPARTMENTS[i % 3])
    for i, profile in enumerate(mentors):
        participant_add(
            program=program, profile=profile, role="mentor", department=DEPARTMENTS[(i + 1) % 3]
        )
    first = round_start(program=program, actor=None, now=now, enqueue=False)
    round_publish(program=program, round_=round_run(first.pk, now=now), actor=None, now=now)
    draft = round_start(program=program, actor=None, mode="stable", now=now, enqueue=False)
    round_run(draft.pk, now=now)
