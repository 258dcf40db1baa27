"""A manager's hand on a draft: lock, unlock, forbid, add a pair (with a warning when it breaks a
rule); only on a draft, only in a program they run."""

from __future__ import annotations

import pytest

from tandem.core.errors import NotFound, RuleBroken
from tandem.programs.models import Origin, PairRule, Program, Round, RoundPair
from tandem.programs.rounds.edit import PairError, pair_add, pair_forbid, pair_lock, pair_unlock
from tandem.programs.rounds.publish import round_discard
from tandem.programs.rounds.selectors import round_managed
from tandem.programs.tests.factories import ProgramFactory, manager_of
from tandem.programs.tests.round_world import pairs_of, person, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(now):
    program = ProgramFactory(rule_outside_department=True, mentor_capacity=1)
    people = {
        "ann": person(program, email="ann@acme.test", department="Ops"),
        "bea": person(program, email="bea@acme.test", department="Ops"),
        "max": person(program, "mentor", email="max@acme.test", department="Ops"),
        "rio": person(program, "mentor", email="rio@acme.test", department="Sales"),
    }
    return program, people, run(program, now)


def test_lock_and_unlock_a_pair(world, now) -> None:
    program, _, round_ = world
    pair = round_.pairs.get()
    pair_lock(round_=round_, pair_id=pair.pk, actor=None, now=now)
    pair.refresh_from_db()
    assert pair.origin == Origin.LOCKED
    assert PairRule.objects.filter(program=program, kind="lock").count() == 1
    pair_unlock(round_=round_, pair_id=pair.pk, actor=None, now=now)
    pair.refresh_from_db()
    assert pair.origin == Origin.ENGINE
    assert not PairRule.objects.exists()


def test_forbid_takes_the_pair_out_and_the_figures_follow(world, now) -> None:
    program, _, round_ = world
    pair = round_.pairs.get()
    pair_forbid(round_=round_, pair_id=pair.pk, actor=None, now=now)
    round_.refresh_from_db()
    assert not round_.pairs.exists()
    assert round_.quality["pairs"] == 0
    assert round_.quality["edited"] is True
    assert sum(round_.histogram) == 0
    assert PairRule.objects.get(program=program).kind == PairRule.Kind.FORBID


def test_a_pair_added_by_hand_is_locked_and_warned_about(world, now) -> None:
    program, people, round_ = world
    (engine_pair,) = pairs_of(round_)  # one of the Ops mentees with Rio (Max is Ops)
    mentee_id = engine_pair[0]
    email = "ann@acme.test" if mentee_id == people["ann"].pk else "bea@acme.test"
    added = pair_add(round_=round_, first_email=email, second_email="MAX@acme.test ",
                     actor=None, now=now)  # fmt: skip
    assert added.pair.origin == Origin.MANUAL
    assert added.pair.warning == "Same department"
    assert added.pair.reasons
    assert added.pair.score > 0
    # The mentee had one mentor; their engine pair gave way.
    assert added.displaced
    assert pairs_of(round_) == {(mentee_id, people["max"].pk)}
    assert PairRule.objects.get(program=program).kind == PairRule.Kind.LOCK
    round_.refresh_from_db()
    assert round_.quality["pairs"] == 1
    assert round_.quality["edited"]


def test_a_hand_made_pair_past_the_mentors_places_says_so(world, now) -> None:
    _program, people, round_ = world
    (engine_pair,) = pairs_of(round_)
    other = "bea@acme.test" if engine_pair[0] == people["ann"].pk else "ann@acme.test"
    # Rio has one place, taken by the engine's pair, which is locked: it cannot give way.
    pair_lock(round_=round_, pair_id=round_.pairs.get().pk, actor=None, now=now)
    added = pair_add(round_=round_, first_email=other, second_email="rio@acme.test",
                     actor=None, now=now)  # fmt: skip
    assert added.pair.warning == "More pairs than the mentor has free places"
    assert round_.pairs.count() == 2


def test_hand_made_pairs_are_checked(world, now) -> None:
    program, people, round_ = world
    with pytest.raises(PairError, match="No one with the email"):
        pair_add(round_=round_, first_email="nobody@acme.test", second_email="max@acme.test",
                 actor=None, now=now)  # fmt: skip
    with pytest.raises(PairError, match="not a mentor here"):
        pair_add(round_=round_, first_email="ann@acme.test", second_email="bea@acme.test",
                 actor=None, now=now)  # fmt: skip
    PairRule.objects.create(program=program, first=people["ann"], second=people["max"],
                            kind="forbid")  # fmt: skip
    with pytest.raises(RuleBroken, match="forbade"):
        pair_add(round_=round_, first_email="ann@acme.test", second_email="max@acme.test",
                 actor=None, now=now)  # fmt: skip


def test_pairs_change_only_in_a_draft(world, now) -> None:
    program, _, round_ = world
    pair = round_.pairs.get()
    round_discard(program=program, round_=round_, actor=None, now=now)
    for edit in (pair_lock, pair_unlock, pair_forbid):
        with pytest.raises(RuleBroken, match="only in a draft"):
            edit(round_=round_, pair_id=pair.pk, actor=None, now=now)
    with pytest.raises(RuleBroken):
        pair_add(round_=round_, first_email="ann@acme.test", second_email="rio@acme.test",
                 actor=None, now=now)  # fmt: skip
    assert RoundPair.objects.filter(round=round_).count() == 1
    assert not PairRule.objects.exists()


def test_a_manager_of_another_organization_cannot_find_the_round(world) -> None:
    program, _, round_ = world
    outsider = manager_of(ProgramFactory().organization)
    with pytest.raises(NotFound):
        round_managed(slug=program.slug, number=round_.number, user=outsider)
    owner = manager_of(program.organization)
    assert round_managed(slug=program.slug, number=round_.number, user=owner) == round_
    with pytest.raises(NotFound):
        round_managed(slug=program.slug, number=99, user=owner)


def test_pools_pair_anyone_with_anyone_in_id_order(now) -> None:
    program = ProgramFactory(kind=Program.Kind.PEER)
    a = person(program, email="a@acme.test")
    b = person(program, email="b@acme.test")
    round_ = Round.objects.create(program=program, number=1, state=Round.State.DRAFT)
    added = pair_add(round_=round_, first_email="b@acme.test", second_email="a@acme.test",
                     actor=None, now=now)  # fmt: skip
    assert (added.pair.first_id, added.pair.second_id) == (a.pk, b.pk)
    assert added.pair.warning == ""
