"""`tandem programs publish SLUG ROUND`: publish a draft round (ROUND: the id `match` printed)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any, TextIO

from django.utils import timezone

from tandem.programs.commands.base import BadInput, program_named
from tandem.programs.models import Round
from tandem.programs.rounds.publish import round_publish

HELP = "publish a draft round: every pair is introduced, all at once"


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("slug")
    parser.add_argument("round", help="the round's id, as `tandem programs match` printed it")


def run(options: dict[str, Any], out: TextIO) -> None:
    program = program_named(options["slug"])
    wanted = str(options["round"]).strip()
    round_ = (
        Round.objects.filter(program=program, pk=int(wanted)).first() if wanted.isdigit() else None
    )
    if round_ is None:
        raise BadInput([f"no round {wanted!r} in {program.slug}; `tandem programs match` runs one"])
    if round_.state != Round.State.DRAFT:
        state = round_.get_state_display().lower()
        raise BadInput([f"round {round_.pk} is {state}; only a draft can be published"])
    matches = round_publish(program=program, round_=round_, actor=None, now=timezone.now())
    out.write(f"published round {round_.pk} of {program.slug}: {len(matches)} pairs introduced")
