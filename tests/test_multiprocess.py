"""Tandem on more than one process (README, "Running in production"): with REDIS_URL set,
separate processes share one count for each rate limit and one Django cache (allauth's login
throttles, kept uploads); and two `db_worker`s on one PostgreSQL job queue run each job once.

These start real processes against the local Redis and PostgreSQL the CI machine runs; they
fail, saying what is missing, when either does not answer.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.jobs_for_workers import SECONDS_PER_JOB
from tests.processes import (
    ROOT,
    env_for,
    finished,
    postgres_server,
    python_run,
    python_start,
    redis_url_checked,
    unique,
)


@pytest.fixture
def shared_env() -> dict[str, str]:
    """A Tandem process's environment with REDIS_URL set, as in production."""
    return env_for(REDIS_URL=redis_url_checked())


class TestRedisIsShared:
    def test_two_processes_consume_one_rate_limit_allowance(self, shared_env):
        # 5 a minute between them: 4 tries each, at the same time, let 5 through in all.
        key = unique("two-processes")
        code = (
            "from tandem.core.ratelimit import consume\n"
            f"print(sum(consume(key={key!r}, rate='5/m') for _ in range(4)))"
        )
        processes = [python_start(code, shared_env) for _ in range(2)]
        passed = [int(finished(process)) for process in processes]
        assert sum(passed) == 5, f"each process let through {passed}"

    def test_what_one_process_caches_another_reads(self, shared_env):
        key = unique("cached")
        kept = python_run(
            "from django.core.cache import cache\n"
            "from tandem.programs.imports.uploads import upload_keep\n"
            f"cache.set({key!r}, 'from the first process', 60)\n"
            "print(upload_keep(user_id=7, program_id=3, data=b'email\\nx@acme.example\\n'))",
            shared_env,
        )
        read = python_run(
            "from django.core.cache import cache\n"
            "from tandem.programs.imports.uploads import upload_forget, upload_read\n"
            f"print(cache.get({key!r}))\n"
            f"print(upload_read(user_id=7, program_id=3, token={kept!r}))\n"
            f"upload_forget(user_id=7, program_id=3, token={kept!r})\n"
            f"cache.delete({key!r})",
            shared_env,
        )
        assert read.splitlines() == ["from the first process", repr(b"email\nx@acme.example\n")]


JOBS = 40


@pytest.fixture
def job_queue_env() -> Iterator[dict[str, str]]:
    """A PostgreSQL database of the test's own with the job table migrated, created on the
    server DATABASE_URL names (or the local one) and dropped afterwards; the environment of a
    Tandem process on it with the real job backend (production's settings)."""
    server = postgres_server()
    name = unique("test_tandem_jobs").replace("-", "_")
    try:
        admin = psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **server)
    except psycopg.Error as error:
        pytest.fail(f"This test needs PostgreSQL at {server['host']}:{server['port']}: {error}")
    credentials = server["user"] + (f":{server['password']}" if server["password"] else "")
    env = env_for(
        "config.settings.base",
        DJANGO_SECRET_KEY="test-only-secret-key-for-the-worker-processes",
        DATABASE_URL=f"postgres://{credentials}@{server['host']}:{server['port']}/{name}",
    )
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            python_run(
                "from django.core.management import call_command\n"
                "call_command('migrate', 'django_tasks_database', verbosity=0)",
                env,
            )
            yield env
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _worker(number: int, env: dict[str, str]) -> subprocess.Popen[str]:
    """`tandem db_worker` that runs what is queued and exits when nothing is left."""
    return subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay",
         "--worker-id", f"worker-{number}"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_two_workers_on_one_queue_run_each_job_once(job_queue_env, tmp_path: Path):
    runs = tmp_path / "runs.txt"
    python_run(
        "from tests.jobs_for_workers import job_record\n"
        f"for number in range({JOBS}):\n"
        f"    job_record.enqueue(number, {str(runs)!r})",
        job_queue_env,
    )
    workers = [_worker(number, job_queue_env) for number in (1, 2)]
    for worker in workers:
        finished(worker, timeout=60 + JOBS * SECONDS_PER_JOB)

    lines = [line.split() for line in runs.read_text().splitlines()]
    done = Counter(int(number) for number, _ in lines)
    assert sorted(done) == list(range(JOBS))
    assert set(done.values()) == {1}, f"run more than once: {[n for n, c in done.items() if c > 1]}"
    by_process = Counter(pid for _, pid in lines)
    assert len(by_process) == 2, f"jobs run per worker process: {dict(by_process)}"

    rows = json.loads(
        python_run(
            "import json\nfrom django_tasks_db.models import DBTaskResult\n"
            "print(json.dumps(list(DBTaskResult.objects.values_list('status', 'worker_ids'))))",
            job_queue_env,
        )
    )
    assert Counter(status for status, _ in rows) == {"SUCCESSFUL": JOBS}
    assert Counter(len(ids) for _, ids in rows) == {1: JOBS}  # each claimed by one worker
    assert {ids[0] for _, ids in rows} == {"worker-1", "worker-2"}
