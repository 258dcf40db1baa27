"""The background sweep over 100,000 mentorships (TARGETS.md W3): ≤ 10 s, and idempotent.

    .venv/bin/python bench/sweep.py [--mentorships 100000] [--asks 30] [--runs 1] [--seed 2026]
                                    [--baseline]

Each run gets a fresh, migrated database (Django's test-database machinery, as bench/demo.py):
a throwaway SQLite file, or a `test_<name>` database on the server DATABASE_URL names. It
writes a population in bulk (not timed): people, mentorships in every state with their
agreements and audit rows, meetings with theirs, agenda items, notes, action items, goals,
feedback, mixed so that a few thousand nudges are due, and --asks asks past their day-7
follow-up or day-14 lapse (two thirds and one third; 10,000 is about what a week without a
worker leaves at this scale). Then it times each step of what `tandem sweep` does (the ask
sweep, `meetings_sweep`, the digests and the email retries, in that order), and runs it again
right after with the same clock: the second run must create nothing. Jobs go to the database
task backend, as in production, so the sweep only enqueues `send_pending_emails` jobs (one per
chunk of asks, one for the meeting nudges); the emails they send are timed on their own.
--baseline also times, first and on its own database with the same population, the ask sweep
as it was before issue 14 (one transaction per ask), and prints the ratio. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django_setup import django_ready

BATCH = 2000
CADENCES = (("2w", 15), ("1m", 50), ("6w", 15), ("2m", 12), ("3m", 8))
STATES = (
    ("active", 80),
    ("paused", 6),
    ("intro", 4),
    ("proposed", 2),
    ("completed", 4),
    ("closed", 3),
    ("alumni", 1),
)
# Shares of active mentorships in each situation (the rest are simply on track).
REMIND, SLIP, QUIET = 0.01, 0.015, 0.01
OVERDUE, OLD_OVERDUE, TERM_ENDING = 0.015, 0.005, 0.01
DIGEST_SHARE = 0.02
NUDGE_KINDS = (
    "meeting_reminder",
    "cadence_slipping",
    "action_item",
    "quiet_back_off",
    "term_review",
)


@contextmanager
def explicit_timestamps() -> Iterator[None]:
    """Let bulk writes set created_at/updated_at themselves (auto_now would stamp today)."""
    from django.apps import apps

    fields = [
        f
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]  # type: ignore[attr-defined]
    for f in fields:
        f.auto_now = f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add  # type: ignore[attr-defined]


def population(n: int, seed: int, now: datetime, *, due_asks: int) -> Counter[str]:
    """Write n mentorships (and everything around them) in bulk; rows written per table."""
    from django.contrib.auth.hashers import make_password

    from tandem.accounts.models import User
    from tandem.meetings.health.rules import CADENCE_DAYS
    from tandem.meetings.models import (
        ActionItem,
        AgendaItem,
        Meeting,
        MeetingFeedback,
        MeetingTransition,
        Note,
    )
    from tandem.mentorships.models import Agreement, Ask, Goal, GoalUpdate, Mentorship, Transition
    from tandem.notifications.models import Preference
    from tandem.profiles.models import Profile

    rng = random.Random(seed)
    today = now.date()
    written: Counter[str] = Counter()

    def write(model: Any, rows: Sequence[Any]) -> None:
        model.objects.bulk_create(rows, batch_size=BATCH)
        written[model.__name__] += len(rows)

    def at(day: date, hour: int = 10) -> datetime:
        return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)

    def stamped(row: Any, moment: datetime) -> Any:
        row.created_at = row.updated_at = moment
        return row

    # People: one mentee per mentorship, a mentor for every four.
    mentors_n = max(2, n // 4)
    password = make_password(None)
    users = [
        User(
            email=f"p{i}@bench.example",
            first_name=f"Person{i}",
            last_name="Bench",
            password=password,
            date_joined=now - timedelta(days=400),
        )
        for i in range(n + mentors_n)
    ]
    write(User, users)
    zones = ("Europe/London", "America/New_York", "Asia/Kolkata", "UTC", "Europe/Berlin")
    joined = now - timedelta(days=400)
    profiles = [
        stamped(
            Profile(
                user=u,
                is_mentee=i < n,
                is_mentor=i >= n,
                capacity=5,
                timezone=zones[i % 5],
                onboarded_at=joined,
            ),
            joined,
        )
        for i, u in enumerate(users)
    ]
    write(Profile, profiles)
    mentees, mentors = profiles[:n], profiles[n:]

    # Mentorships and what they agreed.
    states = rng.choices([s for s, _ in STATES], [w for _, w in STATES], k=n)
    cadences = rng.choices([c for c, _ in CADENCES], [w for _, w in CADENCES], k=n)
    plans: list[dict[str, Any]] = []
    for i in range(n):
        state, cadence = states[i], cadences[i]
        c = CADENCE_DAYS[cadence]
        plan: dict[str, Any] = {"state": state, "cadence": cadence, "c": c, "situation": "ok"}
        if state == "active":
            r = rng.random()
            plan["situation"] = (
                "remind"
                if r < REMIND
                else "slip"
                if r < REMIND + SLIP
                else "quiet"
                if r < REMIND + SLIP + QUIET
                else "ok"
            )
        age = rng.randint(15, 330)
        if plan["situation"] == "slip":
            gap = round(c * rng.uniform(1.6, 2.9))
            age = gap if rng.random() < 0.2 else gap + rng.randint(0, c)
            plan["gap"] = gap
        elif plan["situation"] == "quiet":
            age = max(age, 70)
        elif state == "active" and rng.random() < TERM_ENDING:
            age = 365 - rng.randint(1, 30)
        plan["start"] = today - timedelta(days=age)
        plans.append(plan)
    mentorships = [
        stamped(
            Mentorship(mentee=mentees[i], mentor=mentors[i % mentors_n], state=p["state"]),
            at(p["start"] - timedelta(days=10)),
        )
        for i, p in enumerate(plans)
    ]
    write(Mentorship, mentorships)
    agreements, transitions = [], []
    for m, p in zip(mentorships, plans, strict=True):
        start, mentee_u, mentor_u = p["start"], m.mentee.user, m.mentor.user
        transitions.append(
            Transition(
                mentorship=m,
                actor=mentor_u,
                from_state="",
                to_state="intro",
                at=at(start - timedelta(days=10)),
            )
        )
        if p["state"] == "intro":
            continue
        transitions.append(
            Transition(
                mentorship=m,
                actor=mentee_u,
                from_state="intro",
                to_state="proposed",
                at=at(start - timedelta(days=3)),
            )
        )
        accepted = p["state"] != "proposed"
        agreements.append(
            stamped(
                Agreement(
                    mentorship=m,
                    version=1,
                    proposed_by=mentee_u,
                    goals=["One", "Two"],
                    cadence=p["cadence"],
                    state="accepted" if accepted else "proposed",
                    starts_on=start if accepted else None,
                    ends_on=start + timedelta(days=365) if accepted else None,
                ),
                at(start - timedelta(days=3)),
            )
        )
        if accepted:
            transitions.append(
                Transition(
                    mentorship=m,
                    actor=mentor_u,
                    from_state="proposed",
                    to_state="active",
                    at=at(start),
                )
            )
        if p["state"] not in ("active", "proposed"):
            ended = min(today - timedelta(days=2), start + timedelta(days=rng.randint(20, 300)))
            transitions.append(
                Transition(
                    mentorship=m,
                    actor=mentee_u,
                    from_state="active",
                    to_state=p["state"],
                    at=at(ended),
                )
            )
    write(Agreement, agreements)
    write(Transition, transitions)

    # Meetings, each with the audit row of its latest move, and what people wrote around them.
    meetings: list[Any] = []
    moves: list[tuple[int, Any, str, str, datetime]] = []  # (meeting index, actor, from, to, at)
    agenda: list[tuple[int, Any, datetime]] = []  # (meeting index, author, at)
    notes: list[tuple[int, Any, datetime]] = []
    feedback: list[tuple[int, Any, int, datetime]] = []
    items: list[Any] = []
    goals: list[tuple[Any, Any, datetime]] = []  # (mentorship, owner, at)

    def meet(m: Any, state: str, starts: datetime) -> int:
        meetings.append(
            stamped(
                Meeting(
                    mentorship=m,
                    state=state,
                    starts_at=starts,
                    minutes=45,
                    proposed_by=m.mentee.user,
                ),
                starts - timedelta(days=7),
            )
        )
        return len(meetings) - 1

    for m, p in zip(mentorships, plans, strict=True):
        if p["state"] not in ("active", "paused", "completed", "closed", "alumni"):
            continue
        c, start, situation = p["c"], p["start"], p["situation"]
        mentee_u, mentor_u = m.mentee.user, m.mentor.user
        age = (today - start).days
        if situation == "slip":
            last_gap: int | None = None if age == p["gap"] else p["gap"]
        elif situation == "quiet":
            last_gap = rng.randint(22, 40)
        elif age < c and rng.random() < 0.5:
            last_gap = None  # new, first meeting not yet due
        else:
            last_gap = rng.randint(1, max(1, min(c, age)))
        if last_gap is not None and p["state"] in ("active", "paused"):
            last_day = today - timedelta(days=last_gap)
            for k in range(min(4, (age - last_gap) // c), 0, -1):  # the earlier rhythm
                day = last_day - timedelta(days=k * c)
                state = "no_show" if rng.random() < 0.03 else "held"
                moves.append(
                    (meet(m, state, at(day, 15)), mentor_u, "scheduled", state, at(day, 17))
                )
            last = meet(m, "held", at(last_day, 15))
            quiet_mentor = situation == "quiet" and rng.random() < 0.7
            quiet_u = mentor_u if quiet_mentor else mentee_u
            waiting_u = mentee_u if quiet_mentor else mentor_u
            marker = quiet_u if situation == "quiet" else mentor_u
            moves.append((last, marker, "scheduled", "held", at(last_day, 17)))
            agenda.append(
                (
                    last,
                    mentee_u if situation != "quiet" else quiet_u,
                    at(last_day - timedelta(days=1)),
                )
            )
            if rng.random() < 0.2:
                notes.append((last, mentor_u, at(last_day, 16)))
            if rng.random() < 0.3:
                feedback.append((last, mentee_u, rng.choice((3, 4, 4, 5, 5)), at(last_day, 18)))
            if situation == "quiet":  # the waiting side offered times; no answer yet
                offered = meet(m, "proposed", at(today + timedelta(days=7), 15))
                meetings[offered].starts_at = None
                moves.append(
                    (
                        offered,
                        waiting_u,
                        "",
                        "proposed",
                        at(today - timedelta(days=rng.randint(1, 10))),
                    )
                )
            elif situation == "remind":
                minutes = rng.randint(5, 55) if rng.random() < 0.15 else rng.randint(70, 1380)
                moves.append(
                    (
                        meet(m, "scheduled", now + timedelta(minutes=minutes)),
                        mentor_u,
                        "proposed",
                        "scheduled",
                        now - timedelta(days=2),
                    )
                )
            elif situation == "ok" and rng.random() < 0.6:
                ahead = now + timedelta(days=rng.randint(2, max(2, c)), hours=rng.randint(0, 8))
                moves.append(
                    (
                        meet(m, "scheduled", ahead),
                        mentor_u,
                        "proposed",
                        "scheduled",
                        now - timedelta(days=rng.randint(1, 5)),
                    )
                )
            if p["state"] == "active" and situation == "ok":
                r = rng.random()
                if r < OVERDUE:
                    due, status = today - timedelta(days=rng.randint(1, 29)), "open"
                elif r < OVERDUE + OLD_OVERDUE:
                    due, status = today - timedelta(days=rng.randint(31, 120)), "open"
                elif r < 0.6:
                    due = last_day + timedelta(days=rng.randint(-20, c))
                    status = "done" if due < today else "open"
                else:
                    due, status = None, ""
                if status:
                    items.append(
                        stamped(
                            ActionItem(
                                mentorship=m,
                                owner=mentee_u,
                                text="Try the advice",
                                due_on=due,
                                status=status,
                            ),
                            at(last_day, 16),
                        )
                    )
                if rng.random() < 0.1:
                    goals.append((m, mentee_u, at(last_day, 16)))
    write(Meeting, meetings)
    write(
        MeetingTransition,
        [
            MeetingTransition(meeting=meetings[i], actor=who, from_state=a, to_state=b, at=moment)
            for i, who, a, b, moment in moves
        ],
    )
    write(
        AgendaItem,
        [
            stamped(AgendaItem(meeting=meetings[i], author=who, text="A question"), moment)
            for i, who, moment in agenda
        ],
    )
    write(
        Note,
        [
            stamped(Note(meeting=meetings[i], author=who, text="Notes"), moment)
            for i, who, moment in notes
        ],
    )
    write(
        MeetingFeedback,
        [
            stamped(MeetingFeedback(meeting=meetings[i], author=who, rating=rating), moment)
            for i, who, rating, moment in feedback
        ],
    )
    write(ActionItem, items)
    goal_rows = [
        stamped(Goal(mentorship=m, owner=who, text="One"), moment) for m, who, moment in goals
    ]
    write(Goal, goal_rows)
    write(
        GoalUpdate,
        [
            stamped(GoalUpdate(goal=g, author=who, text="Tried it", status="progressing"), moment)
            for g, (_, who, moment) in zip(goal_rows, goals, strict=True)
        ],
    )

    # A few asks waiting past day 7 and day 14, and some people who prefer the digest.
    asks = []
    for i in range(min(n, due_asks)):
        sent = now - timedelta(days=8 if i < due_asks * 2 // 3 else 15)
        asks.append(
            stamped(
                Ask(
                    mentee=mentees[i],
                    mentor=mentors[(i + 1) % mentors_n],
                    focus_areas=["career_advice"],
                    note="Twenty minutes?",
                    sent_at=sent,
                ),
                sent,
            )
        )
    write(Ask, asks)
    write(
        Preference,
        [
            Preference(user=mentees[i].user, kind=kind, delivery="digest")
            for i in rng.sample(range(n), int(n * DIGEST_SHARE))
            for kind in NUDGE_KINDS
        ],
    )
    return written


def counting_queries() -> tuple[Callable[..., Any], list[int]]:
    count = [0]

    def wrapper(execute: Callable[..., Any], *args: Any) -> Any:
        count[0] += 1
        return execute(*args)

    return wrapper, count


def asks_sweep_one_by_one(now: datetime) -> tuple[int, int]:
    """The ask sweep as it was before issue 14, kept here only to compare: each due ask in its
    own transaction, through the code the ask's own jobs run (which still works that way)."""
    from tandem.mentorships.models import Ask
    from tandem.mentorships.nudges import ask_expire_if_due, ask_follow_up_if_due
    from tandem.mentorships.rules import EXPIRE_AFTER, FOLLOW_UP_AFTER

    def due(**filters: object) -> list[int]:
        return list(
            Ask.objects.filter(state=Ask.State.PENDING, **filters)
            .order_by("sent_at", "id")
            .values_list("id", flat=True)
        )

    followed = sum(
        ask_follow_up_if_due(ask_id=pk, now=now)
        for pk in due(
            followed_up_at__isnull=True,
            sent_at__lte=now - FOLLOW_UP_AFTER,
            sent_at__gt=now - EXPIRE_AFTER,
        )
    )
    expired = sum(
        ask_expire_if_due(ask_id=pk, now=now) for pk in due(sent_at__lte=now - EXPIRE_AFTER)
    )
    return followed, expired


@contextmanager
def fresh_database(workdir: Any, name: str) -> Iterator[None]:
    """A migrated, empty database for one run (a file for SQLite, like the real thing)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(workdir / f"{name}.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def populated(args: argparse.Namespace, now: datetime, *, show: bool) -> None:
    from django.db import connection

    started = time.perf_counter()
    with explicit_timestamps():
        written = population(args.mentorships, args.seed, now, due_asks=args.asks)
    if connection.vendor != "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if show:
        print(f"population written in {time.perf_counter() - started:.0f} s (not timed below):")
        print("  " + ", ".join(f"{k} {v:,}" for k, v in written.items()))
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentorships", type=int, default=100_000)
    parser.add_argument("--asks", type=int, default=30, help="asks due for follow-up or lapse")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also time the ask sweep one transaction per ask (as before issue 14), on a "
        "second database with the same population, and print the ratio",
    )
    args = parser.parse_args()

    workdir = django_ready()
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from tandem.meetings.nudges.sweep import meetings_sweep
    from tandem.mentorships.nudges import asks_sweep
    from tandem.notifications.models import Notification
    from tandem.notifications.services import (
        PENDING_EMAIL_WINDOW,
        digests_send,
        emails_retry,
        pending_emails_send,
    )

    print(
        f"sweep: {args.mentorships:,} mentorships, {args.asks:,} asks due, seed {args.seed}, "
        f"{args.runs} run(s)"
    )
    print(f"database: {connection.vendor}, settings {os.environ['DJANGO_SETTINGS_MODULE']}")
    print()
    figures: dict[str, list[float]] = {}
    database_tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for run in range(1, args.runs + 1):
        now = timezone.now().replace(second=0, microsecond=0)
        if args.baseline:
            with (
                fresh_database(workdir, f"run{run}-baseline"),
                override_settings(TASKS=database_tasks),
            ):
                populated(args, now, show=run == 1)
                started, cpu = time.perf_counter(), time.process_time()
                followed, expired = asks_sweep_one_by_one(now)
                took = time.perf_counter() - started
                figures.setdefault("ask sweep, one ask at a time", []).append(took)
                print(
                    f"run {run}, baseline: the ask sweep one transaction per ask: {took:6.2f} s "
                    f"(this process's CPU {time.process_time() - cpu:.2f} s), {followed:,} "
                    f"follow-up(s), {expired:,} expired ask(s)"
                )
        with fresh_database(workdir, f"run{run}"):
            populated(args, now, show=run == 1 and not args.baseline)
            with override_settings(TASKS=database_tasks):
                for label in ("first", "second"):
                    wrapper, queries = counting_queries()
                    before = Notification.objects.count()
                    with connection.execute_wrapper(wrapper):
                        # The steps of `tandem sweep`, in its order, each timed.
                        started, cpu = time.perf_counter(), time.process_time()
                        asks = asks_sweep(now=now)
                        after_asks, asks_cpu = time.perf_counter(), time.process_time() - cpu
                        meetings = meetings_sweep(now=now)
                        after_meetings = time.perf_counter()
                        digests, retried = digests_send(now=now), emails_retry(now=now)
                        done = time.perf_counter()
                    created = Notification.objects.count() - before
                    for step, took in (
                        ("ask sweep", after_asks - started),
                        ("meetings_sweep", after_meetings - after_asks),
                        ("digests + email retries", done - after_meetings),
                        ("total", done - started),
                    ):
                        figures.setdefault(f"{label} run: {step}", []).append(took)
                    print(
                        f"run {run}, {label}: {done - started:6.2f} s, {queries[0]:,} queries, "
                        f"{created:,} notifications created"
                    )
                    print(
                        f"  asks:     {asks} in {after_asks - started:.2f} s "
                        f"(this process's CPU {asks_cpu:.2f} s)"
                    )
                    print(f"  meetings: {meetings}")
                    print(f"  then {digests} digest(s), {retried} email(s) retried")
                jobs = DBTaskResult.objects.filter(
                    task_path="tandem.notifications.tasks.send_pending_emails"
                ).count()
                started = time.perf_counter()
                emailed = pending_emails_send(created_from=now - PENDING_EMAIL_WINDOW, now=now)
                took = time.perf_counter() - started
                figures.setdefault("emails (the worker's job)", []).append(took)
                print(
                    f"  {jobs} send_pending_emails job(s) enqueued; the job: {emailed:,} "
                    f"emails in {took:.2f} s"
                )
                print()

    shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'step':<36} {'median s':>9} {'min s':>7} {'max s':>7}")
    for name, values in figures.items():
        print(
            f"{name:<36} {statistics.median(values):>9.2f} {min(values):>7.2f} {max(values):>7.2f}"
        )
    if args.baseline:
        one_by_one, chunked = (
            statistics.median(figures[name])
            for name in ("ask sweep, one ask at a time", "first run: ask sweep")
        )
        print(
            f"\nthe ask sweep, {args.asks:,} asks due: {one_by_one:.2f} s one at a time, "
            f"{chunked:.2f} s in chunks: {one_by_one / chunked:.0f}× faster"
        )


if __name__ == "__main__":
    main()
