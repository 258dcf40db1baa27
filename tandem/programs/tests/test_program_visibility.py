"""Who may see and join an open or apply-and-approve program: the people verified at its
organization (a role in it, or a verified address at its email domain), and nobody else: a
manager of another organization included, and anyone who only typed its name on a profile."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse

from tandem.core.errors import NotFound
from tandem.organizations.models import Membership
from tandem.organizations.roles import member_add
from tandem.profiles.tests.factories import OrganizationFactory, ProfileFactory
from tandem.programs.access import visible_programs
from tandem.programs.models import Participant, Program
from tandem.programs.services.enrollment import program_apply, program_join
from tandem.programs.tests.factories import ParticipantFactory, ProgramFactory, manager_of
from tandem.programs.tests.isolation_helpers import POST_DATA, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme() -> Any:  # an Organization whose verified addresses are at acme.example
    return OrganizationFactory(name="Acme Open", email_domain="acme.example")


def by_membership(acme) -> Any:
    person = ProfileFactory()  # their profile names another organization
    member_add(organization=acme, user=person.user)
    return person


def by_verified_address(acme) -> Any:
    return ProfileFactory(user__email="sam@ACME.example")  # UserFactory verifies it


WAYS_IN = [by_membership, by_verified_address]
OPENS = [Program.Enrollment.OPEN, Program.Enrollment.APPLY]


def _tried(client, program: Program) -> dict[str, int]:
    """What each participant URL answers (GETs and a POST with everything a form needs)."""
    slug = program.slug
    cache.clear()
    return {
        "detail": client.get(reverse("programs:detail", args=[slug])).status_code,
        "join": client.get(reverse("programs:join", args=[slug])).status_code,
        "join POST": client.post(reverse("programs:join", args=[slug]), POST_DATA).status_code,
        "leave POST": client.post(reverse("programs:leave", args=[slug])).status_code,
        "coffee POST": client.post(reverse("programs:coffee", args=[slug]), POST_DATA).status_code,
    }


@pytest.mark.parametrize("way_in", WAYS_IN, ids=lambda way: way.__name__)
@pytest.mark.parametrize("enrollment", OPENS)
def test_a_person_of_the_organization_sees_and_joins_an_open_or_apply_program(
    client, acme, way_in, enrollment
):
    program = ProgramFactory(organization=acme, enrollment=enrollment, name="Acme Open Doors")
    person = way_in(acme)
    client.force_login(person.user)
    page = client.get(program.get_absolute_url())
    assert page.status_code == 200
    button = "Join Acme Open Doors" if enrollment == "open" else "Apply to take part"
    assert button in page.content.decode()
    assert client.get(reverse("programs:join", args=[program.slug])).status_code == 200
    response = client.post(reverse("programs:join", args=[program.slug]), {"role": "mentee"})
    assert response.status_code == 302
    place = Participant.objects.get(program=program)
    assert place.profile == person
    assert place.state == ("active" if enrollment == "open" else "applied")


@pytest.mark.parametrize("enrollment", OPENS)
def test_a_manager_of_another_organization_cannot_see_or_join_an_open_program(
    client, acme, enrollment, now
):
    program = ProgramFactory(organization=acme, enrollment=enrollment)
    ParticipantFactory(program=program)
    outsider = manager_of(OrganizationFactory(name="Elsewhere"))
    before = snapshot()
    client.force_login(outsider)
    assert set(_tried(client, program).values()) == {404}
    assert snapshot() == before
    assert not Membership.objects.filter(organization=acme, user=outsider).exists()
    join = program_join if enrollment == "open" else program_apply
    with pytest.raises(NotFound):  # the service checks the person again
        join(program=program, user=outsider, answers={}, now=now)
    assert not Participant.objects.filter(program=program, profile__user=outsider).exists()


def test_an_address_at_the_domain_counts_only_once_verified(client, acme):
    program = ProgramFactory(organization=acme, enrollment=Program.Enrollment.OPEN)
    person = ProfileFactory(user__email="sam@acme.example")
    EmailAddress.objects.filter(user=person.user).update(verified=False)
    client.force_login(person.user)
    assert set(_tried(client, program).values()) == {404}
    assert not Participant.objects.filter(program=program).exists()


def test_a_typed_organization_name_is_no_way_in_where_it_has_a_domain(client, acme):
    program = ProgramFactory(organization=acme, enrollment=Program.Enrollment.OPEN)
    client.force_login(ProfileFactory(organization=acme).user)  # an address at example.com
    assert set(_tried(client, program).values()) == {404}
    assert not Membership.objects.filter(organization=acme).exists()


def test_a_typed_organization_name_is_no_way_in_where_it_has_no_domain_either(client):
    """Anyone may type "Acme" on a profile; before, that let them into Acme's open programs
    wherever staff had set no email domain."""
    bare = OrganizationFactory(name="Acme Typed", email_domain="")
    program = ProgramFactory(organization=bare, enrollment=Program.Enrollment.OPEN)
    typist = ProfileFactory(organization=bare)
    client.force_login(typist.user)
    assert set(_tried(client, program).values()) == {404}
    assert not Participant.objects.filter(program=program).exists()
    assert list(visible_programs(typist.user)) == []


def test_an_organization_without_a_domain_lets_no_address_in(client):
    bare = OrganizationFactory(name="No Domain", email_domain="")
    program = ProgramFactory(organization=bare, enrollment=Program.Enrollment.OPEN)
    client.force_login(ProfileFactory().user)  # a verified address, at example.com
    assert set(_tried(client, program).values()) == {404}


@pytest.mark.parametrize("way_in", WAYS_IN, ids=lambda way: way.__name__)
def test_an_invitation_only_program_stays_hidden_from_its_own_organization(client, acme, way_in):
    program = ProgramFactory(organization=acme, enrollment=Program.Enrollment.INVITE)
    client.force_login(way_in(acme).user)
    assert set(_tried(client, program).values()) == {404}
    assert not Participant.objects.filter(program=program).exists()


def test_visible_programs_is_the_one_rule(acme):
    """The queryset every page (and any list of programs to join) reads: one's organization's
    open and apply programs, and the programs one takes part in or runs; nothing else."""
    open_ = ProgramFactory(organization=acme, enrollment=Program.Enrollment.OPEN)
    apply = ProgramFactory(organization=acme, enrollment=Program.Enrollment.APPLY)
    invite = ProgramFactory(organization=acme, enrollment=Program.Enrollment.INVITE)
    ProgramFactory(enrollment=Program.Enrollment.OPEN)  # another organization's
    invited_there = ProgramFactory(enrollment=Program.Enrollment.INVITE)
    person = by_membership(acme)
    ParticipantFactory(program=invited_there, profile=person)
    assert set(visible_programs(person.user)) == {open_, apply, invited_there}
    assert set(visible_programs(manager_of(acme))) == {open_, apply, invite}
