"""Reads for the program page, joining (the form, an invitation link) and the pages managers
run programs from: the list, create, settings, questions, managers, the import's upload.

Participant pages find the program with `access.program_visible`, manager pages with
`access.program_managed`, so a manager of another organization gets a 404 on every one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from tandem.accounts.models import User
from tandem.core.errors import NotFound
from tandem.organizations.models import Membership, Organization
from tandem.organizations.roles import managed_organizations
from tandem.profiles.models import Profile
from tandem.programs.access import managed_programs, program_managed, program_visible
from tandem.programs.invitations import (
    GONE,
    Invitation,
    InvitationRefused,
    invitation_problem,
    invitation_read,
)
from tandem.programs.models import Participant, Program, Question, Round
from tandem.programs.rules import enrollment_refusal
from tandem.programs.selectors.mine import MyProgram, place_for, program_rows
from tandem.programs.wording import KIND_BLURB


def _profile(user: User) -> Profile | None:
    profile = Profile.objects.filter(user=user).first()
    return profile if profile is not None and profile.is_onboarded else None


def answered(questions: list[Question], answers: dict[str, Any]) -> list[tuple[Question, str]]:
    """Each question with the answer given, as it reads on a page ("" when not answered)."""
    shown = []
    for question in questions:
        value = answers.get(str(question.pk))
        if isinstance(value, list):
            value = ", ".join(value)
        shown.append((question, "" if value is None else str(value)))
    return shown


@dataclass(frozen=True)
class ProgramPage:
    program: Program
    blurb: str
    place: Participant | None
    row: MyProgram | None  # the reader's next step and latest match, when they take part
    answers: list[tuple[Question, str]]
    refusal: str | None  # why they cannot join or apply now (None: they can)
    needs_profile: bool
    manages: bool


def program_page_for(*, slug: str, user: User, now: datetime) -> ProgramPage:
    """The program as a person sees it: join or apply, or "you're in" with their side,
    answers and next step, and the way out."""
    program = program_visible(slug=slug, user=user)
    place = place_for(program, user)
    questions = list(program.questions.all())
    row = program_rows([place], today=now.date())[0] if place is not None else None
    how = program.enrollment if program.enrollment != Program.Enrollment.INVITE else "invite"
    refusal = enrollment_refusal(program, place, how=how)
    if refusal is None and how == "invite":
        refusal = "This program takes people by invitation: the link is in your email."
    return ProgramPage(
        program=program, blurb=KIND_BLURB[program.kind], place=place, row=row,
        answers=answered(questions, place.answers) if place is not None else [],
        refusal=refusal, needs_profile=_profile(user) is None,
        manages=managed_programs(user).filter(pk=program.pk).exists(),
    )  # fmt: skip


@dataclass(frozen=True)
class JoinPage:
    """The intake form: to join (open), apply (apply-and-approve), accept an invitation, or
    change one's answers once in (`mode` "join", "apply", "invite" or "answers")."""

    program: Program
    mode: str
    questions: list[Question]
    place: Participant | None
    refusal: str | None
    needs_profile: bool
    initial: dict[str, Any] = field(default_factory=dict)


def _initial(place: Participant | None, questions: list[Question]) -> dict[str, Any]:
    if place is None:
        return {}
    initial: dict[str, Any] = {"role": place.role, "department": place.department}
    for question in questions:
        if str(question.pk) in place.answers:
            initial[f"q{question.pk}"] = place.answers[str(question.pk)]
    return initial


def join_page_for(*, slug: str, user: User) -> JoinPage:
    program = program_visible(slug=slug, user=user)
    place = Participant.objects.filter(program=program, profile__user=user).first()
    questions = list(program.questions.all())
    if place is not None and place.state in (Participant.State.ACTIVE, Participant.State.APPLIED):
        mode, refusal = "answers", None
    elif program.enrollment == Program.Enrollment.INVITE:
        mode = "invite"
        refusal = "This program takes people by invitation: open the link in your email."
    else:
        mode = "join" if program.enrollment == Program.Enrollment.OPEN else "apply"
        refusal = enrollment_refusal(program, place, how=program.enrollment)
    return JoinPage(
        program=program, mode=mode, questions=questions, place=place, refusal=refusal,
        needs_profile=_profile(user) is None, initial=_initial(place, questions),
    )  # fmt: skip


@dataclass(frozen=True)
class InvitationPage:
    """An invitation link's page: the intake form (`join`), or why this person cannot use the
    link (changed, expired, sent to someone else), which shows nothing of the program."""

    invitation: Invitation | None
    problem: InvitationRefused | None
    join: JoinPage | None


def invitation_page_for(*, token: str, user: User, now: datetime) -> InvitationPage:
    invitation = invitation_read(token)
    problem = invitation_problem(invitation, user=user, now=now)
    if invitation is None or problem is not None:
        return InvitationPage(invitation, problem, None)
    program = (
        Program.objects.select_related("organization").filter(pk=invitation.program_id).first()
    )
    if program is None:
        return InvitationPage(invitation, InvitationRefused(GONE), None)
    place = Participant.objects.filter(program=program, profile__user=user).first()
    questions = list(program.questions.all())
    join = JoinPage(
        program=program, mode="invite", questions=questions, place=place,
        refusal=enrollment_refusal(program, place, how="invite"),
        needs_profile=_profile(user) is None, initial=_initial(place, questions),
    )  # fmt: skip
    return InvitationPage(invitation, None, join)


# --- Managers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ManagerPrograms:
    programs: list[Program]  # annotated: active, applied, last_round_number, last_round_label
    organizations: list[Organization]  # where they may create one


def manager_programs_for(*, user: User) -> ManagerPrograms:
    """ "Programs I run": each program of the organizations this person manages, with who
    takes part, applications waiting and the state of its latest round (two queries)."""
    latest = Round.objects.filter(program=OuterRef("pk")).order_by("-number")
    programs = (
        managed_programs(user)
        .select_related("organization")
        .annotate(
            active=Count("participants", filter=Q(participants__state=Participant.State.ACTIVE)),
            applied=Count("participants", filter=Q(participants__state=Participant.State.APPLIED)),
            last_round_state=Subquery(latest.values("state")[:1]),
            last_round_number=Subquery(latest.values("number")[:1]),
        )
        .order_by("organization__name", "name", "id")
    )
    rows: list[Program] = list(programs)
    labels = dict(Round.State.choices)
    for program in rows:
        program.last_round_label = labels.get(program.last_round_state, "").lower()  # type: ignore[attr-defined]
    return ManagerPrograms(
        programs=rows, organizations=list(managed_organizations(user).order_by("name"))
    )


def create_page_for(*, user: User) -> QuerySet[Organization]:
    """The organizations this person may create a program for; NotFound if none."""
    organizations = managed_organizations(user).order_by("name")
    if not organizations.exists():
        raise NotFound("No organization to run programs for.")
    return organizations


@dataclass(frozen=True)
class SettingsPage:
    program: Program  # with its organization


def settings_page_for(*, slug: str, user: User) -> SettingsPage:
    """The settings page: the program as it stands (the form reads its values from it)."""
    return SettingsPage(program=program_managed(slug=slug, user=user))


@dataclass(frozen=True)
class QuestionsPage:
    program: Program
    questions: list[Question]


def questions_page_for(*, slug: str, user: User) -> QuestionsPage:
    program = program_managed(slug=slug, user=user)
    return QuestionsPage(program=program, questions=list(program.questions.all()))


@dataclass(frozen=True)
class ImportPage:
    program: Program
    questions: list[Question]  # a column headed with one's text holds the answers to it


def import_page_for(*, slug: str, user: User) -> ImportPage:
    """The import's upload page: the program and the intake questions a file may answer."""
    program = program_managed(slug=slug, user=user)
    return ImportPage(program=program, questions=list(program.questions.all()))


@dataclass(frozen=True)
class ManagersPage:
    program: Program
    managers: list[Membership]


def managers_page_for(*, slug: str, user: User) -> ManagersPage:
    """Who manages the program's organization (and who gave them the role)."""
    program = program_managed(slug=slug, user=user)
    managers = (
        Membership.objects.filter(organization=program.organization, role=Membership.Role.MANAGER)
        .select_related("user", "granted_by")
        .order_by("user__email")
    )
    return ManagersPage(program=program, managers=list(managers))
