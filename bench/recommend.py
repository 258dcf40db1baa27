"""Recommendations for one mentee (TARGETS.md M4): the engine alone, and the whole page.

    .venv/bin/python bench/recommend.py [--mentors 20000] [--asks 200]

1. Engine: `recommend()` for many mentees against N synthetic mentors, reasons included.
2. Page: demo data scaled until N mentors are in the database (a fresh SQLite file, or a
   `test_…` database on DATABASE_URL), then GET /mentors/recommended/ as different mentees
   through Django's test client: the first request builds the mentor index (reported on its
   own), the rest are timed. Compared side by side with a bare Django view served the same way.
Prints medians and 95th percentiles; asserts nothing.
"""

from __future__ import annotations

import argparse
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


def page(mentors: int, asks: int) -> list[str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    workdir = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'unused.sqlite3'}"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from tandem.accounts.models import User
    from tandem.demo.services import demo_load
    from tandem.matching.encode import mentor_index

    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(workdir / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    lines = []
    try:
        people = int(mentors / MENTOR_SHARE) + 1
        started = time.perf_counter()
        report = demo_load(people=people, seed=2026)
        lines.append(f"demo data: {report.people:,} people, {report.mentors:,} mentors "
                     f"({time.perf_counter() - started:.0f} s to load)")  # fmt: skip
        started = time.perf_counter()
        mentor_index()
        lines.append(
            f"mentor index built in {time.perf_counter() - started:.2f} s (once per change)"
        )
        mentees = list(User.objects.filter(profile__is_mentee=True).order_by("id")[:asks])
        client = Client()
        page_times, bare_times = [], []
        bare = _bare_client()
        for user in mentees:
            client.force_login(user)
            started = time.perf_counter()
            response = client.get("/mentors/recommended/", HTTP_HX_REQUEST="true")
            page_times.append(time.perf_counter() - started)
            assert response.status_code == 200
            started = time.perf_counter()
            bare.get("/bare/")
            bare_times.append(time.perf_counter() - started)
        lines.append(_summary("page /mentors/recommended/ (htmx)", page_times))
        lines.append(_summary("bare Django view, same client", bare_times))
        ratio = statistics.median(page_times) / statistics.median(bare_times)
        lines.append(f"page / bare view (median): {ratio:.1f}×")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)
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
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print(f"{'what':<34} {'median ms':>9} {'p95 ms':>9} {'n':>6}")
    for line in engine(args.mentors, args.asks):
        print(line, flush=True)
    if not args.skip_page:
        for line in page(args.mentors, min(args.asks, 100)):
            print(line, flush=True)


if __name__ == "__main__":
    main()
