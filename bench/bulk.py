"""Bulk matching end to end (TARGETS.md M1): feature arrays → candidate graph → pairs.

    .venv/bin/python bench/bulk.py [--mentees 100000] [--mentors 20000] [--repeat 3]

Uses the engine's seeded synthetic population (`engine/synthetic.py`: clustered skills,
text vectors, levels, languages, timezones, competitors, paused mentors, capacity 1–5),
then times, in one process: candidate generation (`candidate_pairs`, top 20 per mentee plus
5 per niche mentor), building the instance, the optimal solve and the stable solve, and
reports the process's peak resident memory and each mode's quality figures. Medians over
--repeat runs; asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=100_000)
    parser.add_argument("--mentors", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    from tandem.matching.engine import quality_report, solve
    from tandem.matching.engine.candidates import candidate_instance, candidate_pairs
    from tandem.matching.engine.people import skill_table
    from tandem.matching.engine.synthetic import N_SKILLS, synthetic_people

    steps: dict[str, list[float]] = {}

    def timed(name: str, started: float) -> None:
        steps.setdefault(name, []).append(time.perf_counter() - started)

    reports = {}
    for _ in range(args.repeat):
        started = time.perf_counter()
        mentees, mentors = synthetic_people(args.mentees, args.mentors, seed=args.seed)
        table = skill_table(mentors, N_SKILLS)
        timed("population (not counted)", started)
        total = time.perf_counter()
        started = time.perf_counter()
        a, x, s = candidate_pairs(mentees, mentors, table=table)
        timed("candidate generation", started)
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
    print(f"{'step':<34} {'median s':>9} {'min s':>7} {'max s':>7}")
    for name, values in steps.items():
        print(
            f"{name:<34} {statistics.median(values):>9.2f} {min(values):>7.2f} {max(values):>7.2f}"
        )
    print(f"peak resident memory: {peak_mb:,.0f} MB")
    print()
    print(f"{'mode':<8} {'matched %':>9} {'mean':>6} {'min':>6} {'p10':>6} {'blocking':>9} "
          f"{'load %':>7} {'unused':>7}")  # fmt: skip
    for mode, r in reports.items():
        print(f"{mode:<8} {r.matched_percent:>9.1f} {r.mean_score:>6.1f} {r.min_score:>6.1f} "
              f"{r.p10_score:>6.1f} {r.blocking_pairs:>9,} {r.mentor_load_percent:>7.1f} "
              f"{r.unused_mentor_places:>7,}")  # fmt: skip


if __name__ == "__main__":
    main()
