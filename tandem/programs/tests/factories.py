"""Factories for programs, built through the services."""

from __future__ import annotations

from typing import Any

import factory

from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
)
from tandem.programs.models import Participant, Program
from tandem.programs.services.participants import participant_add
from tandem.programs.services.programs import program_create


class ProgramFactory(factory.django.DjangoModelFactory[Program]):
    """A program created by an operator (`program_create` with no actor)."""

    class Meta:
        model = Program

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Program {n}")
    kind = Program.Kind.MENTORING

    @classmethod
    def _create(cls, model_class: type[Program], *args: Any, **kwargs: Any) -> Program:
        return program_create(actor=None, **kwargs)


class ParticipantFactory(factory.django.DjangoModelFactory[Participant]):
    """A mentee taking part (`participant_add`); pass `role="mentor"` for a mentor."""

    class Meta:
        model = Participant

    program = factory.SubFactory(ProgramFactory)
    role = Participant.Role.MENTEE
    profile = factory.LazyAttribute(
        lambda o: (MentorProfileFactory if o.role in ("mentor", "both") else ProfileFactory)(
            organization=o.program.organization, is_mentee=o.role != "mentor"
        )
    )

    @classmethod
    def _create(cls, model_class: type[Participant], *args: Any, **kwargs: Any) -> Participant:
        return participant_add(**kwargs)


def insider(organization: Any, **fields: Any) -> Any:
    """A profile naming `organization` whose person is verified at it: a member role, as its
    managers or an import give (typing the name alone would let them see nothing)."""
    from tandem.organizations.roles import member_add

    profile = ProfileFactory(organization=organization, **fields)
    member_add(organization=organization, user=profile.user)
    return profile


def manager_of(organization: Any) -> Any:
    """A signed-up person who manages `organization`'s programs (granted by staff)."""
    from tandem.accounts.tests.factories import UserFactory
    from tandem.organizations.roles import role_grant

    staff = UserFactory(is_staff=True)
    user = UserFactory()
    ProfileFactory(user=user, organization=organization)
    role_grant(organization=organization, user=user, role="manager", actor=staff)
    return user
