"""Who takes part: joining an open program, applying and a manager's answer, invitations by
email, changing one's answers, leaving, and pausing coffee rounds.

Every way in ends with `participant_add`. Services take a program found through `access.py`
(a manager's through `program_managed`, a participant's through `program_visible`) and check
the actor again where it matters (joining and applying: `access.program_visible_check`), so a
manager of another organization, or anyone outside it, changes nothing.

In 1:1 programs a person may give their department with their answers (the import sets it
too): the rule "outside the mentee's department" and the round's department table read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q

from tandem.accounts.models import User
from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.organizations.roles import is_manager
from tandem.profiles.models import Profile
from tandem.programs import notices, tasks
from tandem.programs.access import program_visible_check
from tandem.programs.invitations import (
    GONE,
    InvitationRefused,
    invitation_problem,
    invitation_read,
    invitation_token,
)
from tandem.programs.models import Match, Participant, Program
from tandem.programs.rules import (
    HOLDING,
    INVITATIONS_PER_SEND,
    ProgramInputError,
    answers_check,
    coffee_check,
    department_check,
    enrollment_check,
    side_check,
)
from tandem.programs.services.participants import participant_add

DECISIONS = {"approve": Participant.State.ACTIVE, "decline": Participant.State.DECLINED}
NO_PROFILE = "Set up your Tandem profile first: matching needs it."


def _profile(user: User) -> Profile:
    profile = Profile.objects.filter(user=user).first()
    if profile is None or not profile.is_onboarded:
        raise RuleBroken(NO_PROFILE)
    return profile


def _place(program: Program, profile: Profile) -> Participant | None:
    return (
        Participant.objects.select_for_update(of=("self",))
        .filter(program=program, profile=profile)
        .first()
    )


def _enroll(
    program: Program, profile: Profile, place: Participant | None, *, role: str,
    answers: Mapping[str, Any], state: str, department: str | None,
) -> Participant:  # fmt: skip
    side = side_check(program, role)
    stored = answers_check(list(program.questions.all()), answers)
    given = department_check(program, department)
    kept = place.department if place is not None else ""
    return participant_add(
        program=program, profile=profile, role=side, state=state, answers=stored,
        department=kept if given is None else given,
        capacity=place.capacity if place is not None and place.role == side else None,
    )  # fmt: skip


@transaction.atomic
def program_join(
    *, program: Program, user: User, role: str = Participant.Role.MENTEE,
    answers: Mapping[str, Any], department: str | None = None, now: datetime,
) -> Participant:  # fmt: skip
    """Join an open program of one's organization on one side (1:1) with answers to its
    intake questions (and, in 1:1 programs, one's department; None keeps the one stored)."""
    program_visible_check(program, user)
    profile = _profile(user)
    place = _place(program, profile)
    enrollment_check(program, place, how=Program.Enrollment.OPEN)
    return _enroll(
        program, profile, place, role=role, answers=answers, state=Participant.State.ACTIVE,
        department=department,
    )  # fmt: skip


@transaction.atomic
def program_apply(
    *, program: Program, user: User, role: str = Participant.Role.MENTEE,
    answers: Mapping[str, Any], department: str | None = None, now: datetime,
) -> Participant:  # fmt: skip
    """Apply to an apply-and-approve program of one's organization: a place waiting for a
    manager's answer."""
    program_visible_check(program, user)
    profile = _profile(user)
    place = _place(program, profile)
    enrollment_check(program, place, how=Program.Enrollment.APPLY)
    return _enroll(
        program, profile, place, role=role, answers=answers, state=Participant.State.APPLIED,
        department=department,
    )  # fmt: skip


@transaction.atomic
def application_decide(
    *, program: Program, participant_id: int, decision: str, actor: User, now: datetime
) -> Participant:
    """A manager approves or declines an application; the applicant is told either way."""
    if decision not in DECISIONS:
        raise ValueError(f"Unknown decision {decision!r}.")
    if not is_manager(actor, program.organization):
        raise NotFound("No such program.")
    place = (
        Participant.objects.select_for_update(of=("self",))
        .select_related("profile__user")
        .filter(program=program, pk=participant_id)
        .first()
    )
    if place is None:
        raise NotFound("No such participant.")
    if place.state != Participant.State.APPLIED:
        raise IllegalTransition(
            f"{place.profile.user.display_name}'s application was already answered."
        )
    place.state = DECISIONS[decision]
    place.decided_by = actor
    place.save(update_fields=["state", "decided_by", "updated_at"])
    notices.application_decided(program, place, now=now)
    return place


def emails_parse(emails: Iterable[str]) -> list[str]:
    """The addresses, trimmed, lowercased and once each; a bad one is refused by name."""
    cleaned: list[str] = []
    for email in emails:
        email = email.strip().lower()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError as error:
            raise ProgramInputError(f"“{email}” isn't an email address.", field="emails") from error
        if email not in cleaned:
            cleaned.append(email)
    if not cleaned:
        raise ProgramInputError("Give at least one email address.", field="emails")
    if len(cleaned) > INVITATIONS_PER_SEND:
        raise ProgramInputError(
            f"Invite at most {INVITATIONS_PER_SEND} people at once.", field="emails"
        )
    return cleaned


@transaction.atomic
def invitations_send(
    *, program: Program, emails: Iterable[str], actor: User, now: datetime
) -> list[str]:
    """Email each address a signed link to join, good for 14 days; people already taking part
    are left out. Returns the addresses invited."""
    if not is_manager(actor, program.organization):
        raise NotFound("No such program.")
    wanted = emails_parse(emails)
    inside = set(
        Participant.objects.filter(program=program, state=Participant.State.ACTIVE)
        .filter(Q(profile__user__email__in=wanted))
        .values_list("profile__user__email", flat=True)
    )
    invited = [email for email in wanted if email not in inside]
    if invited:
        tokens = [[email, invitation_token(program_id=program.pk, email=email, now=now)]
                  for email in invited]  # fmt: skip
        tasks.program_invitations.enqueue(
            program_id=program.pk, invitations=tokens, inviter=actor.display_name
        )
    return invited


@transaction.atomic
def invitation_accept(
    *, token: str, user: User, role: str = Participant.Role.MENTEE,
    answers: Mapping[str, Any], department: str | None = None, now: datetime,
) -> Participant:  # fmt: skip
    """Join the program an invitation link is for: only the person it was sent to (their
    account or a verified address), before it expires; in any enrollment mode."""
    invitation = invitation_read(token)
    problem = invitation_problem(invitation, user=user, now=now)
    if problem is not None:
        raise problem
    assert invitation is not None
    program = (
        Program.objects.select_related("organization").filter(pk=invitation.program_id).first()
    )
    if program is None:
        raise InvitationRefused(GONE)
    profile = _profile(user)
    place = _place(program, profile)
    enrollment_check(program, place, how="invite")
    return _enroll(
        program, profile, place, role=role, answers=answers, state=Participant.State.ACTIVE,
        department=department,
    )  # fmt: skip


def _own_place(program: Program, user: User, states: Iterable[str]) -> Participant:
    place = (
        Participant.objects.select_for_update(of=("self",))
        .filter(program=program, profile__user=user, state__in=list(states))
        .first()
    )
    if place is None:
        raise IllegalTransition(f"You're not taking part in {program.name}.")
    return place


@transaction.atomic
def answers_give(
    *, program: Program, user: User, answers: Mapping[str, Any], department: str | None = None,
    now: datetime,
) -> Participant:  # fmt: skip
    """Change one's answers to the intake questions (all of them at once, checked again) and,
    in 1:1 programs, one's department (None leaves it as it is)."""
    place = _own_place(program, user, HOLDING)
    place.answers = answers_check(list(program.questions.all()), answers)
    given = department_check(program, department)
    if given is not None:
        place.department = given
    place.save(update_fields=["answers", "department", "updated_at"])
    return place


@transaction.atomic
def program_leave(*, program: Program, user: User, now: datetime) -> Participant:
    """Leave a program (or take back an application). Matches still waiting for an answer
    are declined, and the other person is told; a mentorship that began goes on."""
    place = _own_place(program, user, HOLDING)
    place.state = Participant.State.LEFT
    place.save(update_fields=["state", "updated_at"])
    waiting = (
        Match.objects.select_for_update(of=("self",))
        .select_related("program", "first__profile__user", "second__profile__user")
        .filter(Q(first=place) | Q(second=place), state=Match.State.PROPOSED)
    )
    for match in waiting:
        match.state = Match.State.DECLINED
        match.save(update_fields=["state", "updated_at"])
        notices.match_declined_by(match, place, now=now)
    return place


@transaction.atomic
def coffee_opt(*, program: Program, user: User, opted_in: bool, now: datetime) -> Participant:
    """Opt in to (or pause) the coming coffee rounds."""
    coffee_check(program)
    place = _own_place(program, user, [Participant.State.ACTIVE])
    place.opted_in = opted_in
    place.save(update_fields=["opted_in", "updated_at"])
    return place
