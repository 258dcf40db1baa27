"""Starting a round and running it: the manager's click makes a queued round and its job; the
job builds the candidate graph, solves it, and leaves a draft to review (or a failed round
with a plain error). Progress and the current step are written as it goes, outside any
transaction, so the round page shows them (and a reload finds them: the state is the row).

A draft is re-run in place: pairs a manager locked stay, forbidden pairs never come back
(both are `PairRule`s, read afresh on every run), and a pair made by hand keeps its origin.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Now

from tandem.core.errors import DomainError, NotFound, RuleBroken
from tandem.matching.engine.instance import InstanceError
from tandem.matching.engine.quality import quality_report
from tandem.matching.engine.solver import MODES, Result, solve
from tandem.programs.models import Origin, PairRule, Participant, Program, Round, RoundPair
from tandem.programs.rounds import tasks
from tandem.programs.rounds.build import Graph, graph_build, graph_instance, weights_of
from tandem.programs.rounds.figures import (
    Draft,
    comparison_row,
    histogram,
    one_to_one_quality,
    reasons_for,
)
from tandem.programs.rounds.people import Encoded, encode, participant_key, round_participants
from tandem.programs.rounds.pools import pool_solve
from tandem.programs.rounds.rules import Facts, facts_build, rule_words
from tandem.programs.rounds.selectors import round_stale

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

logger = logging.getLogger(__name__)

S = Round.State
BUSY = (S.QUEUED, S.RUNNING)
LOADING, CANDIDATES, SOLVING, COMPARING, POOL_COMPARING, REASONS, SAVING = (
    (5, "Loading the participants"),
    (30, "Finding candidate pairs"),
    (60, "Matching"),
    (75, "Comparing the three ways of matching"),
    (75, "Comparing with a greedy matching"),
    (85, "Writing down why each pair fits"),
    (95, "Saving the pairs"),
)
FAILED_WORDS = (
    "Something went wrong while matching. Try again; if it keeps failing, tell Tandem's staff."
)
WARNING_MAX = 300
STOPPED_WORDS = "The matching job stopped before it finished; a new round was started instead."


class RoundError(DomainError):
    """A round that cannot be started as asked (bad input, 400)."""


def _mode_checked(mode: str) -> str:
    if mode not in MODES:
        raise RoundError(f"Choose one of {', '.join(MODES)}.", field="mode")
    return mode


def _queue(round_: Round, *, actor: User | None, mode: str, enqueue: bool) -> Round:
    round_.state, round_.mode, round_.progress = S.QUEUED, mode, 0
    round_.step, round_.error, round_.run_by = "Waiting to run", "", actor
    round_.finished_at = None
    round_.save()
    if enqueue:
        tasks.round_job.enqueue(round_.pk)
    return round_


@transaction.atomic
def round_start(
    *, program: Program, actor: User | None, mode: str = "optimal", now: datetime,
    enqueue: bool = True,
) -> Round:  # fmt: skip
    """A new round of `program` (found through `access.program_managed`), queued with its job;
    the draft waiting for review, if there is one, is re-run instead. Refused (409) while a
    round is still queued or running; one whose job has given no sign of life for half an hour
    is marked failed and the new one starts. `enqueue=False` leaves the running to the caller (the
    `tandem programs match` command runs it at once)."""
    _mode_checked(mode)
    Program.objects.select_for_update().filter(pk=program.pk).first()  # one start at a time
    rounds = Round.objects.filter(program=program)
    busy = rounds.filter(state__in=BUSY).first()
    if busy is not None and round_stale(busy, now):
        Round.objects.filter(pk=busy.pk).update(
            state=S.FAILED, error=STOPPED_WORDS, step="", finished_at=now
        )
    elif busy is not None:
        raise RuleBroken(f"Round {busy.number} is still running; wait for it to finish.")
    draft = rounds.filter(state=S.DRAFT).first()
    if draft is not None:
        return _queue(draft, actor=actor, mode=mode, enqueue=enqueue)
    number = (rounds.aggregate(last=Max("number"))["last"] or 0) + 1
    round_ = Round(
        program=program, number=number,
        cycle_on=now.date() if program.kind == Program.Kind.COFFEE else None,
    )  # fmt: skip
    return _queue(round_, actor=actor, mode=mode, enqueue=enqueue)


@transaction.atomic
def round_rerun(
    *, program: Program, round_: Round, actor: User | None, mode: str | None = None,
    now: datetime, enqueue: bool = True,
) -> Round:  # fmt: skip
    """Run a draft again (in the same mode unless told): locks stay, forbids stay out."""
    locked = Round.objects.select_for_update().filter(pk=round_.pk, program=program).first()
    if locked is None:
        raise NotFound("No such round.")
    if locked.state != S.DRAFT:
        raise RuleBroken(
            f"Only a draft can be run again; this round is {locked.get_state_display().lower()}."
        )
    return _queue(locked, actor=actor, mode=_mode_checked(mode or locked.mode), enqueue=enqueue)


def _progress(round_id: int, step: tuple[int, str]) -> None:
    """Written at once (outside any transaction of the job) so the page sees it move; the
    database's clock marks it alive (see `selectors.round_stale`)."""
    Round.objects.filter(pk=round_id).update(progress=step[0], step=step[1], updated_at=Now())


def _locked_pairs(program: Program, participants: list[Participant]) -> list[tuple[int, int]]:
    at = {p.pk: i for i, p in enumerate(participants)}
    rules = PairRule.objects.filter(program=program, kind=PairRule.Kind.LOCK)
    return [
        (at[a], at[b]) for a, b in rules.values_list("first_id", "second_id") if a in at and b in at
    ]


def _one_to_one(round_: Round, encoded: Encoded, graph: Graph) -> Draft:
    instance = graph_instance(encoded, graph)
    participants = encoded.participants
    firsts, seconds = graph.first[graph.locked].tolist(), graph.second[graph.locked].tolist()
    locked = [
        (participant_key(participants[p].pk), participant_key(participants[q].pk))
        for p, q in zip(firsts, seconds, strict=True)
    ]

    def run(mode: str) -> Result:
        if not instance.n_edges:
            return Result(instance=instance, edges=np.zeros(0, dtype=np.int64), seconds=0.0)
        return solve(instance, mode=mode, locked=locked)

    result = run(round_.mode)
    _progress(round_.pk, COMPARING)
    results = {mode: result if mode == round_.mode else run(mode) for mode in MODES}
    a = instance.edge_mentee[result.edges]
    x = instance.edge_mentor[result.edges]
    used = np.bincount(x, minlength=len(encoded.mentors))
    over = {int(encoded.mentor_at[r]) for r in np.flatnonzero(used > encoded.mentors.capacity)}
    return Draft(
        pairs=list(
            zip(
                encoded.mentee_at[a].tolist(),
                encoded.mentor_at[x].tolist(),
                instance.score[result.edges].tolist(),
                strict=True,
            )
        ),
        rows=(a, x),
        quality=one_to_one_quality(encoded, result),
        comparison={
            mode: comparison_row(quality_report(r).as_dict()) for mode, r in results.items()
        },
        over_capacity=over,
    )


def _warning(facts: Facts, draft: Draft, p: int, q: int) -> str:
    words = rule_words(facts, p, q)
    if q in draft.over_capacity:
        words.append("More pairs than the mentor has free places")
    return "; ".join(words)[:WARNING_MAX]


def _save(
    round_: Round, facts: Facts, draft: Draft, locked: set[tuple[int, int]], now: datetime
) -> None:
    participants = facts.participants
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round_.pk).first()
        before = {
            (a, b): origin
            for a, b, origin in RoundPair.objects.filter(round=round_).values_list(
                "first_id", "second_id", "origin"
            )
        }
        RoundPair.objects.filter(round=round_).delete()
        rows = []
        for (p, q, score), reasons in zip(draft.pairs, draft.reasons, strict=True):
            first, second = participants[p], participants[q]
            origin, warning = Origin.ENGINE, ""
            if (p, q) in locked:
                kept = before.get((first.pk, second.pk))
                origin = Origin.MANUAL if kept == Origin.MANUAL else Origin.LOCKED
                warning = _warning(facts, draft, p, q)
            rows.append(
                RoundPair(
                    round=round_, first=first, second=second, score=round(float(score), 2),
                    reasons=reasons, origin=origin, warning=warning,
                )
            )  # fmt: skip
        RoundPair.objects.bulk_create(rows, batch_size=1000)
        Round.objects.filter(pk=round_.pk).update(
            state=S.DRAFT, progress=100, step="", error="", quality=draft.quality,
            histogram=histogram(score for _, _, score in draft.pairs),
            comparison=draft.comparison, finished_at=now,
        )  # fmt: skip


def _plain(error: Exception) -> str:
    if isinstance(error, DomainError):
        return error.message
    if isinstance(error, InstanceError):
        return f"The matching could not run: {error}."
    return FAILED_WORDS


def round_run(round_id: int, *, now: datetime) -> Round:
    """Run a queued round to its draft; a round no longer queued is left as it is (a second
    worker, or a job for a round that moved on). Failure leaves it failed, with a plain error."""
    claimed = Round.objects.filter(pk=round_id, state=S.QUEUED).update(
        state=S.RUNNING, progress=1, step="Starting", updated_at=Now()
    )
    round_ = Round.objects.select_related("program").get(pk=round_id)
    if not claimed:
        return round_
    try:
        program = round_.program
        _progress(round_id, LOADING)
        participants = round_participants(program)
        encoded = encode(program, participants, now=now)
        facts = facts_build(program, participants, now=now)
        locked = _locked_pairs(program, participants)
        _progress(round_id, CANDIDATES)
        graph = graph_build(encoded, facts, locked=locked)
        _progress(round_id, SOLVING)
        if program.is_pool:
            draft = pool_solve(encoded, graph, progress=lambda: _progress(round_id, POOL_COMPARING))
            locked = [(min(p, q), max(p, q)) for p, q in locked]
        else:
            draft = _one_to_one(round_, encoded, graph)
        _progress(round_id, REASONS)
        draft.reasons = reasons_for(encoded, *draft.rows, weights_of(program))
        _progress(round_id, SAVING)
        _save(round_, facts, draft, set(locked), now)
    except Exception as error:  # the job must always leave the round in a state a page shows
        logger.exception("Round %s failed", round_id)
        Round.objects.filter(pk=round_id).update(
            state=S.FAILED, error=_plain(error), step="", finished_at=now
        )
    round_.refresh_from_db()
    return round_
