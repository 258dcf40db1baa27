"""Who may see and change a program: its organization's managers (and staff) run it, its
participants take part in it. Every program page and service finds its program through here,
so a manager of another organization gets a 404 and learns nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from tandem.core.errors import NotFound
from tandem.organizations.roles import managed_organizations
from tandem.programs.models import Participant, Program

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

MISSING = "No such program."


def managed_programs(user: User) -> QuerySet[Program]:
    """Programs of the organizations this person manages."""
    return Program.objects.filter(organization__in=managed_organizations(user))


def program_managed(*, slug: str, user: User, lock: bool = False) -> Program:
    """The program `slug` if `user` may run it, else NotFound (with `lock`, under its row lock)."""
    programs = managed_programs(user).select_related("organization")
    if lock:
        programs = programs.select_for_update(of=("self",))
    program = programs.filter(slug=slug).first()
    if program is None:
        raise NotFound(MISSING)
    return program


def participant_of(program: Program, user: User) -> Participant | None:
    """This person's place in the program, whatever its state, if they have one."""
    if not user.is_authenticated:
        return None
    return Participant.objects.filter(program=program, profile__user=user).first()


def program_visible(*, slug: str, user: User) -> Program:
    """The program page as a person sees it: open and apply-and-approve programs are listed to
    anyone signed in; an invitation-only one only to its participants and managers."""
    program = Program.objects.select_related("organization").filter(slug=slug).first()
    if program is None:
        raise NotFound(MISSING)
    if program.enrollment != Program.Enrollment.INVITE:
        return program
    if (
        participant_of(program, user) is not None
        or managed_programs(user).filter(pk=program.pk).exists()
    ):
        return program
    raise NotFound(MISSING)
