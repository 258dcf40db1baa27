"""Participants → the engine's arrays, with the same encoders as recommendations
(`tandem.matching.encode`) fed with one program's people only.

1:1 programs put mentees (role mentee or both) on one side and mentors (mentor or both) on the
other; a mentor offers min(their capacity in the program, the free places on their profile).
Pools (peer, coffee) put every participant on both sides, with their capacity in the program.
Engine ids are the participants' ids, zero-padded, so the engine breaks ties by participant id.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np
import numpy.typing as npt

from tandem.matching.encode import mentees_encode, mentor_index_of
from tandem.matching.engine.instance import IntArray
from tandem.matching.engine.people import People
from tandem.matching.engine.reasons import Labels
from tandem.programs.models import Participant, Program

TOP_LEVEL = 10  # levels run 1–10; a reverse program reads them as 11 - level


def participant_key(pk: int) -> str:
    """A participant's id in the engine (zero-padded: sorting keys sorts by id)."""
    return f"{pk:010d}"


@dataclass(frozen=True)
class Encoded:
    """Everyone in a round and both sides of the market.

    `participants` is everyone, by id; mentee row r is participant `mentee_at[r]`, mentor row
    r participant `mentor_at[r]` (in pools both are every participant, in order).
    """

    program: Program
    participants: list[Participant]
    mentee_at: IntArray
    mentor_at: IntArray
    mentees: People
    mentors: People
    table: npt.NDArray[np.float32]
    labels: Labels

    @property
    def pool(self) -> bool:
        return self.program.is_pool


def round_participants(program: Program) -> list[Participant]:
    """Who takes part in a round: active participants (coffee: those opted in), by id."""
    who = Participant.objects.filter(program=program, state=Participant.State.ACTIVE)
    if program.kind == Program.Kind.COFFEE:
        who = who.filter(opted_in=True)
    return list(who.select_related("profile__user", "profile__organization").order_by("id"))


def _adjusted(people: People, program: Program, ids: list[str], capacity: list[int]) -> People:
    """The program's view of encoded people: its ids and capacities, everyone available (they
    joined the program), levels read downwards in reverse programs, and no language barrier
    when the program does not ask for a shared language."""
    changes: dict[str, object] = {
        "ids": tuple(ids),
        "capacity": np.array(capacity, dtype=np.int64).reshape(-1),
        "available": np.ones(len(ids), dtype=bool),
    }
    if program.kind == Program.Kind.REVERSE:
        changes["level"] = TOP_LEVEL + 1 - people.level
    if not program.rule_shared_language:
        changes["languages"] = np.zeros(len(ids), dtype=np.int64)
    return replace(people, **changes)  # type: ignore[arg-type]


def encode(program: Program, participants: list[Participant], *, now: datetime) -> Encoded:
    """Both sides of the round's market, in a handful of queries whatever the number."""
    everyone = np.arange(len(participants), dtype=np.int64)
    if program.is_pool:
        mentee_at = mentor_at = everyone
    else:
        mentee_at = everyone[[p.is_mentee for p in participants]] if participants else everyone
        mentor_at = everyone[[p.mentors for p in participants]] if participants else everyone
    mentor_side = [participants[i] for i in mentor_at.tolist()]
    mentee_side = [participants[i] for i in mentee_at.tolist()]
    index = mentor_index_of([p.profile for p in mentor_side], now=now)
    mentees = mentees_encode([p.profile for p in mentee_side], index, now=now)
    if program.is_pool:
        places = [p.capacity for p in mentor_side]
    else:
        places = [
            min(p.capacity, max(p.profile.capacity - p.profile.places_taken, 0))
            for p in mentor_side
        ]
    return Encoded(
        program=program,
        participants=participants,
        mentee_at=mentee_at,
        mentor_at=mentor_at,
        mentees=_adjusted(
            mentees, program, [participant_key(p.pk) for p in mentee_side], [1] * len(mentee_side)
        ),
        mentors=_adjusted(
            index.mentors, program, [participant_key(p.pk) for p in mentor_side], places
        ),
        table=index.table,
        labels=index.labels,
    )
