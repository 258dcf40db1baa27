"""Blocks in program rounds: two people kept apart by a block (either way; a mute does not count)
are never paired by a round, a lock or a manager's hand, and nothing says who blocked whom."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.core.errors import RuleBroken
from tandem.moderation.blocks import block_set
from tandem.moderation.models import Block
from tandem.profiles.tests.factories import offer
from tandem.programs.models import PairRule, Program, Round
from tandem.programs.rounds.edit import pair_add, pair_lock
from tandem.programs.rounds.publish import round_publish
from tandem.programs.rounds.rules import facts_build
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.round_world import candidates, pairs_of, person, run

pytestmark = pytest.mark.django_db


def _block(owner, other, kind=Block.Kind.BLOCK):
    block_set(owner=owner.profile.user, other_id=other.profile.user_id, kind=kind)


@pytest.fixture
def fit(now):
    """A mentee who fits one mentor much better than the other (both with one place)."""
    program = ProgramFactory(mentor_capacity=1)
    mentee = person(program)
    best, other = person(program, "mentor"), person(program, "mentor")
    offer(best.profile, "python")
    mentee.profile.skills_wanted.add(best.profile.skills_offered.get().skill)
    assert pairs_of(run(program, now)) == {(mentee.pk, best.pk)}
    Round.objects.filter(program=program).delete()
    return program, mentee, best, other


@pytest.mark.parametrize("mentee_blocks", [True, False])
def test_the_best_pair_blocked_is_paired_otherwise(fit, now, mentee_blocks) -> None:
    program, mentee, best, other = fit
    if mentee_blocks:
        _block(mentee, best)
    else:
        _block(best, mentee)
    assert (mentee.pk, best.pk) not in candidates(program, now)
    assert pairs_of(run(program, now)) == {(mentee.pk, other.pk)}


def test_a_mute_does_not_keep_two_people_apart(fit, now) -> None:
    program, mentee, best, _ = fit
    _block(mentee, best, Block.Kind.MUTE)
    assert pairs_of(run(program, now)) == {(mentee.pk, best.pk)}


@pytest.mark.parametrize("kind", [Program.Kind.COFFEE, Program.Kind.PEER])
def test_pools_never_pair_two_people_with_a_block_between_them(now, kind) -> None:
    program = ProgramFactory(kind=kind)
    ann, bea, cal, dan = (person(program) for _ in range(4))
    # Ann and Bea fit each other best; so do Cal and Dan.
    for one, two, skill in ((ann, bea, "python"), (cal, dan, "public-speaking")):
        offer(one.profile, skill)
        two.profile.skills_wanted.add(one.profile.skills_offered.get().skill)
    assert pairs_of(run(program, now)) == {(ann.pk, bea.pk), (cal.pk, dan.pk)}
    Round.objects.filter(program=program).delete()
    _block(bea, ann)
    pairs = pairs_of(run(program, now))
    assert len(pairs) == 2
    assert (ann.pk, bea.pk) not in pairs


def test_a_lock_made_before_the_block_does_not_keep_the_pair(fit, now) -> None:
    program, mentee, best, other = fit
    round_ = run(program, now)
    pair_lock(round_=round_, pair_id=round_.pairs.get().pk, actor=None, now=now)
    _block(best, mentee)
    assert pairs_of(run(program, now)) == {(mentee.pk, other.pk)}


def test_a_manager_cannot_pair_them_by_hand_and_is_not_told_who_blocked(fit, now) -> None:
    program, mentee, best, _ = fit
    round_ = run(program, now)
    _block(mentee, best)
    with pytest.raises(RuleBroken) as refused:
        pair_add(
            round_=round_, first_email=mentee.profile.user.email,
            second_email=best.profile.user.email, actor=None, now=now,
        )  # fmt: skip
    words = refused.value.message
    assert words.startswith("These two can't be matched")
    assert "block" not in words.lower()
    assert not PairRule.objects.filter(program=program, kind=PairRule.Kind.LOCK).exists()


def test_a_block_made_after_the_draft_stops_the_publish(fit, now) -> None:
    program, mentee, best, _ = fit
    round_ = run(program, now)
    _block(best, mentee)
    with pytest.raises(RuleBroken) as refused:
        round_publish(program=program, round_=round_, actor=None, now=now)
    assert "can't be matched" in refused.value.message
    assert "block" not in refused.value.message.lower()
    assert not program.matches.exists()


def test_the_blocks_of_a_round_are_read_in_one_query(now) -> None:
    program = ProgramFactory(kind=Program.Kind.PEER)
    people = [person(program) for _ in range(6)]
    for one, two in zip(people[::2], people[1::2], strict=True):
        _block(one, two)
    with CaptureQueriesContext(connection) as few:
        facts_build(program, people, now=now)
    with_blocks = [q["sql"] for q in few.captured_queries if "moderation_block" in q["sql"]]
    assert len(with_blocks) == 1
