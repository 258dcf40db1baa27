"""Tandem under load (issue 14): many people at once on the mixed journey, served as in
production, side by side with a bare view served the same way.

    .venv/bin/python bench/load.py [--people 10000] [--users 50] [--think 1 3] [--duration 120]
        [--accepts-per-minute 0] [--warmup 20] [--bare-duration 30] [--mentor-share 0.3]
        [--workers 3] [--server postgres://postgres@127.0.0.1:5432]
        [--redis-url redis://127.0.0.1:6379/0] [--demo-template NAME]

1. Creates a PostgreSQL database of its own on --server, migrates it and loads the demo at
   --people with the `demo` command (which ends with ANALYZE), then VACUUM ANALYZEs it as
   autovacuum would on a live site, then collects static files. With --demo-template NAME the
   demo is loaded once into the database NAME, kept, and each run works on a copy of it
   (loading 66,667 people for 20,000 mentors takes minutes; a copy takes seconds). NAME
   must have been loaded with the same --people and --seed.
2. Signs in the simulated people: demo people with a live mentorship, mentees and mentors
   (--mentor-share of --users), each with the mentorship and meeting they open
   (bench/load_site/plan.py says how and why sessions are written, not typed in).
3. Serves Tandem with gunicorn, --workers sync workers, production's settings (DEBUG off, the
   cache and rate limits in Redis; bench/load_site/settings.py adds only the bare view),
   on 127.0.0.1.
4. Runs the journey (bench/load_site/journey.py, locust, headless) for --warmup seconds, not
   counted, then for --duration seconds: --users people pausing --think MIN MAX seconds
   between pages and, with --accepts-per-minute, one more mentor accepting a waiting ask at
   that pace. Then --users people ask for the bare view at the same pace for --bare-duration.
   Each person starts part-way through a pause, not all at the same instant.
5. Prints p50/p95/p99 per page and overall, requests per second, errors, and the CPU gunicorn
   and PostgreSQL spent per request (their processes' CPU times, sampled), for the journey and
   the bare view, with the ratios.
6. Prints where the slowest 5 % of requests spent their time, each paired with the server's
   own line for it (bench/load_site/timing.py, tail.py): before gunicorn had it, gunicorn to
   Django, CPU, database, waiting for a core, the way back; and how many came near an accept,
   an index patch, a background index build, a collector pause, or with every worker busy.
   --requests-log PATH keeps those lines (and locust's, as PATH.client.json).

Everything runs on 127.0.0.1 and is bounded in time and size; gunicorn is stopped, the
database dropped and the run's cache keys forgotten at the end, whatever happened. Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from load_site.server import BENCH, ROOT, CpuMeter, Run, local_problem
from load_site.tail import served_read, tail_print

JOURNEY = BENCH / "load_site" / "journey.py"
Timing = tuple[str, float, bool, int, float, str]  # page, ms, success, status, ended, path


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000, help="demo people to load")
    parser.add_argument("--users", type=int, default=50, help="simulated people at once")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--duration", type=int, default=120, help="seconds measured")
    parser.add_argument("--accepts-per-minute", type=float, default=0.0)
    parser.add_argument("--warmup", type=int, default=20, help="seconds of journey not counted")
    parser.add_argument("--bare-duration", type=int, default=30)
    parser.add_argument("--mentor-share", type=float, default=0.3)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--demo-template", metavar="NAME", help="keep the loaded demo in NAME")
    parser.add_argument(
        "--requests-log", metavar="PATH", type=Path,
        help="keep each request as the server saw it (load_site/timing.py) in PATH",
    )  # fmt: skip
    args = parser.parse_args()
    problems = [
        problem
        for problem in (
            local_problem(args.server, "--server"),
            local_problem(args.redis_url, "--redis-url"),
            None if 10 <= args.people <= 100_000 else "--people: from 10 to 100,000",
            None if 1 <= args.users <= 500 else "--users: from 1 to 500",
            None if 5 <= args.duration <= 3600 else "--duration: from 5 to 3,600 seconds",
            None if 0 <= args.warmup <= 600 else "--warmup: from 0 to 600 seconds",
            None if 5 <= args.bare_duration <= 600 else "--bare-duration: from 5 to 600 seconds",
            None if 0 <= args.think[0] <= args.think[1] <= 60 else "--think: 0 <= MIN <= MAX <= 60",
            None if 0 <= args.accepts_per_minute <= 600 else "--accepts-per-minute: 0 to 600",
            None if 0 <= args.mentor_share <= 1 else "--mentor-share: from 0 to 1",
            None if 1 <= args.workers <= 16 else "--workers: from 1 to 16",
        )
        if problem
    ]
    if args.demo_template and not args.demo_template.replace("_", "").isalnum():
        problems.append("--demo-template: letters, digits and _ only")
    if not args.server.startswith(("postgres://", "postgresql://")):
        problems.append("--server: a postgres:// URL")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(2)
    return args


def _prepare(run: Run, args: argparse.Namespace) -> dict[str, Any]:
    """The database, the demo, static files and the plan; Django's connections closed after."""
    os.environ.update(run.env())
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from load_site.plan import plan_build

    started = time.perf_counter()
    template = args.demo_template
    if template and run.database_exists(template):
        print(f"the demo copied from {template} (loaded earlier with --people {args.people:,})")
    elif template:  # loaded under another name and renamed, so a broken load is never reused
        loading = Run(run.server_url, run.redis_url, run.workdir, database=f"{template}_loading")
        loading.database_drop()
        _demo_load(loading, args)
        loading.database_rename(template)
    else:
        _demo_load(run, args)
    if template:
        run.database_create(template=template)
    call_command("collectstatic", interactive=False, verbosity=0)
    mentors = round(args.users * args.mentor_share)
    accepts = (
        int(args.accepts_per_minute * args.duration / 60) + 1 if args.accepts_per_minute else 0
    )
    plan = plan_build(mentees=args.users - mentors, mentors=mentors, accepts=accepts)
    connections.close_all()
    print(f"prepared in {time.perf_counter() - started:.0f} s\n")
    return plan


def _demo_load(run: Run, args: argparse.Namespace) -> None:
    """Create `run`'s database, migrate it and load the demo, in commands of their own (so
    this process's Django stays on the run's database whatever `run` is)."""
    run.database_create()
    for command in (["migrate", "--verbosity", "0"],
                    ["demo", "--people", str(args.people), "--seed", str(args.seed),
                     "--allow-production"]):  # fmt: skip
        done = subprocess.run(  # noqa: S603 - our interpreter, our commands
            [sys.executable, "manage.py", *command], cwd=ROOT, env=run.env(),
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed:\n{done.stderr[-3000:]}")
    print(done.stdout.split("-" * 64)[0].strip())  # what was loaded, not the logins
    run.database_vacuum()
    print("Vacuumed and analyzed, as autovacuum would (VACUUM ANALYZE).")


def _locust(
    run: Run,
    address: str,
    plan_path: Path,
    *,
    classes: list[str],
    users: int,
    seconds: int,
    think: tuple[float, float],
    accept_every: float,
) -> list[Timing]:
    """Run locust headless on `classes`; every request it made."""
    out = run.workdir / "timings.json"
    out.unlink(missing_ok=True)
    env = {
        **run.env(),
        "TANDEM_LOAD_PLAN": str(plan_path),
        "TANDEM_LOAD_THINK": f"{think[0]} {think[1]}",
        "TANDEM_LOAD_ACCEPT_EVERY": str(accept_every),
        "TANDEM_LOAD_OUT": str(out),
    }
    command = [
        sys.executable, "-m", "locust", "-f", str(JOURNEY), "--headless", "--host", address,
        "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
        "--stop-timeout", "10", "--only-summary", "--loglevel", "ERROR",
        "--exit-code-on-error", "0", *classes,
    ]  # fmt: skip
    done = subprocess.run(  # noqa: S603 - our interpreter, our locustfile
        command, env=env, cwd=run.workdir, capture_output=True, text=True,
        timeout=seconds + 120, check=False,
    )  # fmt: skip
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"locust failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return [tuple(row) for row in json.loads(out.read_text())]


def _figures(timings: list[Timing]) -> tuple[int, int, list[float]]:
    """Requests, errors, and p50/p95/p99 in ms."""
    times = np.array([row[1] for row in timings] or [0.0])
    return (
        len(timings),
        sum(not row[2] for row in timings),
        list(np.percentile(times, [50, 95, 99])),
    )


def _pages_print(timings: list[Timing], bare: list[Timing]) -> None:
    by_page: dict[str, list[Timing]] = defaultdict(list)
    for row in timings:
        by_page[row[0]].append(row)
    print(f"{'page (slowest p95 first)':34} {'requests':>8} {'errors':>6} {'p50 ms':>8} "
          f"{'p95 ms':>8} {'p99 ms':>8}")  # fmt: skip
    pages = sorted(by_page.items(), key=lambda item: -_figures(item[1])[2][1])
    rows = [*pages, ("the journey, every page", timings), ("the bare view", bare)]
    for page, rows_of_page in rows:
        count, errors, (p50, p95, p99) = _figures(rows_of_page)
        statuses = Counter(row[3] for row in rows_of_page if not row[2])
        why = "  " + ", ".join(f"{s or 'no answer'} ×{n}" for s, n in statuses.items())
        print(
            f"{page:34} {count:8d} {errors:6d} {p50:8.1f} {p95:8.1f} {p99:8.1f}"
            f"{why if statuses else ''}"
        )


def _summary_print(journey: dict[str, float], bare: dict[str, float]) -> None:
    print(f"\n{'':34} {'journey':>10} {'bare view':>10} {'ratio':>8}")
    for label, key, ratio in (
        ("requests per second", "rate", False),
        ("p50 ms", "p50", True),
        ("p95 ms", "p95", True),
        ("p99 ms", "p99", True),
        ("server CPU per request, ms", "web_cpu", True),
        ("PostgreSQL CPU per request, ms", "db_cpu", True),
        ("errors", "errors", False),
    ):
        times = f"{journey[key] / bare[key]:7.1f}×" if ratio and bare[key] else ""
        digits = 0 if key == "errors" else 1
        print(f"{label:34} {journey[key]:10.{digits}f} {bare[key]:10.{digits}f} {times:>8}")


def _phase(
    run: Run, address: str, plan_path: Path, **locust: Any
) -> tuple[list[Timing], dict[str, float]]:
    """One measured locust run, with the CPU gunicorn and PostgreSQL spent meanwhile."""
    with CpuMeter(run.gunicorn_processes) as web, CpuMeter(run.postgres_backends) as db:
        timings = _locust(run, address, plan_path, **locust)
    count, errors, (p50, p95, p99) = _figures(timings)
    per_request = 1000 / max(count, 1)
    return timings, {
        "rate": count / locust["seconds"], "p50": p50, "p95": p95, "p99": p99,
        "web_cpu": web.seconds * per_request, "db_cpu": db.seconds * per_request,
        "errors": errors,
    }  # fmt: skip


def _index_builds_print(builds: dict[str, int]) -> None:
    """Where the mentor index was built while gunicorn served (its log lines): inside a
    request must be 0, the issue's "no request ever waits for a rebuild"."""
    print(
        f"\nmentor index full builds: {builds['at start']} at worker start, "
        f"{builds['in the background']} in the background, {builds['in place']} inside a "
        f"request; tracebacks logged: {builds['errors']}"
    )


def _header_print(args: argparse.Namespace, plan: dict[str, Any], run: Run, address: str) -> None:
    print(
        f"{args.people:,} demo people; {len(plan['mentees'])} mentees and "
        f"{len(plan['mentors'])} mentors on the journey, {args.think[0]:g}–{args.think[1]:g} s "
        f"between pages, {args.duration} s measured after {args.warmup} s of warm-up; "
        f"accepts: {args.accepts_per_minute:g} a minute ({len(plan['accepts'])} asks ready)\n"
        f"gunicorn: {args.workers} sync workers at {address}, production settings, "
        f"PostgreSQL database {run.database}, Redis cache; {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f} before the run\n"
    )


def main() -> None:
    args = _arguments()
    run = Run(
        server_url=args.server,
        redis_url=args.redis_url,
        workdir=Path(tempfile.mkdtemp(prefix="tandem-load-")),
    )
    try:
        plan = _prepare(run, args)
        plan_path = run.workdir / "plan.json"
        plan_path.write_text(json.dumps(plan))
        address = run.gunicorn_start(workers=args.workers)
        people = len(plan["mentees"]) + len(plan["mentors"])
        journey_classes = [name for name, key in (("Mentee", "mentees"), ("Mentor", "mentors"))
                           if plan[key]]  # fmt: skip
        accept_every = 60 / args.accepts_per_minute if args.accepts_per_minute else 0.0
        if accept_every and plan["accepts"]:
            journey_classes.append("AcceptingMentor")
        think = (args.think[0], args.think[1])
        _header_print(args, plan, run, address)
        if args.warmup:
            walkers = [name for name in journey_classes if name != "AcceptingMentor"]
            _locust(run, address, plan_path, classes=walkers, users=people,
                    seconds=args.warmup, think=think, accept_every=0.0)  # fmt: skip
        extra = int("AcceptingMentor" in journey_classes)
        timings, journey = _phase(
            run, address, plan_path, classes=journey_classes, users=people + extra,
            seconds=args.duration, think=think, accept_every=accept_every,
        )  # fmt: skip
        bare_timings, bare = _phase(
            run, address, plan_path, classes=["BareVisitor"], users=people,
            seconds=args.bare_duration, think=think, accept_every=0.0,
        )  # fmt: skip
        _pages_print(timings, bare_timings)
        _summary_print(journey, bare)
        _index_builds_print(run.index_builds())
        served = served_read(run.requests_log_path)
        tail_print("the journey", timings, served)
        tail_print("the bare view", bare_timings, served)
        if args.requests_log:
            shutil.copyfile(run.requests_log_path, args.requests_log)
            (args.requests_log.with_suffix(".client.json")).write_text(
                json.dumps({"journey": timings, "bare": bare_timings})
            )
        print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
    finally:
        run.cleanup()
        shutil.rmtree(run.workdir, ignore_errors=True)


def _stopped(signum: int, frame: object) -> None:
    raise SystemExit(f"stopped by signal {signum}")  # so the cleanup in main() runs


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # this checkout's Tandem, whatever is installed
    signal.signal(signal.SIGTERM, _stopped)
    main()
