"""Peer and coffee rounds: one pool matched to itself; coffee never repeats a pair unless both
asked to meet again; a chat that did not happen (or went badly) puts someone first next time."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from tandem.programs.models import Match, MatchFeedback, Participant, Program, RoundPair
from tandem.programs.rounds import build
from tandem.programs.rounds.people import encode, round_participants
from tandem.programs.rounds.publish import round_discard, round_publish
from tandem.programs.rounds.rules import Rule, facts_build
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.round_world import graph_of, pairs_of, person, run

pytestmark = pytest.mark.django_db


def _cycle(program, now):
    """One coffee cycle: run, then publish (or discard a round that found nobody to pair)."""
    round_ = run(program, now)
    pairs = pairs_of(round_)
    if pairs:
        round_publish(program=program, round_=round_, actor=None, now=now)
    else:
        round_discard(program=program, round_=round_, actor=None, now=now)
    return pairs


def test_a_peer_round_pairs_everyone_once_and_nobody_with_themselves(now) -> None:
    program = ProgramFactory(kind=Program.Kind.PEER)
    people = [person(program) for _ in range(5)]
    round_ = run(program, now)
    pairs = pairs_of(round_)
    assert len(pairs) == 2
    seen = [p for pair in pairs for p in pair]
    assert len(seen) == len(set(seen)) == 4
    assert all(a < b for a, b in pairs)
    assert set(seen) <= {p.pk for p in people}
    assert round_.quality["people"] == 5
    assert round_.quality["people_matched"] == 4
    assert set(round_.comparison) == {"matching", "greedy"}
    assert round_.comparison["matching"]["total"] >= round_.comparison["greedy"]["total"] - 1e-6


def test_a_capacity_of_two_means_two_pairs(now) -> None:
    program = ProgramFactory(kind=Program.Kind.PEER)
    host = person(program, capacity=2)
    others = [person(program) for _ in range(2)]
    pairs = pairs_of(run(program, now))
    assert pairs == {tuple(sorted((host.pk, o.pk))) for o in others}


def test_coffee_never_repeats_a_pair_over_four_cycles(now) -> None:
    program = ProgramFactory(kind=Program.Kind.COFFEE)
    people = [person(program) for _ in range(6)]
    met: set[tuple[int, int]] = set()
    for _ in range(4):
        pairs = _cycle(program, now)
        assert len(pairs) == 3, "six people who have not all met make three new pairs"
        assert not pairs & met
        met |= pairs
    assert len(met) == 12 <= len(list(combinations(people, 2)))


def test_coffee_pairs_meet_again_only_when_both_ask(now) -> None:
    program = ProgramFactory(kind=Program.Kind.COFFEE)
    a, b = person(program), person(program)
    assert _cycle(program, now) == {(a.pk, b.pk)}
    match = Match.objects.get()
    MatchFeedback.objects.create(match=match, author=a, rating=5, meet_again=True)
    assert _cycle(program, now) == set()  # one "meet again" is not enough
    MatchFeedback.objects.create(match=match, author=b, rating=4, meet_again=True)
    assert _cycle(program, now) == {(a.pk, b.pk)}
    # They met again; that new introduction has no "meet again" yet.
    assert _cycle(program, now) == set()


def test_only_people_opted_in_are_paired(now) -> None:
    program = ProgramFactory(kind=Program.Kind.COFFEE)
    a, b, c = person(program), person(program), person(program)
    Participant.objects.filter(pk=c.pk).update(opted_in=False)
    assert pairs_of(run(program, now)) == {(a.pk, b.pk)}


def test_a_chat_that_did_not_happen_puts_them_first_next_time(now) -> None:
    program = ProgramFactory(kind=Program.Kind.COFFEE)
    people = [person(program) for _ in range(4)]
    pairs = _cycle(program, now)
    first_pair = min(pairs)
    stood_up = Participant.objects.get(pk=first_pair[0])
    match = Match.objects.get(first_id=first_pair[0], second_id=first_pair[1])
    MatchFeedback.objects.create(match=match, author=stood_up, met=False)
    participants, graph = graph_of(program, now)
    at = {p.pk: i for i, p in enumerate(participants)}
    mine = (graph.first == at[stood_up.pk]) | (graph.second == at[stood_up.pk])
    assert mine.any()
    assert np.allclose(graph.weight[mine] - graph.score[mine], build.PRIORITY_POINTS)
    assert np.allclose(graph.weight[~mine], graph.score[~mine])
    # And with five people, the one who was stood up is never the one left out.
    person(program)
    for _ in range(3):
        round_ = run(program, now)
        assert stood_up.pk in {p for pair in pairs_of(round_) for p in pair}
    assert len(people) == 4


def test_earlier_pairs_are_barred_in_coffee_rounds_only(now) -> None:
    for kind, barred in ((Program.Kind.COFFEE, True), (Program.Kind.PEER, False)):
        program = ProgramFactory(kind=kind)
        a, b = person(program), person(program)
        _cycle(program, now)
        participants = round_participants(program)
        facts = facts_build(program, participants, now=now)
        assert (facts.barred[Rule.MET].size > 0) is barred
        assert encode(program, participants, now=now).pool
        assert RoundPair.objects.filter(round__program=program).count() == 1
        assert {a.pk, b.pk} == {p.pk for p in participants}
