"""What the journey's heavier pages cost single-user: queries, SQL time and wall time per page.

    .venv/bin/python bench/pages.py [--people 10000] [--runs 20] [--explain 3]
    DATABASE_URL=postgres://…/tandem_x .venv/bin/python bench/pages.py --existing

Loads the demo at --people into a fresh database (a SQLite file, or a `test_…` database on
DATABASE_URL, ANALYZEd after the load as a real site's autovacuum would have it), or with
--existing uses the DATABASE_URL database as it is (demo data already loaded). Then, through
Django's test client signed in as the demo mentor or mentee, requests each page a few times
to warm it (the mentor index is built once), and times --runs more. One extra request per page
runs with its queries captured: how many, and how long they took in the database. Each page's
wall time and this process's CPU time are compared with a bare Django view served the same
way. With --explain N on PostgreSQL, prints
EXPLAIN ANALYZE of each page's N slowest queries. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django_setup import django_ready

FULL_PLANS = False


@dataclass(frozen=True)
class Page:
    name: str
    who: str  # "mentor" or "mentee": which demo login asks for it
    url: str
    htmx: bool = False


def _pages() -> list[Page]:
    """The pages, with the rows they show picked from the demo data."""
    from django.db.models import Count

    from tandem.demo.logins import NAMED_PEOPLE
    from tandem.mentorships.models import Ask, Mentorship
    from tandem.profiles.models import Profile, SkillOffered
    from tandem.skills.models import Skill

    mentor = Profile.objects.get(user__email=NAMED_PEOPLE[1].email)
    asks = Ask.objects.filter(mentor=mentor).order_by("sent_at", "id")
    ask = asks.filter(state=Ask.State.PENDING).first() or asks.first()
    mentorship = Mentorship.objects.filter(mentor=mentor).order_by("-id").first()
    popular = SkillOffered.objects.values("skill").annotate(n=Count("id")).order_by("-n").first()
    skill = Skill.objects.filter(pk=popular["skill"]).first() if popular else None
    pages = [Page("inbox", "mentor", "/asks/")]
    if ask is not None:
        pages.append(Page("ask detail", "mentor", f"/asks/{ask.pk}/"))
    if mentorship is not None:
        pages.append(Page("mentorship page", "mentor", f"/mentorships/{mentorship.pk}/"))
    pages += [
        Page("health partial", "mentor", "/mentorships/health/", htmx=True),
        Page("dashboard (mentor)", "mentor", "/mentorships/"),
        Page("home (mentor)", "mentor", "/home/"),
        Page("directory", "mentee", "/mentors/"),
        Page("directory page 2", "mentee", "/mentors/?page=2"),
    ]
    if skill is not None:
        pages.append(
            Page(f"directory, skill ({skill.name})", "mentee", f"/mentors/?skill={skill.name}")
        )
    pages += [
        Page("dashboard (mentee)", "mentee", "/mentorships/"),
        Page("home (mentee)", "mentee", "/home/"),
        Page("recommendations", "mentee", "/mentors/recommended/"),
        Page("a mentor's profile", "mentee", mentor.get_absolute_url()),
        Page("notifications (mentee)", "mentee", "/notifications/"),
    ]
    mentee = Profile.objects.get(user__email=NAMED_PEOPLE[0].email)
    own = Mentorship.objects.filter(mentee=mentee).order_by("-id").first()
    if own is not None:
        meeting = own.meetings.order_by("-id").first()
        pages.append(Page("its meetings (mentee)", "mentee", f"/mentorships/{own.pk}/meetings/"))
        if meeting is not None:
            pages.append(Page("a meeting (mentee)", "mentee", f"/meetings/{meeting.pk}/"))
    if not Ask.objects.filter(mentee=mentee, mentor=mentor).exists():
        pages.append(Page("the ask page", "mentee", f"/mentors/{mentor.pk}/ask/"))
    return pages


def _bare_client() -> Any:
    """A test client whose URLconf has one view returning a constant: the floor of a request."""
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import path

    module = type(sys)("bench_bare_urls")
    module.urlpatterns = [path("bare/", lambda request: HttpResponse("ok"))]  # type: ignore[attr-defined]
    sys.modules["bench_bare_urls"] = module

    class BareClient(Client):
        def get(self, *args: Any, **kwargs: Any) -> Any:
            with override_settings(ROOT_URLCONF="bench_bare_urls"):
                return super().get(*args, **kwargs)

    return BareClient()


def _timed(request: Callable[[], object], n: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of n requests. The CPU time is this process's alone (Django,
    the templates, the database driver), not PostgreSQL's: on a shared, busy machine it moves
    far less than the wall time, which waits for cores."""
    wall, cpu = [], []
    for _ in range(n):
        started, started_cpu = time.perf_counter(), time.process_time()
        request()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def _explain(sql: str) -> str:
    """The plan's top line, its sequential scans and its planning and execution times: what
    says whether an index is missing or a join is costly (--explain-full prints it all)."""
    from django.db import connection

    with connection.cursor() as cursor:
        # The captured SQL has its values written in (a LIKE's '%' too): no parameters.
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF) {sql}")
        lines = [row[0] for row in cursor.fetchall()]
    if not FULL_PLANS:
        keep = ("Seq Scan", "Planning Time", "Execution Time", "Unique", "HashAggregate")
        lines = lines[:1] + [line for line in lines[1:] if any(k in line for k in keep)]
    return "\n".join(f"      {line}" for line in lines)


def _profiled(requests: list[Callable[[], object]], runs: int, top: int) -> None:
    """cProfile over `runs` rounds of every page: where the CPU goes (the functions with the
    most time of their own, then by cumulative time), and how it splits between compiling
    SQL, the database driver, templates and the rest."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        for request in requests:
            request()
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    areas = {
        "SQL compiling (django/db/models)": "django/db/models/",
        "database driver (psycopg)": "psycopg",
        "templates (django/template)": "django/template/",
        "URL reversing (django/urls)": "django/urls/",
        "tandem": "/tandem/",
    }
    print(f"\n{runs} rounds of every page, {total * 1000 / runs:.1f} ms of CPU a round")
    for label, needle in areas.items():
        own = sum(row[2] for key, row in stats.stats.items() if needle in key[0])  # type: ignore[attr-defined]
        print(f"  {label:<36} {100 * own / total:5.1f} % (own time)")
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def measure(runs: int, explain: int, profile: int = 0) -> None:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tandem.accounts.models import User
    from tandem.demo.logins import NAMED_PEOPLE

    clients = {}
    for who, person in (("mentee", NAMED_PEOPLE[0]), ("mentor", NAMED_PEOPLE[1])):
        clients[who] = Client()
        clients[who].force_login(User.objects.get(email=person.email))
    bare = _bare_client()
    bare_wall, bare_cpu = _timed(lambda: bare.get("/bare/"), runs + 3)
    floor, floor_cpu = statistics.median(bare_wall[3:]), statistics.median(bare_cpu[3:])
    print(
        f"{'page':<34} {'queries':>7} {'SQL ms':>7} {'median ms':>9} {'p95 ms':>7} "
        f"{'CPU ms':>7} {'CPU × bare':>10}"
    )
    slow: list[tuple[str, list[tuple[float, str]]]] = []
    requests: list[Callable[[], object]] = []
    for page in _pages():
        client = clients[page.who]
        extra: dict[str, Any] = {"HTTP_HX_REQUEST": "true"} if page.htmx else {}
        for _ in range(3):  # warm: the mentor index, the caches, the first template load
            response = client.get(page.url, **extra)
            assert response.status_code == 200, (page.url, response.status_code)
        reset_queries()  # else the count starts from the last request's queries
        with CaptureQueriesContext(connection) as captured:
            client.get(page.url, **extra)
        captured_queries = list(captured.captured_queries)  # the next request clears the log
        sql_ms = sum(float(q["time"]) for q in captured_queries) * 1000
        wall, cpu = _timed(lambda: client.get(page.url, **extra), runs)  # noqa: B023
        requests.append(functools.partial(client.get, page.url, **extra))
        wall.sort()
        median, cpu_median = statistics.median(wall), statistics.median(cpu)
        p95 = wall[min(len(wall) - 1, int(0.95 * len(wall)))]
        print(
            f"{page.name:<34} {len(captured_queries):>7} {sql_ms:>7.1f} {median:>9.1f} "
            f"{p95:>7.1f} {cpu_median:>7.1f} {cpu_median / floor_cpu:>10.1f}",
            flush=True,
        )
        queries = sorted(
            ((float(q["time"]) * 1000, q["sql"]) for q in captured_queries), reverse=True
        )
        slow.append((page.name, queries[:explain]))
    print(
        f"{'bare Django view, same client':<34} {0:>7} {0:>7.1f} {floor:>9.1f} {'':>7} "
        f"{floor_cpu:>7.1f}"
    )
    if profile:
        _profiled(requests, runs, profile)
    if explain and connection.vendor == "postgresql":
        for name, queries in slow:
            print(f"\n== {name}: the {len(queries)} slowest queries")
            for ms, sql in queries:
                print(f"  {ms:.1f} ms  {sql[:300]}")
                if sql.lstrip().upper().startswith("SELECT"):
                    print(_explain(sql))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--explain", type=int, default=0, metavar="N")
    parser.add_argument("--explain-full", action="store_true", help="whole plans")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="profile every page and print the N costliest functions",
    )
    parser.add_argument(
        "--existing", action="store_true", help="use the DATABASE_URL database as it is"
    )
    args = parser.parse_args()

    global FULL_PLANS
    FULL_PLANS = args.explain_full
    workdir = django_ready(web=True)
    from django.db import connection

    print(f"database: {connection.vendor}, {args.runs} timed requests per page after 3 to warm")
    if args.existing:
        measure(args.runs, args.explain, args.profile)
        return
    from tandem.demo.services import demo_load

    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(workdir / "pages.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        report = demo_load(people=args.people, seed=args.seed)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"demo data: {report.people:,} people, {report.mentors:,} mentors, "
            f"{report.asks:,} asks ({time.perf_counter() - started:.0f} s to load)"
        )
        measure(args.runs, args.explain, args.profile)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
