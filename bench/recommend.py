"""Recommendations for one mentee (TARGETS.md M4): the engine alone, and the whole page.

    .venv/bin/python bench/recommend.py [--mentors 20000] [--asks 200]
    DATABASE_URL=postgres://…/tandem_x .venv/bin/python bench/recommend.py --existing

1. Engine: `recommend()` for many mentees against N synthetic mentors, reasons included.
2. Page: demo data scaled until N mentors are in the database (a fresh SQLite file, or a
   `test_…` database on DATABASE_URL; with --existing, the DATABASE_URL database as it is,
   demo already loaded; the run accepts some of its waiting asks). The mentor index is built
   once (timed on its own), then GET /mentors/recommended/ as different mentees through
   Django's test client, timed three ways: warm (nothing changed since the last request);
   right after a mentor accepts a waiting ask (their row is patched into the index in that
   request); and cold (the index thrown away first, so the request builds it in full, as
   every request after any change did before the index was maintained). Compared side by
   side with each other and with a bare Django view served the same way.
Prints medians and 95th percentiles; asserts nothing.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MENTOR_SHARE = 0.3  # of demo people (counting those who are both)


def _summary(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return f"{name:<34} {statistics.median(ms):>9.1f} {p95:>9.1f} {len(ms):>6}"


def engine(mentors: int, asks: int) -> list[str]:
    import numpy as np

    from tandem.matching.engine.people import skill_table
    from tandem.matching.engine.reasons import Labels
    from tandem.matching.engine.recommend import recommend
    from tandem.matching.engine.synthetic import N_SKILLS, synthetic_people

    mentees, people = synthetic_people(asks, mentors, seed=2026)
    table = skill_table(people, N_SKILLS)
    labels = Labels(
        skills=[f"skill {i}" for i in range(N_SKILLS)],
        industries=[str(i) for i in range(20)],
        functions=[str(i) for i in range(16)],
        languages=["English", "Spanish", "German"],
        mentoring_types=[str(i) for i in range(7)],
    )
    timings = []
    for a in range(asks):
        started = time.perf_counter()
        recommend(
            a,
            mentees,
            people,
            table=table,
            labels=labels,
            k=5,
            load=np.zeros(mentors, dtype=np.float32),
        )
        timings.append(time.perf_counter() - started)
    return [_summary(f"engine, {mentors:,} mentors", timings)]


def page(mentors: int, asks: int, *, existing: bool, cold: int) -> list[str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    workdir = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'unused.sqlite3'}"
    import django

    django.setup()
    from django.db import connection

    from tandem.demo.services import demo_load

    lines = []
    if existing:
        try:
            return _page_runs(asks, cold)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(workdir / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        people = int(mentors / MENTOR_SHARE) + 1
        started = time.perf_counter()
        report = demo_load(people=people, seed=2026)
        lines.append(f"demo data: {report.people:,} people, {report.mentors:,} mentors "
                     f"({time.perf_counter() - started:.0f} s to load)")  # fmt: skip
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # what autovacuum would have done on a real site
        lines += _page_runs(asks, cold)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)
    return lines


def _page_runs(asks: int, cold: int) -> list[str]:
    """The page warm, right after an accept, and cold, side by side."""
    from django.db import connection
    from django.db.models import F
    from django.test import Client
    from django.utils import timezone

    from tandem.accounts.models import User
    from tandem.core.errors import DomainError
    from tandem.matching.index import mentor_index_clear, mentor_index_warm
    from tandem.mentorships.models import Ask
    from tandem.mentorships.services.asks import ask_accept

    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # the accepts' emails
    url = "/mentors/recommended/"
    mentor_index_clear()
    started = time.perf_counter()
    mentor_index_warm()
    lines = [f"{connection.vendor}: mentor index built in {time.perf_counter() - started:.2f} s "
             "(at worker start and in the background; never in a request once warm)"]  # fmt: skip
    mentees = list(User.objects.filter(profile__is_mentee=True).order_by("id")[:asks])
    client, bare = Client(), _bare_client()

    def get(user: User) -> float:
        client.force_login(user)
        started = time.perf_counter()
        response = client.get(url, HTTP_HX_REQUEST="true")
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        return elapsed

    get(mentees[0])  # templates compiled, connections open
    warm, bare_times = [], []
    for user in mentees:
        warm.append(get(user))
        started = time.perf_counter()
        bare.get("/bare/")
        bare_times.append(time.perf_counter() - started)
    waiting = Ask.objects.filter(
        state=Ask.State.PENDING, mentor__places_taken__lt=F("mentor__capacity")
    ).select_related("mentor__user")
    accepted = []
    for user, ask in zip(mentees, waiting.order_by("id")[: len(mentees)], strict=False):
        try:
            ask_accept(ask=ask, actor=ask.mentor.user, now=timezone.now())
        except DomainError:
            continue  # full or paused by an earlier accept: the next one
        accepted.append(get(user))
    full = []
    for user in mentees[:cold]:
        mentor_index_clear()
        full.append(get(user))
    mentor_index_warm()
    base = statistics.median(warm)
    lines += [
        _summary("page, warm", warm),
        _summary("page, right after an accept", accepted),
        _summary("page, cold (index built in request)", full),
        _summary("bare Django view, same client", bare_times),
        f"after an accept / warm (median): {statistics.median(accepted) / base:.2f}×   "
        f"cold / warm: {statistics.median(full) / base:.1f}×   "
        f"warm / bare view: {base / statistics.median(bare_times):.1f}×",
    ]
    return lines


def _bare_client():
    """A test client whose URLconf has one view returning a constant: the floor of a request."""
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import path

    module = type(sys)("bench_bare_urls")
    module.urlpatterns = [path("bare/", lambda request: HttpResponse("ok"))]  # type: ignore[attr-defined]
    sys.modules["bench_bare_urls"] = module

    class BareClient(Client):
        def get(self, url, *args, **kwargs):  # type: ignore[override]
            from django.test.utils import override_settings

            with override_settings(ROOT_URLCONF="bench_bare_urls"):
                return super().get(url, *args, **kwargs)

    return BareClient()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentors", type=int, default=20_000)
    parser.add_argument("--asks", type=int, default=200, help="mentees timed")
    parser.add_argument("--skip-page", action="store_true")
    parser.add_argument(
        "--existing", action="store_true", help="use DATABASE_URL's database as it is (demo loaded)"
    )
    parser.add_argument("--cold", type=int, default=3, help="cold requests timed (slow)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from config.web import web_process_ready

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    web_process_ready()  # as a web process runs the engine: one BLAS thread (before numpy)
    print(f"{'what':<34} {'median ms':>9} {'p95 ms':>9} {'n':>6}")
    for line in engine(args.mentors, args.asks):
        print(line, flush=True)
    if not args.skip_page:
        for line in page(args.mentors, min(args.asks, 100), existing=args.existing, cold=args.cold):
            print(line, flush=True)


if __name__ == "__main__":
    main()
