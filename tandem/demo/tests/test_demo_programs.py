"""The demo programs: the demo manager's 1:1 program with a published round, and coffee rounds
with two past cycles, as the manager and the demo logins see them."""

from __future__ import annotations

import pytest
from django.db import transaction

from tandem.demo.generator import DEFAULT_PEOPLE, DEFAULT_SEED
from tandem.demo.programs import COFFEE_SLUG, MENTORING_SLUG
from tandem.demo.services import demo_load
from tandem.organizations.models import Membership
from tandem.programs.models import Match, MatchFeedback, Program, Round


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_load(people=DEFAULT_PEOPLE, seed=DEFAULT_SEED)
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded")]


def test_the_demo_manager_runs_the_eastmoor_programs() -> None:
    membership = Membership.objects.get(user__email="manager@demo.tandem.example")
    assert membership.role == Membership.Role.MANAGER
    organizations = set(Program.objects.values_list("organization", flat=True))
    assert organizations == {membership.organization_id}


def test_the_mentoring_program_has_a_few_hundred_people_and_one_published_round() -> None:
    program = Program.objects.get(slug=MENTORING_SLUG)
    assert 200 <= program.participants.count() <= 400
    (round_,) = program.rounds.all()
    assert round_.state == Round.State.PUBLISHED
    assert round_.quality["pairs"] == program.matches.count() > 100
    assert Match.objects.filter(
        program=program, first__profile__user__email="mentee@demo.tandem.example"
    ).exists()


def test_coffee_rounds_have_two_past_cycles_without_a_repeated_pair_and_some_feedback() -> None:
    program = Program.objects.get(slug=COFFEE_SLUG)
    rounds = list(program.rounds.order_by("number"))
    assert [r.state for r in rounds] == [Round.State.PUBLISHED] * 2
    cycles = [r.cycle_on for r in rounds]
    assert None not in cycles
    assert sorted(cycles) == cycles  # type: ignore[type-var]
    assert len(set(cycles)) == 2
    first, second = (
        set(Match.objects.filter(round=r).values_list("first", "second")) for r in rounds
    )
    assert len(first) > 50
    both_asked = {
        (m.first_id, m.second_id)
        for m in Match.objects.filter(round=rounds[0]).prefetch_related("feedback")
        if sum(f.meet_again for f in m.feedback.all()) == 2
    }
    assert first & second <= both_asked  # a pair meets again only when both asked to
    assert MatchFeedback.objects.filter(match__program=program).count() > 50
    assert (
        Match.objects.filter(
            round=rounds[1], second__profile__user__email="mentee@demo.tandem.example"
        ).exists()
        or Match.objects.filter(
            round=rounds[1], first__profile__user__email="mentee@demo.tandem.example"
        ).exists()
    )
