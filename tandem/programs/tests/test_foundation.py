"""Organization roles, program creation, adding participants and the create command."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import NotFound
from tandem.organizations.models import Membership, Organization
from tandem.organizations.roles import is_manager, role_grant
from tandem.profiles.tests.factories import OrganizationFactory
from tandem.programs.access import program_managed
from tandem.programs.models import Participant, Program
from tandem.programs.services.programs import ProgramError, program_create
from tandem.programs.tests.factories import ParticipantFactory, ProgramFactory, manager_of

pytestmark = pytest.mark.django_db


def test_a_manager_grants_the_role_within_their_organization_only() -> None:
    acme, other = OrganizationFactory(), OrganizationFactory()
    manager = manager_of(acme)
    colleague = UserFactory()
    role_grant(organization=acme, user=colleague, role="manager", actor=manager)
    assert is_manager(colleague, acme)
    with pytest.raises(NotFound):
        role_grant(organization=other, user=colleague, role="manager", actor=manager)
    assert not Membership.objects.filter(organization=other).exists()


def test_a_manager_of_another_organization_cannot_create_or_reach_its_programs() -> None:
    acme, other = OrganizationFactory(), OrganizationFactory()
    outsider = manager_of(other)
    with pytest.raises(NotFound):
        program_create(organization=acme, actor=outsider, name="Mentoring")
    program = ProgramFactory(organization=acme)
    with pytest.raises(NotFound):
        program_managed(slug=program.slug, user=outsider)
    assert program_managed(slug=program.slug, user=manager_of(acme)) == program


def test_program_dates_and_weights_are_checked() -> None:
    acme = OrganizationFactory()
    import datetime as dt

    with pytest.raises(ProgramError, match="end before it starts"):
        program_create(
            organization=acme, actor=None, name="X",
            starts_on=dt.date(2027, 1, 2), ends_on=dt.date(2027, 1, 1),
        )  # fmt: skip
    with pytest.raises(ProgramError, match="weights"):
        program_create(organization=acme, actor=None, name="X", weights={"charm": 10})
    assert not Program.objects.exists()


def test_pools_have_one_kind_of_participant_and_people_become_members() -> None:
    coffee = ProgramFactory(kind=Program.Kind.COFFEE)
    person = ParticipantFactory(program=coffee, role="mentor")
    assert person.role == Participant.Role.PEER
    assert Membership.objects.filter(
        organization=coffee.organization, user=person.profile.user
    ).exists()


def test_the_create_command_makes_the_organization_once() -> None:
    out = io.StringIO()
    call_command(
        "programs", "create", "acme-m", "--organization", "Acme", "--name", "M", stdout=out
    )
    call_command(
        "programs", "create", "acme-c", "--organization", "acme", "--name", "C", "--type",
        "coffee", stdout=out,
    )  # fmt: skip
    assert "created program acme-m" in out.getvalue()
    assert {p.organization.name for p in Program.objects.all()} == {"Acme"}


def test_the_create_command_reports_bad_input_line_by_line_and_exits_2() -> None:
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "programs", "create", "x", "--organization", " ", "--name", "", "--type", "group",
            stderr=err,
        )  # fmt: skip
    assert exit_.value.code == 2
    assert err.getvalue().splitlines() == [
        "--type: choose one of mentoring, peer, coffee, reverse",
        "--organization: give the organization's name",
        "--name: give the program a name",
    ]
    assert not Program.objects.exists()


def test_the_create_command_checks_the_slug_and_lengths_and_leaves_no_organization_behind() -> None:
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "programs", "create", "Bad Slug!", "--organization", "O" * 201, "--name", "N" * 121,
            stderr=err,
        )  # fmt: skip
    assert err.getvalue().splitlines() == [
        "SLUG: use lowercase letters, digits and dashes, like acme-mentoring, not 'Bad Slug!'",
        "--organization: at most 200 characters",
        "--name: at most 120 characters",
    ]
    ProgramFactory(slug="taken")
    with pytest.raises(SystemExit):
        call_command(
            "programs", "create", "taken", "--organization", "Brand new", "--name", "N",
            stderr=io.StringIO(),
        )  # fmt: skip
    assert not Organization.objects.filter(name="Brand new").exists()


def test_bad_arguments_are_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        call_command("programs", "create", "just-a-slug")
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines() == [
        "programs create: the following arguments are required: --organization, --name"
    ]
