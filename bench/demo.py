"""How long the demo loader takes: `demo_load` on a fresh database, a few runs, figures only.

    .venv/bin/python bench/demo.py [--people 10000] [--runs 3] [--seed 2026]

Uses the test settings unless DJANGO_SETTINGS_MODULE says otherwise. Each run gets a fresh,
migrated database (Django's test-database machinery): a new SQLite file in a temporary
directory, or, when DATABASE_URL is set, a `test_<name>` database on that server. The
migrations are not timed. Prints a table; asserts nothing (the target lives in TARGETS.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import time

from django_setup import django_ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    workdir = django_ready()
    from django.conf import settings
    from django.db import connection

    from tandem.demo.services import demo_load

    sqlite = connection.vendor == "sqlite"
    print(f"demo_load: {args.people:,} people, seed {args.seed}, {args.runs} runs")
    print(f"database:  {connection.vendor}, settings {os.environ['DJANGO_SETTINGS_MODULE']}")
    print(f"hasher:    {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]} (hashed once per load)")
    print()

    timings: list[float] = []
    for run in range(1, args.runs + 1):
        if sqlite:  # a file, like the real thing, not the in-memory default for tests
            connection.settings_dict["TEST"]["NAME"] = str(workdir / f"run{run}.sqlite3")
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        try:
            started = time.perf_counter()
            report = demo_load(people=args.people, seed=args.seed)
            timings.append(time.perf_counter() - started)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        print(
            f"run {run}: {timings[-1]:6.2f} s  ({report.mentors:,} mentors, "
            f"{report.mentees:,} mentees, {report.organizations} organizations)"
        )

    shutil.rmtree(workdir, ignore_errors=True)
    median = statistics.median(timings)
    print()
    print(f"{'people':>8} {'median s':>9} {'min s':>7} {'max s':>7} {'people/s':>9}")
    print(
        f"{args.people:>8,} {median:>9.2f} {min(timings):>7.2f} {max(timings):>7.2f} "
        f"{args.people / median:>9,.0f}"
    )


if __name__ == "__main__":
    main()
