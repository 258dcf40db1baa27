"""Bulk matching end to end (TARGETS.md M1): feature arrays → candidate graph → pairs.

    .venv/bin/python bench/bulk.py [--mentees 100000] [--mentors 20000] [--repeat 3]
                                   [--baseline] [--recall 1000] [--threads N]

Uses the engine's seeded synthetic population (`engine/synthetic.py`: clustered skills,
text vectors, levels, languages, timezones, competitors, paused mentors, capacity 1–5),
then times, in one process: candidate generation (`candidate_pairs`, top 20 per mentee plus
5 per niche mentor), building the instance, the optimal solve and the stable solve, and
reports the process's peak resident memory and each mode's quality figures. Medians over
--repeat runs.

--baseline also times, in each run just before the engine's, candidate generation as it was
before issue 14 (`bench/candidates_before.py`) and the engine's with the old prefilter of 40
(the same pairs as before), and prints the ratios. --recall N scores N
seeded mentees exactly against every mentor and prints the share of each one's exact top 20
(possible pairs, ties counted as found) that the candidates hold, for both versions when
--baseline is given (0 skips it). Asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from tandem.matching.engine.people import People

ROOT = Path(__file__).resolve().parent.parent
TOP = 20
Candidates = tuple[np.ndarray, np.ndarray, np.ndarray]


def recall(
    mentees: People, mentors: People, table: np.ndarray, candidates: Candidates, sample: np.ndarray
) -> float:
    """Share of the sampled mentees' exact top-20 pairs the candidates hold (ties found)."""
    from tandem.matching.engine.score import score_pairs

    a, _x, s = candidates
    order = np.argsort(a, kind="stable")
    a, s = a[order], s[order]
    held = wanted = 0
    n_x = len(mentors)
    for mentee in sample.tolist():
        lo, hi = np.searchsorted(a, [mentee, mentee + 1])
        every = score_pairs(
            mentees, mentors, np.full(n_x, mentee), np.arange(n_x), table=table
        ).score
        possible = np.sort(every[every >= 0])[::-1]
        if not possible.size:
            continue
        top = min(TOP, possible.size)
        floor = possible[top - 1] - 1e-4  # the 20th best; float noise is not a miss
        wanted += top
        held += min(top, int((s[lo:hi] >= floor).sum()))
    return 100.0 * held / max(wanted, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=100_000)
    parser.add_argument("--mentors", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--recall", type=int, default=1000, metavar="N")
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    from candidates_before import candidate_pairs as candidate_pairs_before

    from tandem.matching.engine.candidates import candidate_instance, candidate_pairs
    from tandem.matching.engine.people import skill_table
    from tandem.matching.engine.quality import quality_report
    from tandem.matching.engine.solver import solve
    from tandem.matching.engine.synthetic import N_SKILLS, synthetic_people

    steps: dict[str, list[float]] = {}

    def timed(name: str, started: float) -> None:
        steps.setdefault(name, []).append(time.perf_counter() - started)

    def generate(name: str, search: Callable[..., Candidates], *args: Any, **kw: Any) -> Candidates:
        started = time.perf_counter()
        found = search(*args, **kw)
        timed(name, started)
        return found

    reports = {}
    found: dict[str, Candidates] = {}
    for _ in range(args.repeat):
        started = time.perf_counter()
        mentees, mentors = synthetic_people(args.mentees, args.mentors, seed=args.seed)
        table = skill_table(mentors, N_SKILLS)
        timed("population (not counted)", started)
        if args.baseline:
            found["before"] = generate(
                "candidates before issue 14 (not counted)",
                candidate_pairs_before, mentees, mentors, table=table,
            )  # fmt: skip
            found["now, prefilter 40"] = generate(
                "candidates now, prefilter 40 (not counted)",
                candidate_pairs, mentees, mentors, table=table, threads=args.threads, prefilter=40,
            )  # fmt: skip
        total = time.perf_counter()
        a, x, s = found["now"] = generate(
            "candidate generation",
            candidate_pairs, mentees, mentors, table=table, threads=args.threads,
        )  # fmt: skip
        started = time.perf_counter()
        instance = candidate_instance(mentees, mentors, a, x, s)
        timed("instance", started)
        for mode in ("optimal", "stable"):
            started = time.perf_counter()
            result = solve(instance, mode=mode)
            timed(f"{mode} solve", started)
            reports[mode] = quality_report(result)
        timed("total (candidates + both solves)", total)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.mentees:,} mentees × {args.mentors:,} mentors, {instance.n_edges:,} candidate "
          f"pairs, {args.repeat} runs")  # fmt: skip
    print(f"{'step':<42} {'median s':>9} {'min s':>7} {'max s':>7}")
    for name, values in steps.items():
        print(
            f"{name:<42} {statistics.median(values):>9.2f} {min(values):>7.2f} {max(values):>7.2f}"
        )
    if args.baseline:
        before = statistics.median(steps["candidates before issue 14 (not counted)"])
        for name, step in (
            ("now", "candidate generation"),
            ("now, prefilter 40", "candidates now, prefilter 40 (not counted)"),
        ):
            ratio = before / statistics.median(steps[step])
            print(f"candidate generation {name} vs before issue 14: {ratio:.2f}× faster (medians)")
        pairs = {n: set(zip(c[0].tolist(), c[1].tolist(), strict=True)) for n, c in found.items()}
        for name in ("now", "now, prefilter 40"):
            both = len(pairs["before"] & pairs[name])
            print(f"candidate pairs: before {len(pairs['before']):,}, {name} "
                  f"{len(pairs[name]):,}, in both {both:,}")  # fmt: skip
        del found["now, prefilter 40"]  # the same pairs as before, up to float ties
    print(
        f"peak resident memory: {peak_mb:,.0f} MB" + (" (both versions)" if args.baseline else "")
    )
    if args.recall:
        sample = np.random.default_rng(args.seed).choice(
            args.mentees, size=min(args.recall, args.mentees), replace=False
        )
        for name, candidates in found.items():
            share = recall(mentees, mentors, table, candidates, sample)
            print(f"recall of the exact top {TOP}, {sample.size:,} mentees, {name}: {share:.2f} %")
    print()
    print(f"{'mode':<8} {'matched %':>9} {'mean':>6} {'min':>6} {'p10':>6} {'blocking':>9} "
          f"{'load %':>7} {'unused':>7}")  # fmt: skip
    for mode, r in reports.items():
        print(f"{mode:<8} {r.matched_percent:>9.1f} {r.mean_score:>6.1f} {r.min_score:>6.1f} "
              f"{r.p10_score:>6.1f} {r.blocking_pairs:>9,} {r.mentor_load_percent:>7.1f} "
              f"{r.unused_mentor_places:>7,}")  # fmt: skip


if __name__ == "__main__":
    main()
