"""The pulses step of `tandem sweep` over 100,000 program pairs: a first run that asks a
backlog, then a run with nothing due (the sweep's usual case, every few minutes).

    .venv/bin/python bench/pulses.py [--mentorships 100000] [--seed 2026]

A fresh, migrated database (Django's test-database machinery, as bench/sweep.py): a throwaway
SQLite file, or a `test_<name>` database on the server DATABASE_URL names. It writes
bench/sweep.py's population in bulk (not timed), then makes each mentorship a confirmed match
of one of ten 1:1 programs (pulse after 14 to 90 days, one program with the pulse off), its
two people that program's participants. Then it times `pulses_send` twice with the same clock:
the second run must ask no one. Jobs go to the database task backend, as in production.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from django_setup import django_ready
from sweep import counting_queries, explicit_timestamps, population

PULSE_DAYS = (30, 30, 45, 60, None, 30, 14, 90, 30, 21)  # one program each


def programs_around(now: Any) -> None:
    """Each mentorship a confirmed match of one of the programs, written in bulk."""
    from tandem.mentorships.models import Mentorship
    from tandem.organizations.models import Organization
    from tandem.programs.models import Match, Participant, Program, Round

    organization = Organization.objects.create(name="Bench organization")
    programs = [
        Program.objects.create(
            organization=organization, slug=f"bench-{i}", name=f"Bench program {i}",
            pulse_after_days=days,
        )
        for i, days in enumerate(PULSE_DAYS)
    ]  # fmt: skip
    rounds = [
        Round.objects.create(program=p, number=1, state="published", published_at=now)
        for p in programs
    ]
    pairs = list(Mentorship.objects.order_by("id").values_list("id", "mentee_id", "mentor_id"))
    places: dict[tuple[int, int], Participant] = {}
    for i, (_id, mentee, mentor) in enumerate(pairs):
        k = i % len(programs)
        for profile, role in ((mentee, "mentee"), (mentor, "mentor")):
            places.setdefault(
                (k, profile), Participant(program=programs[k], profile_id=profile, role=role)
            )
    Participant.objects.bulk_create(places.values(), batch_size=2000)
    matches = []
    for i, (mentorship, mentee, mentor) in enumerate(pairs):
        k = i % len(programs)
        first, second = places[(k, mentee)], places[(k, mentor)]
        matches.append(
            Match(program=programs[k], round=rounds[k], first=first, second=second, score=70,
                  state="confirmed", mentorship_id=mentorship)
        )  # fmt: skip
    Match.objects.bulk_create(matches, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentorships", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    workdir = django_ready()
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone

    from tandem.reports.services.pulses import pulses_send

    sqlite = connection.vendor == "sqlite"
    if sqlite:  # a file, like the real thing, not the in-memory default for tests
        connection.settings_dict["TEST"]["NAME"] = str(workdir / "pulses.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        now = timezone.now().replace(second=0, microsecond=0)
        started = time.perf_counter()
        with explicit_timestamps():
            population(args.mentorships, args.seed, now, due_asks=0)
        programs_around(now)
        if not sqlite:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"pulses: {args.mentorships:,} program pairs on {connection.vendor}, written in "
            f"{time.perf_counter() - started:.0f} s (not timed)"
        )
        database_tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        with override_settings(TASKS=database_tasks):
            for label in ("first", "second"):
                wrapper, queries = counting_queries()
                started = time.perf_counter()
                with connection.execute_wrapper(wrapper):
                    report = pulses_send(now=now)
                took = time.perf_counter() - started
                print(
                    f"{label} run: {took:6.2f} s, {queries[0]:,} queries, {report.intro:,} "
                    f"asked after the intro, {report.term_end:,} at term end"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
