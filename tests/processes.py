"""Tandem in other processes, for the tests of what several processes share: a Python process
with Django set up (`python_run`, `python_start`), the environment it gets (`env_for`), and
the local Redis and PostgreSQL the CI machine runs (`redis_url_checked`, `postgres_server`).

The CI runs the suite on SQLite and on PostgreSQL side by side, both against the same Redis,
so whatever a test writes there is under a key no other run uses (`unique`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parents[1]
# A Redis database of its own, so nothing the tests write mixes with a developer's data.
REDIS_URL = os.environ.get("TANDEM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
_OURS = ("DJANGO_", "DATABASE_", "TANDEM_", "REDIS_URL", "WEB_CONCURRENCY")
SETUP = "import django; django.setup()\n"


def unique(what: str) -> str:
    """A name no other test run uses."""
    return f"{what}-{uuid.uuid4().hex[:12]}"


def env_for(settings: str = "config.settings.test", **variables: str) -> dict[str, str]:
    """The environment of a Tandem process: this one's, without any of Tandem's own variables
    but those given."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(_OURS)}
    return {**clean, "DJANGO_SETTINGS_MODULE": settings, **variables}


def python_start(code: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """Start `code` in a new Python process with Django set up; its output is captured."""
    return subprocess.Popen(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", SETUP + code],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen[str], timeout: float = 60) -> str:
    """What the process printed; fails the test, with its errors, unless it ended well."""
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        pytest.fail(f"The process did not finish within {timeout} s:\n{out}\n{err}")
    assert process.returncode == 0, f"exit {process.returncode}:\n{out}\n{err}"
    return out.strip()


def python_run(code: str, env: dict[str, str], timeout: float = 60) -> str:
    return finished(python_start(code, env), timeout)


def redis_url_checked() -> str:
    """The test Redis URL, once Redis has answered there; a test that needs it fails (it is
    not skipped) when it does not, since the CI machine runs one."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(
            f"These tests need Redis at {REDIS_URL} (TANDEM_TEST_REDIS_URL), as the CI machine "
            f"has at 127.0.0.1:6379; it did not answer: {error}"
        )
    finally:
        client.close()
    return REDIS_URL


def postgres_server() -> dict[str, str]:
    """Where the tests may create a PostgreSQL database of their own: the server DATABASE_URL
    names when it is PostgreSQL, else the local one (127.0.0.1:5432, user postgres)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = POSTGRES_URL
    parsed = dj_database_url.parse(url)
    return {
        "host": str(parsed.get("HOST") or "127.0.0.1"),
        "port": str(parsed.get("PORT") or 5432),
        "user": str(parsed.get("USER") or "postgres"),
        "password": str(parsed.get("PASSWORD") or ""),
    }
