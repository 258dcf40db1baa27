"""Who may see and change a program: its organization's managers (and staff) run it, its
participants take part in it, and the people of its organization may find an open or an
apply-and-approve one. Every program page and service finds its program through here, so
anyone else (a manager of another organization included) gets a 404 and learns nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from tandem.core.errors import NotFound
from tandem.organizations.models import Organization
from tandem.organizations.roles import managed_organizations
from tandem.organizations.verified import organizations_verified
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


def organizations_of(user: User) -> QuerySet[Organization]:
    """The organizations this person belongs to for programs: those they are verified at
    (`organizations.verified`: a confirmed address at the domain staff set, or a role given
    to them). The organization typed on a profile never counts: anyone can type a name."""
    return organizations_verified(user)


def visible_programs(user: User) -> QuerySet[Program]:
    """The programs this person may see (and, open or apply, join): those they run (staff: all),
    those they take part in (whatever the state of their place), and the open and
    apply-and-approve programs of the organizations they belong to. An invitation-only
    program shows to anyone else only through its invitation link (`invitations.py`).

    Every page a participant reads a program through, and any list of programs to join, uses
    this one rule."""
    if not user.is_authenticated:
        return Program.objects.none()
    places = Participant.objects.filter(profile__user=user).values("program_id")
    return Program.objects.filter(
        Q(organization__in=managed_organizations(user))
        | Q(pk__in=places)
        | (~Q(enrollment=Program.Enrollment.INVITE) & Q(organization__in=organizations_of(user)))
    )


def program_visible(*, slug: str, user: User) -> Program:
    """The program page as a person sees it (`visible_programs`), else NotFound."""
    program = visible_programs(user).select_related("organization").filter(slug=slug).first()
    if program is None:
        raise NotFound(MISSING)
    return program


def program_visible_check(program: Program, user: User) -> None:
    """NotFound unless this person may see `program` (services check the actor again)."""
    if not visible_programs(user).filter(pk=program.pk).exists():
        raise NotFound(MISSING)
