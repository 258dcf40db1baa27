"""Starting and running a round: the job's progress, the draft's figures, re-runs that keep
locked pairs and never bring back forbidden ones, and a failure said plainly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tandem.core.errors import RuleBroken
from tandem.matching.engine.solver import MODES
from tandem.profiles.tests.factories import offer
from tandem.programs.models import Origin, PairRule, Round, RoundPair
from tandem.programs.rounds import run as run_module
from tandem.programs.rounds.edit import pair_add, pair_forbid, pair_lock
from tandem.programs.rounds.publish import round_discard
from tandem.programs.rounds.run import RoundError, round_run, round_start
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.round_world import pairs_of, person, run

pytestmark = pytest.mark.django_db

M5 = {
    "mentees", "mentees_matched", "matched_percent", "pairs", "mean_score", "min_score",
    "p10_score", "blocking_pairs", "mentor_load_percent", "unused_mentor_places",
    "mentors_without_mentee", "score_by_group", "matched_percent_by_group", "seconds",
}  # fmt: skip


def _world(mentees=4, mentors=2, capacity=1):
    program = ProgramFactory(mentor_capacity=capacity)
    return (
        program,
        [person(program, department="Sales" if i % 2 else "Ops") for i in range(mentees)],
        [person(program, "mentor") for _ in range(mentors)],
    )


def test_a_round_runs_to_a_draft_with_pairs_reasons_and_figures(now) -> None:
    program, _mentees, _mentors = _world(mentees=5, mentors=2, capacity=2)
    round_ = run(program, now)
    assert round_.state == Round.State.DRAFT
    assert round_.progress == 100
    pairs = list(round_.pairs.all())
    assert len(pairs) == 4  # two mentors with two places each
    assert all(p.reasons and p.origin == Origin.ENGINE for p in pairs)
    assert set(round_.quality) >= M5
    assert round_.quality["pairs"] == 4
    assert round_.quality["mentees"] == 5
    assert set(round_.quality["matched_percent_by_group"]) == {"Sales", "Ops"}
    assert round_.quality["mentor_load"] == [[0, 0], [1, 0], [2, 2]]
    assert sum(round_.histogram) == 4
    assert len(round_.histogram) == 10
    assert set(round_.comparison) == set(MODES)
    assert all(row["pairs"] == 4 for row in round_.comparison.values())
    assert round_.finished_at == now


def test_the_progress_moves_while_the_job_runs(now, monkeypatch) -> None:
    program, _, _ = _world()
    seen = []
    original = run_module._progress

    def spy(round_id, step):
        original(round_id, step)
        round_ = Round.objects.get(pk=round_id)
        seen.append((round_.state, round_.progress, round_.step))

    monkeypatch.setattr(run_module, "_progress", spy)
    round_ = round_start(program=program, actor=None, now=now, enqueue=False)
    assert (round_.state, round_.progress) == (Round.State.QUEUED, 0)
    round_run(round_.pk, now=now)
    assert [p for _, p, _ in seen] == [5, 30, 60, 75, 85, 95]
    assert {state for state, _, _ in seen} == {Round.State.RUNNING}
    assert seen[1][2] == "Finding candidate pairs"


def test_the_queue_runs_the_job(now) -> None:
    """With the test backend the job runs as soon as it is enqueued."""
    program, _, _ = _world()
    round_ = round_start(program=program, actor=None, now=now)
    round_.refresh_from_db()
    assert round_.state == Round.State.DRAFT


def test_one_round_at_a_time_and_a_draft_is_run_again(now) -> None:
    program, _, _ = _world()
    queued = round_start(program=program, actor=None, now=now, enqueue=False)
    with pytest.raises(RuleBroken, match="still running"):
        round_start(program=program, actor=None, now=now, enqueue=False)
    round_run(queued.pk, now=now)
    again = round_start(program=program, actor=None, mode="stable", now=now, enqueue=False)
    assert (again.pk, again.number, again.mode) == (queued.pk, 1, "stable")
    with pytest.raises(RoundError):
        round_start(program=program, actor=None, mode="greedy", now=now)


def test_a_round_whose_job_stopped_does_not_block_the_next_one(now) -> None:
    program, _, _ = _world()
    stuck = round_start(program=program, actor=None, now=now, enqueue=False)
    Round.objects.filter(pk=stuck.pk).update(
        state=Round.State.RUNNING, updated_at=now - timedelta(minutes=31)
    )
    fresh = run(program, now)
    stuck.refresh_from_db()
    assert (stuck.state, stuck.error) == (Round.State.FAILED, run_module.STOPPED_WORDS)
    assert (fresh.number, fresh.state) == (2, Round.State.DRAFT)


def test_a_round_that_is_not_queued_is_left_alone(now) -> None:
    program, _, _ = _world()
    round_ = run(program, now)
    before = round_.updated_at
    assert round_run(round_.pk, now=now).updated_at == before


def test_locked_pairs_stay_when_the_draft_runs_again(now) -> None:
    program = ProgramFactory()
    ann, bob = person(program), person(program)
    mentor = person(program, "mentor")
    offer(mentor.profile, "python")
    round_ = run(program, now)
    (first,) = round_.pairs.all()
    loser = bob if first.first_id == ann.pk else ann
    pair_lock(round_=round_, pair_id=first.pk, actor=None, now=now)
    # The other mentee now fits much better; the locked pair stays anyway.
    loser.profile.skills_wanted.add(mentor.profile.skills_offered.get().skill)
    round_ = run(program, now)
    (kept,) = round_.pairs.all()
    assert (kept.first_id, kept.second_id, kept.origin) == (
        first.first_id, first.second_id, Origin.LOCKED,
    )  # fmt: skip
    PairRule.objects.filter(kind="lock").delete()
    round_ = run(program, now)
    assert pairs_of(round_) == {(loser.pk, mentor.pk)}


def test_forbidden_pairs_never_come_back(now) -> None:
    program = ProgramFactory()
    ann = person(program)
    x, y = person(program, "mentor"), person(program, "mentor")
    round_ = run(program, now)
    (pair,) = round_.pairs.all()
    pair_forbid(round_=round_, pair_id=pair.pk, actor=None, now=now)
    other = y if pair.second_id == x.pk else x
    assert pairs_of(run(program, now)) == {(ann.pk, other.pk)}
    round_discard(program=program, round_=round_, actor=None, now=now)
    fresh = run(program, now)
    assert fresh.number == 2
    assert pairs_of(fresh) == {(ann.pk, other.pk)}


def test_a_pair_made_by_hand_stays_made_by_hand_through_re_runs(now) -> None:
    program = ProgramFactory(rule_outside_department=True)
    ann = person(program, email="ann@acme.test", department="Ops")
    mentor = person(program, "mentor", email="max@acme.test", department="Ops")
    round_ = run(program, now)
    assert pairs_of(round_) == set()  # the rule keeps them apart
    pair_add(round_=round_, first_email="ann@acme.test", second_email="max@acme.test",
             actor=None, now=now)  # fmt: skip
    round_ = run(program, now)
    (pair,) = round_.pairs.all()
    assert (pair.first_id, pair.second_id) == (ann.pk, mentor.pk)
    assert pair.origin == Origin.MANUAL
    assert pair.warning == "Same department"


def test_a_failing_run_leaves_a_failed_round_with_plain_words(now, monkeypatch) -> None:
    program, _, _ = _world()

    def broken(*args, **kwargs):
        raise ZeroDivisionError("numpy says no")

    monkeypatch.setattr(run_module, "graph_build", broken)
    round_ = run(program, now)
    assert round_.state == Round.State.FAILED
    assert round_.error == run_module.FAILED_WORDS
    assert not RoundPair.objects.exists()
    # A failed round does not block the next one.
    monkeypatch.undo()
    assert run(program, now).state == Round.State.DRAFT


def test_a_program_with_nobody_makes_an_empty_draft(now) -> None:
    round_ = run(ProgramFactory(), now)
    assert round_.state == Round.State.DRAFT
    assert round_.quality["pairs"] == 0
    assert sum(round_.histogram) == 0
