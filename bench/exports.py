"""The meetings export streamed at 10,000 and at 100,000 rows (issue 12): the time it takes and
the Python memory it needs, which must stay flat as the rows grow.

    .venv/bin/python bench/exports.py [--sizes 10000 100000] [--per-pair 100] [--runs 3]

A fresh, migrated throwaway database (Django's test-database machinery, as the other
benches): a SQLite file in a temporary directory, or with DATABASE_URL a database of its own
on that server (`tandem_bench_exports`, dropped afterwards). Not timed: for each size, a
mentoring program whose pairs (--per-pair meetings each, a week apart, mostly held) make that
many meetings, written with bulk_create.

Timed: the download as a manager makes it: the view through Django's test Client (a staff
account signed in), the response's `streaming_content` read to the end and thrown away chunk
by chunk, as a server sends it. The time is the median of --runs; the peak is Python's
(tracemalloc) during one more run. For comparison, the peak when the same response is joined
into one bytes object, which is what an export built in memory would hold at least.
Prints figures; asserts only that every row came through.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from django_setup import django_ready

BENCH_DATABASE = "tandem_bench_exports"
BATCH = 2000
FIRST_WEEK = datetime(2025, 1, 6, 9, tzinfo=UTC)  # a Monday; 100 weeks end in December 2026
RANGE = {"from": "2025-01-01", "to": "2026-12-31"}
STATES = ("held", "held", "held", "no_show", "cancelled")


def world(meetings: int, per_pair: int, organization: Any, label: str) -> Any:
    """A program of `meetings // per_pair` active pairs with `per_pair` meetings each."""
    from django.contrib.auth.hashers import make_password

    from tandem.accounts.models import User
    from tandem.meetings.models import Meeting
    from tandem.mentorships.models import Mentorship
    from tandem.profiles.models import Profile
    from tandem.programs.models import Match, Participant, Program, Round
    from tandem.programs.services.programs import program_create

    pairs = meetings // per_pair
    program = program_create(
        organization=organization, actor=None, name=f"Exports {label}", slug=f"exports-{label}",
        kind=Program.Kind.MENTORING,
    )  # fmt: skip
    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                email=f"{label}-{i}@bench.example",
                first_name=f"Person{i}",
                last_name=label.title(),
                password=password,
            )
            for i in range(2 * pairs)
        ],
        batch_size=BATCH,
    )
    profiles = Profile.objects.bulk_create(
        [
            Profile(user=u, organization=organization, is_mentee=i % 2 == 0, is_mentor=i % 2 == 1)
            for i, u in enumerate(users)
        ],
        batch_size=BATCH,
    )
    places = Participant.objects.bulk_create(
        [
            Participant(
                program=program,
                profile=p,
                role="mentee" if i % 2 == 0 else "mentor",
                department=f"Department {i % 7}",
            )
            for i, p in enumerate(profiles)
        ],
        batch_size=BATCH,
    )
    round_ = Round.objects.create(
        program=program, number=1, state=Round.State.PUBLISHED, published_at=FIRST_WEEK
    )
    mentorships = Mentorship.objects.bulk_create(
        [
            Mentorship(mentee=profiles[2 * k], mentor=profiles[2 * k + 1], state="active")
            for k in range(pairs)
        ],
        batch_size=BATCH,
    )
    Match.objects.bulk_create(
        [
            Match(
                program=program,
                round=round_,
                first=places[2 * k],
                second=places[2 * k + 1],
                score=70.0,
                state=Match.State.CONFIRMED,
                mentorship=m,
            )
            for k, m in enumerate(mentorships)
        ],
        batch_size=BATCH,
    )
    rows = (
        Meeting(
            mentorship=m,
            state=STATES[(k + w) % len(STATES)],
            minutes=45,
            starts_at=FIRST_WEEK + timedelta(weeks=w, hours=k % 8),
            proposed_by_id=m.mentee.user_id,
        )
        for k, m in enumerate(mentorships)
        for w in range(per_pair)
    )
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            Meeting.objects.bulk_create(batch)
            batch = []
    Meeting.objects.bulk_create(batch)
    return program


def download(client: Any, url: str, keep: bool) -> int:
    """Read the response to the end; the rows that came (the header is not one)."""
    response = client.get(url, RANGE)
    assert response.status_code == 200, response.status_code
    chunks: Iterable[bytes] = response.streaming_content
    if keep:
        whole = b"".join(chunks)
        return whole.count(b"\n") - 1
    lines = 0
    for chunk in chunks:
        lines += chunk.count(b"\n")
    return lines - 1


def traced(step: Callable[[], int]) -> tuple[int, float]:
    """The rows `step` returns and the peak Python memory it allocated (MB)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        rows = step()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return rows, peak / 1_048_576


def measure(client: Any, program: Any, size: int, runs: int) -> dict[str, float]:
    from django.urls import reverse

    url = reverse("reports:export", kwargs={"slug": program.slug, "what": "meetings"})
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        rows = download(client, url, keep=False)
        seconds.append(time.perf_counter() - started)
        assert rows == size, (rows, size)
    _rows, streamed = traced(lambda: download(client, url, keep=False))
    _rows, joined = traced(lambda: download(client, url, keep=True))
    return {
        "median": statistics.median(seconds),
        "min": min(seconds),
        "max": max(seconds),
        "peak": streamed,
        "joined": joined,
        "rate": size / statistics.median(seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-pair", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    workdir = django_ready()
    from django.db import connection
    from django.test import Client

    from tandem.accounts.models import User
    from tandem.organizations.models import Organization

    sqlite = connection.vendor == "sqlite"
    connection.settings_dict["TEST"]["NAME"] = (
        str(workdir / "exports.sqlite3") if sqlite else BENCH_DATABASE
    )
    print(
        f"exports bench: the meetings CSV at {', '.join(f'{s:,}' for s in args.sizes)} rows, "
        f"{args.per_pair} meetings a pair, {args.runs} timed run(s) each"
    )
    print(f"database: {connection.vendor}")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        organization = Organization.objects.create(name="Bench Exports", slug="bench-exports")
        staff = User.objects.create_user(email="staff@bench.example", is_staff=True)
        client = Client()
        client.force_login(staff)
        results = {}
        for size in args.sizes:
            started = time.perf_counter()
            program = world(size, args.per_pair, organization, f"s{size}")
            print(f"  built {size:,} meetings in {time.perf_counter() - started:.1f} s")
            results[size] = measure(client, program, size, args.runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(
        f"{'rows':>9} {'median s':>9} {'min s':>7} {'max s':>7} {'rows/s':>9} "
        f"{'peak MB':>8} {'joined MB':>10}"
    )
    for size, r in results.items():
        print(
            f"{size:>9,} {r['median']:>9.2f} {r['min']:>7.2f} {r['max']:>7.2f} "
            f"{r['rate']:>9,.0f} {r['peak']:>8.2f} {r['joined']:>10.2f}"
        )
    print()
    print("peak MB: Python memory while the response streams (tracemalloc);")
    print("joined MB: the same response joined into one bytes object, for comparison.")


if __name__ == "__main__":
    main()
