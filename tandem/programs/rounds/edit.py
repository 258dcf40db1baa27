"""A manager's hand on a draft: lock a pair (it stays through re-runs), forbid one (it never
comes back in this program), unlock, and add a pair by hand (locked, and warned about in words
when it breaks one of the program's rules).

Every write takes a round found through `selectors.round_managed` (so a manager of another
organization gets a 404), locks it, and refuses (409) unless it is still a draft. The figures
are redone for the pairs as they then stand (`figures.headline_after_edit`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
from django.db import transaction
from django.db.models import Q

from tandem.core.errors import DomainError, NotFound, RuleBroken
from tandem.moderation.blocks import blocked_between
from tandem.programs.models import Origin, PairRule, Participant, Program, Round, RoundPair
from tandem.programs.rounds.build import answer_bonus, raw_scores, weights_of
from tandem.programs.rounds.figures import headline_after_edit, histogram, reasons_for
from tandem.programs.rounds.people import encode
from tandem.programs.rounds.rules import facts_build, rule_words

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

WARNING_MAX = 300
# A block between two people: the manager hears only that they can't be paired, never who
# blocked whom (a block is never shown to anyone but the person who made it).
CANT_MATCH = "These two can't be matched. Pick someone else for each of them."


class PairError(DomainError):
    """A hand-made pair that cannot be (bad input, 400), naming the field."""


@dataclass
class Added:
    """A pair made by hand, and the pairs it displaced (their two names, for the message)."""

    pair: RoundPair
    displaced: list[str] = field(default_factory=list)


def draft_locked(round_: Round) -> Round:
    """The round under its row lock, if it is still a draft (409 otherwise)."""
    locked = Round.objects.select_for_update().select_related("program").get(pk=round_.pk)
    if locked.state != Round.State.DRAFT:
        raise RuleBroken(
            f"Round {locked.number} is {locked.get_state_display().lower()}: pairs change only "
            "in a draft."
        )
    return locked


def _pair(round_: Round, pair_id: int) -> RoundPair:
    pair = (
        RoundPair.objects.select_related("first__profile__user", "second__profile__user")
        .filter(round=round_, pk=pair_id)
        .first()
    )
    if pair is None:
        raise NotFound("No such pair in this round.")
    return pair


def refigure(round_: Round) -> None:
    """The round's headline figures and histogram for the pairs as they stand now."""
    pairs = list(
        RoundPair.objects.filter(round=round_).values_list("first_id", "second_id", "score")
    )
    round_.quality = headline_after_edit(round_.quality, round_.program, pairs)
    round_.histogram = histogram(score for _, _, score in pairs)
    round_.save(update_fields=["quality", "histogram", "updated_at"])


def _rule(program: Program, pair: RoundPair, kind: str, actor: User | None) -> PairRule:
    rule, _ = PairRule.objects.update_or_create(
        program=program, first=pair.first, second=pair.second,
        defaults={"kind": kind, "created_by": actor},
    )  # fmt: skip
    return rule


@transaction.atomic
def pair_lock(*, round_: Round, pair_id: int, actor: User | None, now: datetime) -> RoundPair:
    """Keep this pair through every re-run of the draft (until it is published or discarded)."""
    locked = draft_locked(round_)
    pair = _pair(locked, pair_id)
    _rule(locked.program, pair, PairRule.Kind.LOCK, actor)
    if pair.origin == Origin.ENGINE:
        pair.origin = Origin.LOCKED
        pair.save(update_fields=["origin"])
    return pair


@transaction.atomic
def pair_unlock(*, round_: Round, pair_id: int, actor: User | None, now: datetime) -> RoundPair:
    """Let a re-run change this pair again."""
    locked = draft_locked(round_)
    pair = _pair(locked, pair_id)
    PairRule.objects.filter(
        program=locked.program, first=pair.first, second=pair.second, kind=PairRule.Kind.LOCK
    ).delete()
    if pair.origin == Origin.LOCKED:
        pair.origin = Origin.ENGINE
        pair.save(update_fields=["origin"])
    return pair


@transaction.atomic
def pair_forbid(*, round_: Round, pair_id: int, actor: User | None, now: datetime) -> RoundPair:
    """Take the pair out of the draft; no round of this program will propose it again."""
    locked = draft_locked(round_)
    pair = _pair(locked, pair_id)
    _rule(locked.program, pair, PairRule.Kind.FORBID, actor)
    RoundPair.objects.filter(pk=pair.pk).delete()
    refigure(locked)
    return pair


def _participant(program: Program, email: str, field: str) -> Participant:
    found = (
        Participant.objects.select_related("profile__user")
        .filter(program=program, profile__user__email=email.strip().lower())
        .first()
    )
    if found is None:
        raise PairError(
            f"No one with the email {email.strip()!r} takes part in this program.", field=field
        )
    if found.state != Participant.State.ACTIVE:
        raise PairError(f"{found.profile.user.display_name} is not taking part now.", field=field)
    return found


def _ordered(
    program: Program, first: Participant, second: Participant
) -> tuple[Participant, Participant]:
    if first.pk == second.pk:
        raise PairError("Pick two different people.", field="second")
    if program.is_pool:
        return (first, second) if first.pk < second.pk else (second, first)
    if not first.is_mentee:
        raise PairError(f"{first.profile.user.display_name} is not a mentee here.", field="first")
    if not second.mentors:
        raise PairError(f"{second.profile.user.display_name} is not a mentor here.", field="second")
    return first, second


def _capacity(program: Program, participant: Participant, *, mentor_side: bool) -> int:
    if program.is_pool:
        return participant.capacity
    if not mentor_side:
        return 1
    free = participant.profile.capacity - participant.profile.places_taken
    return max(min(participant.capacity, free), 0)


def _make_room(
    round_: Round, locks: set[tuple[int, int]], who: Participant, capacity: int, side: str
) -> list[RoundPair]:
    """Drop `who`'s weakest unlocked pairs (on `side`: "first" or "second"; pools: either) until
    one more fits their capacity."""
    pairs = RoundPair.objects.filter(round=round_).select_related(
        "first__profile__user", "second__profile__user"
    )
    if round_.program.is_pool:
        pairs = pairs.filter(Q(first=who) | Q(second=who))
    else:
        pairs = pairs.filter(**{side: who})
    mine = list(pairs.order_by("score", "id"))
    dropped: list[RoundPair] = []
    for pair in mine:
        if len(mine) - len(dropped) < max(capacity, 1):
            break
        if (pair.first_id, pair.second_id) not in locks:
            dropped.append(pair)
    RoundPair.objects.filter(pk__in=[p.pk for p in dropped]).delete()
    return dropped


def _scored(
    program: Program, first: Participant, second: Participant, now: datetime
) -> tuple[float, list[str], list[str]]:
    """Score, reasons and broken rules of one hand-made pair."""
    encoded = encode(program, [first, second], now=now)
    a = int(np.flatnonzero(encoded.mentee_at == 0)[0])
    x = int(np.flatnonzero(encoded.mentor_at == 1)[0])
    rows_a, rows_x = np.array([a]), np.array([x])
    weights = weights_of(program)
    score = raw_scores(encoded, rows_a, rows_x, weights) + answer_bonus(
        encoded, np.array([0]), np.array([1])
    )
    reasons = reasons_for(encoded, rows_a, rows_x, weights)[0]
    facts = facts_build(program, [first, second], now=now)
    return float(np.clip(score[0], 0, 100)), reasons, rule_words(facts, 0, 1)


@transaction.atomic
def pair_add(
    *, round_: Round, first_email: str, second_email: str, actor: User | None, now: datetime
) -> Added:
    """Pair two participants by hand (1:1: mentee, then mentor). The pair is locked; pairs of
    theirs that no longer fit (a mentee has one mentor; a mentor as many as their places) give
    way, weakest first; a pair a manager forbade is refused, and so is a pair kept apart by a
    block (in words that do not say who blocked whom)."""
    locked = draft_locked(round_)
    program = locked.program
    first, second = _ordered(
        program, _participant(program, first_email, "first"),
        _participant(program, second_email, "second"),
    )  # fmt: skip
    if blocked_between(user_id=first.profile.user_id, other_id=second.profile.user_id):
        raise RuleBroken(CANT_MATCH)
    rules = {
        (a, b): kind
        for a, b, kind in PairRule.objects.filter(program=program).values_list(
            "first_id", "second_id", "kind"
        )
    }
    if rules.get((first.pk, second.pk)) == PairRule.Kind.FORBID:
        raise RuleBroken("A manager forbade this pair; it stays out of every round.")
    if RoundPair.objects.filter(round=locked, first=first, second=second).exists():
        raise RuleBroken("These two are already paired in this round.")
    locks = {key for key, kind in rules.items() if kind == PairRule.Kind.LOCK}
    displaced = _make_room(
        locked, locks, first, _capacity(program, first, mentor_side=False), "first"
    )
    displaced += _make_room(
        locked, locks, second, _capacity(program, second, mentor_side=True), "second"
    )
    score, reasons, broken = _scored(program, first, second, now)
    still = RoundPair.objects.filter(round=locked, second=second).count()
    if not program.is_pool and still >= _capacity(program, second, mentor_side=True):
        broken.append("More pairs than the mentor has free places")
    pair = RoundPair.objects.create(
        round=locked, first=first, second=second, score=round(score, 2), reasons=reasons,
        origin=Origin.MANUAL, warning="; ".join(broken)[:WARNING_MAX],
    )  # fmt: skip
    PairRule.objects.update_or_create(
        program=program, first=first, second=second,
        defaults={"kind": PairRule.Kind.LOCK, "created_by": actor},
    )  # fmt: skip
    refigure(locked)
    return Added(
        pair=pair,
        displaced=[
            f"{p.first.profile.user.display_name} and {p.second.profile.user.display_name}"
            for p in displaced
        ],
    )
