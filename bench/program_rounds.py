"""Matching rounds at 10,000 participants: 1:1, coffee and peer rounds, step by step.

    .venv/bin/python bench/program_rounds.py [--people 10000] [--seed 2026]

Targets (issue 11): a 1:1 round of 10,000 participants from the click to the draft ≤ 60 s;
a peer or coffee round of 10,000 ≤ 60 s.

A fresh, migrated throwaway database (Django's test-database machinery): a new SQLite file
in a temporary directory, or with DATABASE_URL a `test_tandem_rounds_bench` database on that
server (never the development data). Not timed: `demo_load` makes 10,000 people; a mentoring
program gets 7,500 mentees and 2,500 mentors (capacity 1–5 in the program, twelve
departments, mentors from outside the mentee's department, the reporting line and a shared
language, as programs default to; each mentor's profile has 5 free places besides those their
demo mentorships hold), a coffee program everyone, a peer program everyone (capacity 1–2),
and a second 1:1 program with the first one's participants that publishes accepted intros.
Timed: `round_start` + `round_run` (what the job does after the click), each step as the job
reports it; publishing that round as intros to confirm (the notices' emails are one job,
enqueued to the database backend as in production, not sent); then coffee cycle 1, its
publish, and cycle 2, where the pairs of cycle 1 are barred; then a peer round and its
publish; then the second 1:1 program's round, published as accepted intros (`intro_arrange`
per pair: an accepted ask, a mentorship in intro, its notices). Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEPARTMENTS = tuple(f"Department {n}" for n in range(1, 13))
MENTEES, MENTORS = 7_500, 2_500
FREE_PLACES = 5  # on each mentor's profile, besides the places their demo mentorships hold


def _participants(
    program: Any, profiles: list[Any], role: str, rng: random.Random, *, most: int = 1
) -> None:
    """Mentors in 1–5 pairs, the others in 1–`most` (with `most` 1 nothing is drawn, so the
    earlier programs get the same departments as before)."""
    from tandem.programs.models import Participant

    def places() -> int:
        if role == "mentor":
            return rng.randint(1, 5)
        return rng.randint(1, most) if most > 1 else 1

    rows = [
        Participant(
            program=program,
            profile=profile,
            role=role,
            department=rng.choice(DEPARTMENTS),
            capacity=places(),
        )
        for profile in profiles
    ]
    Participant.objects.bulk_create(rows, batch_size=1000)


def _participants_copied(source: Any, target: Any) -> None:
    """The same people, sides, departments and capacities as in `source`, in the same order."""
    from tandem.programs.models import Participant

    rows = [
        Participant(
            program=target,
            profile_id=p.profile_id,
            role=p.role,
            department=p.department,
            capacity=p.capacity,
        )
        for p in Participant.objects.filter(program=source).order_by("id")
    ]
    Participant.objects.bulk_create(rows, batch_size=1000)


def _free_places(mentors: list[Any]) -> None:
    """FREE_PLACES on each mentor's profile, besides the places their live mentorships hold,
    so that intros arranged on a publish find the places the round offered."""
    from collections import Counter

    from tandem.mentorships.models import Mentorship
    from tandem.profiles.models import Profile

    held = Counter(
        Mentorship.objects.filter(
            mentor__in=mentors, state__in=Mentorship.HOLDING_A_PLACE
        ).values_list("mentor_id", flat=True)
    )
    for profile in mentors:
        profile.is_paused = False
        profile.places_taken = held[profile.pk]
        profile.capacity = FREE_PLACES + profile.places_taken
    Profile.objects.bulk_update(mentors, ["is_paused", "places_taken", "capacity"], batch_size=1000)


class Steps:
    """The job's progress calls, timed: seconds between one step and the next."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float]] = []

    def wrap(self, original: Callable[[int, tuple[int, str]], None]) -> Callable[..., None]:
        def spy(round_id: int, step: tuple[int, str]) -> None:
            self.marks.append((step[1], time.perf_counter()))
            original(round_id, step)

        return spy

    def table(self, started: float, ended: float) -> list[tuple[str, float]]:
        marks = [("Starting", started), *self.marks, ("", ended)]
        return [(name, marks[i + 1][1] - at) for i, (name, at) in enumerate(marks[:-1])]


def _timed_round(program: Any, mode: str, now: Any) -> tuple[Any, float, list[tuple[str, float]]]:
    from tandem.programs.rounds import run as run_module

    steps = Steps()
    original = run_module._progress
    run_module._progress = steps.wrap(original)
    try:
        started = time.perf_counter()
        round_ = run_module.round_start(
            program=program, actor=None, mode=mode, now=now, enqueue=False
        )
        round_ = run_module.round_run(round_.pk, now=now)
        ended = time.perf_counter()
    finally:
        run_module._progress = original
    return round_, ended - started, steps.table(started, ended)


def _report(title: str, round_: Any, seconds: float, steps: list[tuple[str, float]]) -> None:
    q = round_.quality
    print(f"\n{title}: {round_.get_state_display()} in {seconds:.2f} s {round_.error}")
    for name, spent in steps:
        print(f"  {name or 'done':<40} {spent:7.2f} s")
    keys = (
        "mentees", "people", "pairs", "matched_percent", "mean_score", "min_score", "p10_score",
        "blocking_pairs", "mentor_load_percent", "unused_mentor_places", "exact", "gap_percent",
        "seconds",
    )  # fmt: skip
    print("  " + ", ".join(f"{k} {q[k]:.4g}" if isinstance(q[k], float) else f"{k} {q[k]}"
                           for k in keys if k in q))  # fmt: skip
    for mode, row in round_.comparison.items():
        figures = ", ".join(f"{k} {v:.4g}" for k, v in row.items())
        print(f"  compared · {mode}: {figures}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--mode", default="optimal")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    workdir = Path(tempfile.mkdtemp(prefix="tandem-rounds-bench-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'unused.sqlite3'}"

    import django

    django.setup()
    from django.db import connection
    from django.test import override_settings
    from django.utils import timezone

    from tandem.demo.services import demo_load
    from tandem.profiles.models import Profile
    from tandem.programs.models import Program
    from tandem.programs.rounds.publish import round_publish
    from tandem.programs.services.programs import program_create

    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(workdir / "rounds.sqlite3")
    else:
        connection.settings_dict["TEST"]["NAME"] = "test_tandem_rounds_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    # Jobs (the emails a publish enqueues) go to the database backend, as in production.
    production_tasks = override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    )
    production_tasks.enable()
    try:
        rng = random.Random(args.seed)
        now = timezone.now()
        started = time.perf_counter()
        demo_load(people=args.people, seed=args.seed, now=now)
        profiles = list(Profile.objects.select_related("organization").order_by("id"))
        mentors = [p for p in profiles if p.is_mentor and not p.is_mentee]
        both = [p for p in profiles if p.is_mentor and p.is_mentee]
        mentors = (mentors + both)[: MENTORS * args.people // 10_000]
        chosen = {p.pk for p in mentors}
        mentees = [p for p in profiles if p.is_mentee and p.pk not in chosen]
        mentees = mentees[: MENTEES * args.people // 10_000]
        _free_places(mentors)
        organization = next(p.organization for p in profiles if p.organization is not None)
        mentoring = program_create(
            organization=organization, actor=None, name="Bench mentoring",
            rule_outside_department=True,
        )  # fmt: skip
        _participants(mentoring, mentees, "mentee", rng)
        _participants(mentoring, mentors, "mentor", rng)
        coffee = program_create(
            organization=organization, actor=None, name="Bench coffee", kind=Program.Kind.COFFEE
        )
        _participants(coffee, profiles[: args.people], "peer", rng)
        peer = program_create(
            organization=organization, actor=None, name="Bench peers", kind=Program.Kind.PEER
        )
        _participants(peer, profiles[: args.people], "peer", rng, most=2)
        accepted = program_create(
            organization=organization, actor=None, name="Bench mentoring, accepted intros",
            rule_outside_department=True, publish_as=Program.Publish.ACCEPTED,
        )  # fmt: skip
        _participants_copied(mentoring, accepted)
        setup = time.perf_counter() - started
        print(f"database: {connection.vendor}; setup (not timed) {setup:.1f} s")
        print(f"1:1 program: {len(mentees):,} mentees, {len(mentors):,} mentors (capacity 1–5)")
        print(f"coffee program: {min(len(profiles), args.people):,} participants")
        twos = peer.participants.filter(capacity=2).count()
        print(f"peer program: {min(len(profiles), args.people):,} participants ({twos:,} in up "
              "to 2 pairs, the others 1)")  # fmt: skip
        print("1:1 program publishing accepted intros: the same participants as the first")

        round_, seconds, steps = _timed_round(mentoring, args.mode, now)
        _report(f"1:1 round ({args.mode})", round_, seconds, steps)
        started = time.perf_counter()
        matches = round_publish(program=mentoring, round_=round_, actor=None, now=now)
        print(f"  publish (intros to confirm, notices): {len(matches):,} matches in "
              f"{time.perf_counter() - started:.2f} s")  # fmt: skip

        for cycle in (1, 2):
            round_, seconds, steps = _timed_round(coffee, "optimal", now)
            _report(f"coffee cycle {cycle}", round_, seconds, steps)
            if cycle == 1:
                started = time.perf_counter()
                matches = round_publish(program=coffee, round_=round_, actor=None, now=now)
                print(f"  publish: {len(matches):,} matches in "
                      f"{time.perf_counter() - started:.2f} s")  # fmt: skip

        round_, seconds, steps = _timed_round(peer, "optimal", now)
        _report("peer round", round_, seconds, steps)
        started = time.perf_counter()
        matches = round_publish(program=peer, round_=round_, actor=None, now=now)
        print(f"  publish: {len(matches):,} matches in {time.perf_counter() - started:.2f} s")

        round_, seconds, steps = _timed_round(accepted, args.mode, now)
        _report(f"1:1 round, accepted intros ({args.mode})", round_, seconds, steps)
        started = time.perf_counter()
        matches = round_publish(program=accepted, round_=round_, actor=None, now=now)
        spent = time.perf_counter() - started
        each = 1000 * spent / max(len(matches), 1)
        print(f"  publish (accepted intros: asks, mentorships, notices): {len(matches):,} "
              f"matches in {spent:.2f} s ({each:.1f} ms a pair)")  # fmt: skip
    finally:
        production_tasks.disable()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
