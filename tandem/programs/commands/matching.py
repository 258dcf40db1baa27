"""`tandem programs match SLUG [--mode optimal|stable|max-matched] [--json]`: run a round now
(not through the job queue) and print its draft; a draft waiting for review is re-run."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any, TextIO

from django.utils import timezone

from tandem.matching.engine.solver import MODES
from tandem.programs.commands.base import BadInput, program_named
from tandem.programs.models import Round, RoundPair
from tandem.programs.rounds.run import round_run, round_start

HELP = "run a matching round and print its draft (the pairs and the quality report)"


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("slug")
    parser.add_argument("--mode", default="optimal", help=", ".join(MODES))
    parser.add_argument("--json", action="store_true", help="print the draft as JSON")


def _pairs(round_: Round) -> list[list[Any]]:
    return [
        [first, second, round(score, 2)]
        for first, second, score in RoundPair.objects.filter(round=round_)
        .order_by("-score", "id")
        .values_list("first__profile__user__email", "second__profile__user__email", "score")
    ]


def run(options: dict[str, Any], out: TextIO) -> None:
    if options["mode"] not in MODES:
        raise BadInput([f"--mode: choose one of {', '.join(MODES)}"])
    program = program_named(options["slug"])
    now = timezone.now()
    round_ = round_start(program=program, actor=None, mode=options["mode"], now=now, enqueue=False)
    round_ = round_run(round_.pk, now=now)
    if round_.state != Round.State.DRAFT:
        raise BadInput([f"round {round_.number} failed: {round_.error}"])
    pairs = _pairs(round_)
    if options["json"]:
        body = {
            "round": round_.pk,
            "pairs": pairs,
            "quality": round_.quality,
        }
        out.write(json.dumps(body))
        return
    quality = round_.quality
    out.write(
        f"round {round_.pk} (number {round_.number} of {program.slug}) is a draft: {len(pairs)} "
        f"pairs, {quality.get('matched_percent', 0):.0f} % matched, mean score "
        f"{quality.get('mean_score', 0):.1f}; `tandem programs publish {program.slug} "
        f"{round_.pk}` publishes it"
    )
