"""The participant import at 10,000 rows (issue 11): preview and commit ≤ 30 s each.

    .venv/bin/python bench/program_import.py [--rows 10000] [--existing 0.1] [--runs 1]
                                             [--seed 2026]

Each run gets a fresh, migrated database (Django's test-database machinery, as the other
benches): a throwaway SQLite file, or, when DATABASE_URL is set, a database of its own on that
server (`tandem_bench_import`, dropped afterwards; never the one DATABASE_URL names). Not
timed: a program with three intake questions, and --existing of the people already on Tandem,
with profiles at Acme (so the import links and updates accounts as well as creating them; it
would only place people from elsewhere). Faker writes the CSV: real skill names and synonyms
from the taxonomy, language codes and names, IANA timezones, managers who are other people in
the file, answers to the questions.

Timed, in order, as the pages and the command run them:

1. preview: `plan_build` on the file (what the preview page and `--dry-run` do);
2. commit: `import_commit` (plans again inside the transaction and writes it all), with the
   database task backend, as in production, so the invitations are one queued job;
3. the job: `invitations_send` for the new people, over one connection to the locmem mail
   backend (the rendering and the tokens, not a mail server);
4. the same file again: commit, which must find everything unchanged;
5. an edited file (every tenth row with a new title and level; EDIT_EVERY=1 in the
   environment edits every row, the most an import can update): commit.

Prints figures and query counts; asserts nothing but the counts the import reports.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import statistics
import time
from collections.abc import Callable
from typing import Any

from django_setup import django_ready

BENCH_DATABASE = "tandem_bench_import"
EDIT_EVERY = int(os.environ.get("EDIT_EVERY", "10"))
TIMEZONES = (
    "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Lisbon", "America/New_York",
    "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo", "Asia/Singapore",
    "Asia/Kolkata", "Asia/Tokyo", "Africa/Lagos", "Australia/Sydney",
)  # fmt: skip
DEPARTMENTS = ("Engineering", "Product", "Sales", "Finance", "People", "Operations", "Legal")
HEADERS = (
    "email", "first_name", "last_name", "role", "title", "department", "level", "manager_email",
    "timezone", "languages", "skills_offered", "skills_wanted", "capacity",
    "Which office are you in?", "Topics you care about", "How keen are you?", "Employee ID",
)  # fmt: skip
OFFICES = ["London", "Lisbon", "Lagos", "Singapore", "Remote"]
TOPICS = ["Growth", "Craft", "Leadership", "Balance", "Moving roles"]


def counting_queries() -> tuple[Callable[..., Any], list[int]]:
    count = [0]

    def wrapper(execute: Callable[..., Any], *args: Any) -> Any:
        count[0] += 1
        return execute(*args)

    return wrapper, count


def world(rows: int, existing: float, seed: int) -> tuple[Any, list[list[str]]]:
    """The program, the people already on Tandem, and the file's rows (not timed)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from faker import Faker

    from tandem.accounts.models import User
    from tandem.organizations.models import Organization
    from tandem.profiles.models import Language, Profile
    from tandem.programs.models import Question
    from tandem.programs.services.programs import program_create
    from tandem.skills.models import Skill, SkillAlias

    fake, rng = Faker(), random.Random(seed)
    Faker.seed(seed)
    acme = Organization.objects.create(name="Acme", slug="acme")
    program = program_create(organization=acme, actor=None, name="Acme mentoring 2027")
    for position, (text, kind, choices) in enumerate(
        (
            ("Which office are you in?", "single", OFFICES),
            ("Topics you care about", "multiple", TOPICS),
            ("How keen are you?", "scale", []),
        )
    ):
        Question.objects.create(
            program=program, position=position, text=text, kind=kind, choices=choices
        )
    skill_words = list(Skill.objects.values_list("name", flat=True)) + list(
        SkillAlias.objects.values_list("alias", flat=True)
    )
    languages = [
        word for code, name in Language.objects.values_list("code", "name") for word in (code, name)
    ]
    emails = [
        f"{fake.first_name().lower()}.{fake.last_name().lower()}.{i}@acme.example".replace(" ", "")
        for i in range(rows)
    ]
    table = []
    for i, email in enumerate(emails):
        role = rng.choices(("mentee", "mentor", "both"), (6, 3, 1))[0]
        table.append(
            [
                email, fake.first_name(), fake.last_name(), role, fake.job()[:120],
                rng.choice(DEPARTMENTS), str(rng.randint(1, 10)),
                emails[rng.randrange(rows)] if i else "", rng.choice(TIMEZONES),
                ";".join(rng.sample(languages, rng.randint(1, 3))),
                ";".join(rng.sample(skill_words, rng.randint(1, 4))) if role != "mentee" else "",
                ";".join(rng.sample(skill_words, rng.randint(1, 4))) if role != "mentor" else "",
                str(rng.randint(1, 3)) if role != "mentee" and rng.random() < 0.5 else "",
                rng.choice(OFFICES), ";".join(rng.sample(TOPICS, rng.randint(1, 3))),
                str(rng.randint(1, 5)), f"E{100000 + i}",
            ]
        )  # fmt: skip
        if table[-1][7] == email:
            table[-1][7] = ""
        # Synonyms repeat a skill now and then ("JS" and "JavaScript"); the import keeps one.
    already = rng.sample(range(rows), int(rows * existing))
    password, now = make_password("bench-only-password"), timezone.now()
    users = [
        User(email=emails[i].upper() if n % 2 else emails[i], first_name="Old", password=password)
        for n, i in enumerate(already)
    ]
    User.objects.bulk_create(users, batch_size=1000)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email.lower(), verified=True, primary=True) for u in users],
        batch_size=1000,
    )
    Profile.objects.bulk_create(
        [Profile(user=u, is_mentee=True, onboarded_at=now, organization=acme) for u in users],
        batch_size=1000,
    )
    return program, table


def as_csv(table: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(table)
    return out.getvalue().encode("utf-8")


def steps(
    program: Any, data: bytes, edited: bytes, edits: int, figures: dict[str, list[float]]
) -> tuple[Any, str]:
    """The timed steps of one run, in order; returns the first commit's result and the job's."""
    from django.core import mail
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from tandem.programs.imports.commit import import_commit
    from tandem.programs.imports.invitations import invitations_send
    from tandem.programs.imports.plan import plan_build

    def timed(label: str, step: Callable[[], Any]) -> Any:
        wrapper, queries = counting_queries()
        with connection.execute_wrapper(wrapper):
            started = time.perf_counter()
            result = step()
            took = time.perf_counter() - started
        figures.setdefault(label, []).append(took)
        shown = result.counts if label == "preview" else result
        print(f"  {label:<28} {took:7.2f} s  {queries[0]:>6,} queries   {shown}")
        return result

    def commit(file: bytes) -> Any:
        return import_commit(program=program, data=file, now=timezone.now())

    tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    locmem = "django.core.mail.backends.locmem.EmailBackend"
    with override_settings(TASKS=tasks, EMAIL_BACKEND=locmem):
        plan = timed("preview", lambda: plan_build(program=program, data=data))
        assert not plan.problems, plan.problems[:5]
        result = timed("commit", lambda: commit(data))
        job = DBTaskResult.objects.get(
            task_path="tandem.programs.imports.tasks.import_invitations_send"
        )
        program_id, user_ids = job.args_kwargs["args"]
        mail.outbox = []
        sent = timed(
            "invitations (the job)",
            lambda: f"{invitations_send(program_id=program_id, user_ids=user_ids)} emails",
        )
        again = timed("same file again (commit)", lambda: commit(data))
        changed = timed("edited file (commit)", lambda: commit(edited))
    assert again.created == again.updated == 0, again
    assert changed.updated == edits, changed
    return result, sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--existing", type=float, default=0.1, help="share already on Tandem")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    workdir = django_ready()
    from django.db import connection

    sqlite = connection.vendor == "sqlite"
    print(
        f"program import: {args.rows:,} rows, {args.existing:.0%} already on Tandem, "
        f"seed {args.seed}, {args.runs} run(s)"
    )
    print(f"database: {connection.vendor}, settings {os.environ['DJANGO_SETTINGS_MODULE']}")
    print()
    figures: dict[str, list[float]] = {}
    for run in range(1, args.runs + 1):
        connection.settings_dict["TEST"]["NAME"] = (
            str(workdir / f"run{run}.sqlite3") if sqlite else BENCH_DATABASE
        )
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        try:
            program, table = world(args.rows, args.existing, args.seed + run)
            data = as_csv(table)
            edited_rows = [list(row) for row in table]
            for row in edited_rows[::EDIT_EVERY]:
                row[4], row[6] = f"Senior {row[4]}"[:120], str(min(10, int(row[6]) + 1))
            edited = as_csv(edited_rows)
            print(f"run {run}: file of {len(data) / 1_048_576:.2f} MB")

            result, sent = steps(program, data, edited, len(table[::EDIT_EVERY]), figures)
            assert result.created + result.updated == args.rows, result
            print(f"  ({sent}; ignored columns: {', '.join(result.ignored)})")
            print()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'step':<28} {'median s':>9} {'min s':>7} {'max s':>7}")
    for name, values in figures.items():
        print(
            f"{name:<28} {statistics.median(values):>9.2f} {min(values):>7.2f} {max(values):>7.2f}"
        )


if __name__ == "__main__":
    main()
