"""The phone test's programs, from the participant's side and the manager's: coffee rounds the
demo mentee and the demo "both" take part in, with a published round that introduced them to
each other (one has said how it went); a 1:1 program with an application waiting, where the
demo mentor has a match to confirm; an invitation-only program the demo mentor is invited to.
Staff manage them all. Rounds and matches are written as rows (`programs/tests/worlds.py`):
these pages show what a published round left behind, however it was run."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from tandem.demo.logins import NAMED_PEOPLE
from tandem.organizations.roles import member_add
from tandem.profiles.models import Profile
from tandem.programs.invitations import invitation_token
from tandem.programs.models import Participant, Program
from tandem.programs.services.enrollment import program_apply
from tandem.programs.services.matches import match_feedback_give
from tandem.programs.services.participants import participant_add
from tandem.programs.services.programs import program_create
from tandem.programs.services.questions import question_add
from tandem.programs.tests.worlds import match_of

REASONS = [
    {"first": "you both work on data products", "second": "you both work on data products"},
    {"first": "in your timezone", "second": "in your timezone"},
]


def _others(*named: Profile) -> list[Profile]:
    """Demo people who are not the demo logins (whose own pages stay as they were)."""
    return list(
        Profile.objects.exclude(pk__in=[p.pk for p in named])
        .exclude(user__email__in=[p.email for p in NAMED_PEOPLE])
        .filter(onboarded_at__isnull=False)
        .order_by("-id")[:6]
    )


def _coffee(mentee: Profile, both: Profile, now: datetime) -> None:
    organization = mentee.organization or both.organization
    assert organization is not None
    coffee = program_create(
        organization=organization, actor=None, name="Friday coffee", kind=Program.Kind.COFFEE,
        description="Meet someone new from across the company every two weeks: 25 minutes, "
        "by video or over a real coffee.", cycle="2w", coffee_minutes=25,
    )  # fmt: skip
    office = question_add(
        program=coffee, text="Which office are you nearest?", kind="single", required=True,
        choices=["London", "Lisbon", "Remote"], matching="different",
    )  # fmt: skip
    topics = question_add(program=coffee, text="What could you talk about for hours?", kind="text")
    answers = {str(office.pk): "Lisbon", str(topics.pk): "Bread, maps and dashboards"}
    first = participant_add(program=coffee, profile=mentee, answers=answers)
    second = participant_add(program=coffee, profile=both, answers=answers)
    for profile in _others(mentee, both)[:4]:
        participant_add(program=coffee, profile=profile)
    match = match_of(first, second, reasons=REASONS, now=now, cycle_on=now.date())
    match_feedback_give(
        slug=coffee.slug, match_id=match.pk, user=both.user, met=True, rating=5,
        meet_again=True, note="Lovely chat about maps.", now=now,
    )  # fmt: skip


def _mentoring(mentor: Profile, now: datetime) -> None:
    organization = mentor.organization
    assert organization is not None
    program = program_create(
        organization=organization, actor=None, name="Rising leaders", enrollment="apply",
        description="A year with a mentor two or three levels ahead of you.",
    )  # fmt: skip
    question_add(program=program, text="How confident do you feel leading a team?", kind="scale")
    others = _others(mentor)
    mentee = participant_add(program=program, profile=others[0])
    place = participant_add(program=program, profile=mentor, role=Participant.Role.MENTOR)
    why = {"mentee": "leads a team of 12, as you hope to", "mentor": "wants to lead, as you do"}
    match_of(mentee, place, reasons=[why], now=now)
    member_add(organization=organization, user=others[1].user)  # only its people may apply
    program_apply(program=program, user=others[1].user, answers={}, now=now)


def programs_for_phones(*, mentee: Profile, mentor: Profile, both: Profile) -> dict[str, str]:
    """Build the programs; returns the extras the pages need (the mentor's invitation)."""
    now = timezone.now()
    _coffee(mentee, both, now)
    _mentoring(mentor, now)
    organization = mentor.organization
    assert organization is not None
    invited = program_create(
        organization=organization, actor=None, name="Women in data", enrollment="invite"
    )
    return {
        "program_invitation": invitation_token(
            program_id=invited.pk, email=mentor.user.email, now=now
        )
    }
