"""A program's reports dashboard at 10,000 participants and a year of activity.

    .venv/bin/python bench/dashboard.py [--people 10000] [--requests 30] [--keep] [--explain 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/dashboard.py

Target (issue 12): the dashboard of a program with 10,000 participants and a year of activity
renders in ≤ 300 ms p95 on PostgreSQL, with a constant number of queries.

A fresh, migrated throwaway database (Django's test-database machinery): a SQLite file in a
temporary directory, or with DATABASE_URL a `test_tandem_dashboard_bench` database on that
server, dropped at the end (`--keep` leaves it, and a later `--keep` run reuses it instead
of building again). Not timed: the build, straight to the tables in batches
(`dashboard_world.py`, `dashboard_activity.py`; seeded): one 1:1 program of 10,000 people
(about 6,500 mentees, 3,500 mentors with 1–3 places, ten departments, enrolled over twelve
months), six rounds of published matches (some declined), the mentorships they started in a
mix of states with accepted agreements, meetings on each pair's rhythm, ratings, thank-yous,
goals, action items, ending ratings and pulses; beside it a small 1:1 program and a coffee
program of the same organization, so every query has other programs' rows to leave out.

On PostgreSQL the bench runs ANALYZE first, as autovacuum soon would after a load this size.

Timed, as one of the organization's program managers through Django's test client: the
dashboard with no filters and with a cohort and department filter, one chart's CSV, one
export (`--export`, participants unless told) and the small program's dashboard: a few
warm-up requests, then `--requests` each (p50, p95, queries per request). Then each section on
its own (median ms, queries) and, with `--explain N`, the N slowest queries of one request
with their plans (EXPLAIN ANALYZE on PostgreSQL).
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django_setup import django_ready

BENCH_DB = "test_tandem_dashboard_bench"
SLUG = "bench-dashboard"


@dataclass(frozen=True)
class Measure:
    p50: float
    p95: float
    queries: int
    captured: list[dict[str, Any]]


def _build(people: int, seed: int) -> tuple[Any, dict[str, int], float]:
    """The organization, its manager and three programs; (manager, row counts, seconds)."""
    import dashboard_activity as activity
    import dashboard_world as world_
    from django.db import transaction
    from django.utils import timezone

    from tandem.organizations.models import Membership, Organization
    from tandem.programs.models import Program
    from tandem.programs.services.programs import program_create

    started = time.perf_counter()
    rng = random.Random(seed)
    world = world_.World(now=timezone.now())
    start = world.now - timedelta(days=365)
    with transaction.atomic():
        organization = Organization.objects.create(name="Bench Corp", slug="bench-corp")
        manager = world_.people_write(world, organization, 1, "manager")[0].user
        Membership.objects.create(organization=organization, user=manager, role="manager")
        profiles = world_.people_write(world, organization, people, "p")
        others = world_.people_write(world, organization, max(people // 25, 40), "s")
        for slug, name, group in ((SLUG, "Bench mentoring", profiles),
                                  ("bench-small", "Small mentoring", others)):  # fmt: skip
            program = program_create(
                organization=organization, actor=None, name=name, slug=slug,
                starts_on=start.date(),
            )  # fmt: skip
            places = world_.participants_write(world, rng, program, group, start)
            made = world_.rounds_write(world, rng, program, places, start)
            lives = world_.mentorships_write(world, rng, made)
            held = activity.meetings_write(world, rng, lives)
            activity.after_meetings_write(world, rng, held)
            activity.goals_write(world, rng, lives)
            activity.actions_write(world, rng, held)
            activity.endings_write(world, rng, lives)
            activity.pulses_write(world, rng, program, lives)
            if slug == SLUG:
                big = dict(world.counts)
        coffee = program_create(
            organization=organization, actor=None, name="Bench coffee", slug="bench-coffee",
            kind=Program.Kind.COFFEE, starts_on=(start + timedelta(days=180)).date(),
        )  # fmt: skip
        places = world_.participants_write(
            world, rng, coffee, profiles[: max(people // 30, 40)], start, role="peer"
        )
        activity.coffee_write(world, rng, coffee, places, start + timedelta(days=180))
    rows = sum(n for name, n in big.items() if not name.startswith(" "))
    total = sum(n for name, n in world.counts.items() if not name.startswith(" "))
    big[f"rows of the {people:,}-people program, in all"] = rows
    big["rows of the small 1:1 and coffee programs"] = total - rows
    return manager, big, time.perf_counter() - started


def _get(client: Any, url: str) -> float:
    """One request, its streamed body read whole; milliseconds."""
    started = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    if response.streaming:
        b"".join(response.streaming_content)
    else:
        _ = response.content
    return 1000 * (time.perf_counter() - started)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def measure(client: Any, url: str, *, warmup: int, requests: int, cold: bool = False) -> Measure:
    """p50/p95 of `requests` after `warmup`; `cold` empties the cache before each request, so
    the pair health the dashboard keeps for ten minutes is judged every time."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def one() -> float:
        if cold:
            cache.clear()
        return _get(client, url)

    for _ in range(warmup):
        one()
    times = [one() for _ in range(requests)]
    with CaptureQueriesContext(connection) as captured:
        one()
    queries = [q for q in captured.captured_queries if "django_session" not in q["sql"]]
    return Measure(_percentile(times, 0.5), _percentile(times, 0.95), len(queries), queries)


def _sections(manager: Any, slug: str, params: dict[str, str], runs: int) -> None:
    """Each section built on its own under the page's scope: median ms and queries."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tandem.programs.access import program_managed
    from tandem.reports.metrics import SECTIONS
    from tandem.reports.selectors.dashboard import scope_for

    program = program_managed(slug=slug, user=manager)
    _form, scope = scope_for(program=program, params=params, today=timezone.now().date())
    print(f"  {'section':<14} {'median ms':>9} {'queries':>8}")
    for key, build in SECTIONS:
        times = []
        for _ in range(runs):
            cache.clear()  # each section judged afresh (pair health is otherwise kept)
            started = time.perf_counter()
            build(scope)
            times.append(1000 * (time.perf_counter() - started))
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            build(scope)
        print(f"  {key:<14} {statistics.median(times):>9.1f} {len(captured):>8}")


def _explain(captured: list[dict[str, Any]], n: int) -> None:
    """The slowest queries of one request, with the database's plan for each."""
    from django.db import connection

    slowest = sorted(captured, key=lambda q: float(q["time"]), reverse=True)[:n]
    for q in slowest:
        print(f"\n--- {1000 * float(q['time']):.1f} ms: {q['sql'][:600]}")
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else (
            "EXPLAIN QUERY PLAN ")  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(prefix + q["sql"])
            for row in cursor.fetchall():
                print("   ", " | ".join(str(cell) for cell in row))


def _urls(manager: Any, export: str) -> dict[str, str]:
    """What is timed: the page unfiltered and filtered, a chart's CSV, the export if any."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from tandem.programs.models import Participant
    from tandem.reports.selectors.dashboard import dashboard_for

    page = reverse("reports:dashboard", kwargs={"slug": SLUG})
    first = Participant.objects.filter(program__slug=SLUG).order_by("created_at").first()
    assert first is not None
    cohort = f"{first.created_at + timedelta(days=40):%Y-%m}"
    urls = {"dashboard": page, "dashboard, filtered": f"{page}?cohort={cohort}&department=Sales"}
    sections = dashboard_for(slug=SLUG, user=manager, params={}, today=timezone.now().date())
    keys = [chart.key for section in sections.sections for chart in section.charts]
    if keys:
        urls[f"chart CSV ({keys[0]})"] = reverse(
            "reports:chart_csv", kwargs={"slug": SLUG, "key": keys[0]}
        )
    with suppress(NoReverseMatch):  # no exports yet
        urls[f"export ({export})"] = reverse(
            "reports:export", kwargs={"slug": SLUG, "what": export}
        )
    small = reverse("reports:dashboard", kwargs={"slug": "bench-small"})
    return urls | {"small program's dashboard": small}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--explain", type=int, default=0, metavar="N")
    parser.add_argument("--export", default="participants", help="the export to time")
    parser.add_argument("--keep", action="store_true", help="keep the database (and reuse it)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # figures as they come

    workdir = django_ready()
    from django.db import connection
    from django.test import Client

    from tandem.organizations.models import Membership
    from tandem.reports.metrics import SECTIONS

    if connection.vendor == "sqlite":
        kept = Path(tempfile.gettempdir()) / f"{BENCH_DB}.sqlite3"
        connection.settings_dict["TEST"]["NAME"] = str(kept if args.keep else workdir / "db")
    else:
        connection.settings_dict["TEST"]["NAME"] = BENCH_DB
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=args.keep
    )
    try:
        built = Membership.objects.filter(organization__slug="bench-corp").first()
        print(f"database: {connection.vendor}; sections: {', '.join(k for k, _ in SECTIONS)}")
        if built is None:
            manager, counts, seconds = _build(args.people, args.seed)
            print(f"built in {seconds:.1f} s (not timed), seed {args.seed}:")
            for name, n in counts.items():
                print(f"  {name:<40} {n:>9,}")
        else:
            manager = built.user
            print("reusing the kept database")
        if connection.vendor == "postgresql":
            # What autovacuum does soon after a load this size: without statistics the planner
            # takes each freshly filled table for a few dozen rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client()
        client.force_login(manager)
        print(f"\n{args.requests} requests each after {args.warmup} warm-up")
        print(f"  {'request':<34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        results = {}
        for name, url in _urls(manager, args.export).items():
            m = measure(client, url, warmup=args.warmup, requests=args.requests)
            results[name] = m
            print(f"  {name:<34} {m.p50:>8.1f} {m.p95:>8.1f} {m.queries:>8}")
            if name.startswith("dashboard"):
                c = measure(client, url, warmup=args.warmup, requests=args.requests, cold=True)
                results[f"{name}, cold"] = c
                label = f"{name}, health judged"
                print(f"  {label:<34} {c.p50:>8.1f} {c.p95:>8.1f} {c.queries:>8}")
        plain, narrowed = results["dashboard"], results["dashboard, filtered"]
        small = results["small program's dashboard"]
        cold = results["dashboard, cold"]
        print(f"  health kept / judged p95: {plain.p95 / cold.p95:.2f}; "
              f"filtered / unfiltered p95: {narrowed.p95 / plain.p95:.2f}; "
              f"{args.people:,} people / small program p95: "
              f"{plain.p95 / small.p95:.1f}")  # fmt: skip
        print("\nsections, unfiltered:")
        _sections(manager, SLUG, {}, runs=5)
        if args.explain:
            _explain(plain.captured, args.explain)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
