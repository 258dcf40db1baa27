"""The pulse page: one person's own question about their program, asked or answered.

Only the person asked may open it; anyone else (the other side of the pair, the program's
managers, staff) gets the same 404 as for a pulse that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tandem.core.errors import NotFound
from tandem.programs.models import Program
from tandem.reports.models import Pulse

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

MISSING = "No such question."


def pulse_for(*, pulse_id: int, user: User, lock: bool = False) -> Pulse:
    """The pulse if it was asked of `user`; NotFound otherwise."""
    pulses = Pulse.objects.select_related("program")
    if lock:
        pulses = pulses.select_for_update(of=("self",))
    pulse = pulses.filter(pk=pulse_id, participant__profile__user=user).first()
    if pulse is None:
        raise NotFound(MISSING)
    return pulse


@dataclass(frozen=True)
class PulsePage:
    pulse: Pulse
    program: Program
    question: str  # "How likely are you to recommend <program> to a colleague?"


def question_for(program_name: str) -> str:
    """The question, in the same words on the page and in the notification."""
    return f"How likely are you to recommend {program_name} to a colleague?"


def pulse_page_for(*, pulse_id: int, user: User) -> PulsePage:
    pulse = pulse_for(pulse_id=pulse_id, user=user)
    return PulsePage(pulse=pulse, program=pulse.program, question=question_for(pulse.program.name))
