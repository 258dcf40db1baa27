"""Adding a person to a program: the one write every way in ends with (an import, joining an
open program, an approved application, an accepted invitation)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from tandem.organizations.roles import member_add
from tandem.profiles.models import Profile
from tandem.programs.models import Participant, Program


def role_for(program: Program, role: str) -> str:
    """Pools have one kind of participant; 1:1 programs keep the side asked for."""
    return Participant.Role.PEER if program.is_pool else role


@transaction.atomic
def participant_add(
    *,
    program: Program,
    profile: Profile,
    role: str = Participant.Role.MENTEE,
    state: str = Participant.State.ACTIVE,
    department: str = "",
    capacity: int | None = None,
    answers: Mapping[str, Any] | None = None,
) -> Participant:
    """`profile` in `program` (updated in place if already there) and a member of its
    organization. Mentors take the program's default capacity unless told otherwise."""
    role = role_for(program, role)
    if role not in Participant.Role.values:
        raise ValueError(f"Unknown role {role!r}.")
    if capacity is None:
        capacity = program.mentor_capacity if role in ("mentor", "both") else 1
    participant, _ = Participant.objects.update_or_create(
        program=program, profile=profile,
        defaults={
            "role": role, "state": state, "department": department, "capacity": capacity,
            "answers": dict(answers or {}),
        },
    )  # fmt: skip
    member_add(organization=program.organization, user=profile.user)
    return participant
