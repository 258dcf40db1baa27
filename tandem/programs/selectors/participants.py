"""The participants list a manager works from: everyone in the program, a page at a time,
filtered by state and side, with the applications waiting for an answer first; and the page
to invite people by email.

Four queries however long the list: the program (through `access.program_managed`), the
counts per state, the page's count and the page's rows with their people.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When

from tandem.accounts.models import User
from tandem.programs.access import program_managed
from tandem.programs.models import Participant, Program

PER_PAGE = 50


@dataclass(frozen=True)
class ParticipantsPage:
    program: Program
    page: Page[Participant]
    counts: dict[str, int]  # state → how many
    state: str  # the filter in force ("" for all)
    role: str
    states: list[tuple[str, str]]
    roles: list[tuple[str, str]]
    tally: list[tuple[str, int]]  # (state, how many) for the states anyone is in
    total: int
    waiting: int  # applications waiting for an answer


def participants_page_for(
    *, slug: str, user: User, state: str = "", role: str = "", page_number: int | str = 1
) -> ParticipantsPage:
    program = program_managed(slug=slug, user=user)
    state = state if state in Participant.State.values else ""
    role = role if role in Participant.Role.values else ""
    counted = (
        Participant.objects.filter(program=program)
        .values("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {row["state"]: row["n"] for row in counted}
    rows = Participant.objects.filter(program=program).select_related(
        "profile__user", "profile__organization"
    )
    if state:
        rows = rows.filter(state=state)
    if role:
        rows = rows.filter(Q(role=role) | Q(role=Participant.Role.BOTH)) if role in (
            Participant.Role.MENTEE, Participant.Role.MENTOR
        ) else rows.filter(role=role)  # fmt: skip
    waiting_first = Case(
        When(state=Participant.State.APPLIED, then=Value(0)), default=Value(1),
        output_field=IntegerField(),
    )  # fmt: skip
    rows = rows.order_by(waiting_first, "profile__user__first_name", "profile__user__email", "id")
    page = Paginator(rows, PER_PAGE).get_page(page_number)
    states = list(Participant.State.choices)
    return ParticipantsPage(
        program=program, page=page, counts=counts, state=state, role=role, states=states,
        tally=[(label, counts[value]) for value, label in states if counts.get(value)],
        total=sum(counts.values()), waiting=counts.get(Participant.State.APPLIED, 0),
        roles=[] if program.is_pool else [
            (Participant.Role.MENTEE, "Mentees"), (Participant.Role.MENTOR, "Mentors"),
        ],
    )  # fmt: skip


@dataclass(frozen=True)
class InvitePage:
    program: Program  # with its organization


def invite_page_for(*, slug: str, user: User) -> InvitePage:
    """The invitations page: the program (its enrollment says whether an invitation skips
    the approval)."""
    return InvitePage(program=program_managed(slug=slug, user=user))
