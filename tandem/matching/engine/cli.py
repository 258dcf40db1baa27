"""`python -m tandem.matching.engine solve INSTANCE.json --mode optimal|stable|max-matched`.

Prints the result as JSON on stdout. A bad instance gives one line on stderr and exit code 2.
Start-up matters as much as solving here: this module and what it imports load numpy and
msgspec, and OR-Tools only when a flow mode runs (see `solver.SOLVERS`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tandem.matching.engine.instance import InstanceError, instance_from_json
from tandem.matching.engine.solver import MODES, solve

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"error: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m tandem.matching.engine", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    solve_cmd = commands.add_parser("solve", help="match one instance file")
    solve_cmd.add_argument("instance", help="path to INSTANCE.json ('-' for stdin)")
    solve_cmd.add_argument("--mode", choices=MODES, default="optimal")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        # Bytes, then one decode: text-mode reading scans for newlines as well.
        data = sys.stdin.buffer.read() if args.instance == "-" else Path(args.instance).read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        sys.stderr.write(f"error: cannot read {args.instance}: {error}\n")
        return EXIT_BAD_INPUT
    try:
        result = solve(instance_from_json(text), mode=args.mode)
    except InstanceError as error:
        sys.stderr.write(f"error: {error}\n")
        return EXIT_BAD_INPUT
    output = {
        "pairs": [list(pair) for pair in result.pairs],
        "total_score": result.total_score,
        "matched": result.matched,
        "blocking_pairs": result.blocking_pairs,
        "seconds": result.seconds,
    }
    json.dump(output, sys.stdout)
    sys.stdout.write("\n")
    return 0
