"""Small worlds for the round tests: people with the facts a rule reads, a round run now (not
through the queue), and a round's pairs as participant pairs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from tandem.accounts.tests.factories import UserFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory
from tandem.programs.models import Participant, Program, Round, RoundPair
from tandem.programs.rounds.build import Graph, graph_build
from tandem.programs.rounds.people import encode, round_participants
from tandem.programs.rounds.rules import facts_build
from tandem.programs.rounds.run import round_run, round_start
from tandem.programs.tests.factories import ParticipantFactory

# Profiles with no free text, so two people differ only where a test says.
PLAIN = {"headline": "", "job_title": "", "bio": "", "goals": ""}


def person(
    program: Program, role: str = "mentee", *, email: str | None = None, department: str = "",
    capacity: int | None = None, answers: dict[str, Any] | None = None, **profile: Any,
) -> Participant:  # fmt: skip
    """A participant whose profile has `profile`'s fields (and no free text unless given)."""
    factory = MentorProfileFactory if role in ("mentor", "both") else ProfileFactory
    user = UserFactory(email=email) if email else UserFactory()
    made = factory(
        user=user, organization=program.organization, is_mentee=role != "mentor",
        **{**PLAIN, **profile},
    )  # fmt: skip
    extra: dict[str, Any] = {"answers": answers or {}}
    if capacity is not None:
        extra["capacity"] = capacity
    made_participant = ParticipantFactory(
        program=program, role=role, profile=made, department=department, **extra
    )
    return cast(Participant, made_participant)  # factory-boy types the call as the factory


def graph_of(program: Program, now: datetime) -> tuple[list[Participant], Graph]:
    """Everyone in the next round and its candidate graph (no locks)."""
    participants = round_participants(program)
    encoded = encode(program, participants, now=now)
    facts = facts_build(program, participants, now=now)
    return participants, graph_build(encoded, facts, locked=[])


def candidates(program: Program, now: datetime) -> dict[tuple[int, int], float]:
    """{(first participant id, second participant id): score} of every candidate pair."""
    participants, graph = graph_of(program, now)
    found = zip(graph.first.tolist(), graph.second.tolist(), graph.score.tolist(), strict=True)
    return {(participants[p].pk, participants[q].pk): float(s) for p, q, s in found}


def run(program: Program, now: datetime, mode: str = "optimal") -> Round:
    """A round of `program` run to its draft at once (a draft waiting is re-run)."""
    round_ = round_start(program=program, actor=None, mode=mode, now=now, enqueue=False)
    return round_run(round_.pk, now=now)


def pairs_of(round_: Round) -> set[tuple[int, int]]:
    return set(RoundPair.objects.filter(round=round_).values_list("first_id", "second_id"))
