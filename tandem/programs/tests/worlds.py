"""Programs with rounds and matches for the participant-side tests.

People join through the services (`ParticipantFactory`, `participant_add`). Rounds, their
pairs and published matches are written here as rows: they stand for what a manager's
published round leaves behind (`tandem.programs.rounds`), so these tests depend only on that
shape, not on how a round is run.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from tandem.programs.models import Match, PairRule, Participant, Program, Round, RoundPair
from tandem.programs.tests.factories import ParticipantFactory


def round_of(
    program: Program, *, state: str = Round.State.PUBLISHED, cycle_on: date | None = None,
    now: datetime | None = None,
) -> Round:  # fmt: skip
    number = (program.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return Round.objects.create(
        program=program, number=number, state=state, cycle_on=cycle_on,
        published_at=now if state == Round.State.PUBLISHED else None,
    )  # fmt: skip


def match_of(
    first: Participant, second: Participant, *, round_: Round | None = None,
    reasons: Sequence[Any] = (), now: datetime | None = None, cycle_on: date | None = None,
) -> Match:  # fmt: skip
    """A published match between two participants (a new published round unless given)."""
    program = first.program
    round_ = round_ or round_of(program, now=now, cycle_on=cycle_on)
    return Match.objects.create(
        program=program,
        round=round_,
        first=first,
        second=second,
        score=72.5,
        reasons=list(reasons),
    )


def mentoring_pair(**program: Any) -> tuple[Any, Any]:  # two Participants
    """A mentee and a mentor in one 1:1 program."""
    mentee = ParticipantFactory(**{f"program__{k}": v for k, v in program.items()})
    mentor = ParticipantFactory(program=mentee.program, role=Participant.Role.MENTOR)
    return mentee, mentor


def coffee_pair(**program: Any) -> tuple[Any, Any]:  # two Participants
    """Two people in one coffee-rounds program."""
    first = ParticipantFactory(
        program__kind=Program.Kind.COFFEE, **{f"program__{k}": v for k, v in program.items()}
    )
    second = ParticipantFactory(program=first.program)
    return first, second


def draft_with_pair(first: Participant, second: Participant) -> tuple[Round, RoundPair, PairRule]:
    """A draft round proposing one pair, and a manager's lock on it."""
    draft = round_of(first.program, state=Round.State.DRAFT)
    pair = RoundPair.objects.create(round=draft, first=first, second=second, score=64.0)
    rule = PairRule.objects.create(
        program=first.program, first=first, second=second, kind=PairRule.Kind.LOCK
    )
    return draft, pair, rule
