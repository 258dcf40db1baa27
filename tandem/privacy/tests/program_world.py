"""Two people a program round introduced to each other, built through the services, for the
deletion and export tests about programs."""

from __future__ import annotations

from tandem.core.tests.clock import NOW
from tandem.programs.models import Match, Participant
from tandem.programs.rounds.publish import round_publish
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.round_world import person, run

ANSWERS = {"1": "I'd love to talk about moving into product"}
THEIR_NOTE = "Lovely chat about budgets with someone from Finance"
OTHER_NOTE = "Great conversation, thank you"


def matched_pair(kind: str) -> tuple[Participant, Participant, Match]:
    """Two people a published round of a `kind` program introduced to each other."""
    program = ProgramFactory(kind=kind)
    leaving = person(program, department="Finance", answers=ANSWERS)
    staying = person(program)
    round_ = run(program, NOW)
    round_publish(program=program, round_=round_, actor=None, now=NOW)
    match = Match.objects.get(program=program)
    return leaving, staying, match
