import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings.env import env_bool, env_list, load_dotenv

ROOT = Path(__file__).resolve().parents[3]


class TestEnvironment:
    def test_dotenv_fills_in_but_never_overrides(self, tmp_path, monkeypatch):
        monkeypatch.setenv("TANDEM_A", "from-env")
        monkeypatch.delenv("TANDEM_B", raising=False)
        env_file = tmp_path / ".env"
        env_file.write_text("# comment\nTANDEM_A=from-file\nTANDEM_B='quoted'\n")
        load_dotenv(env_file)
        assert os.environ["TANDEM_A"] == "from-env"
        assert os.environ["TANDEM_B"] == "quoted"
        monkeypatch.delenv("TANDEM_B")

    def test_booleans_and_lists(self, monkeypatch):
        monkeypatch.setenv("TANDEM_FLAG", "yes")
        monkeypatch.setenv("TANDEM_LIST", "a.example, b.example,")
        assert env_bool("TANDEM_FLAG") is True
        assert env_bool("TANDEM_MISSING", default=True) is True
        assert env_list("TANDEM_LIST", []) == ["a.example", "b.example"]


def _settings_value(expr: str, **env: str) -> str:
    code = f"import django; from django.conf import settings; django.setup(); print({expr})"
    ours = ("DJANGO_", "DATABASE_", "TANDEM_", "REDIS_URL", "WEB_CONCURRENCY")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.base", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DJANGO_DEBUG": "1"}, "django.db.backends.sqlite3"),
        (
            {"DJANGO_DEBUG": "1", "DATABASE_URL": "postgres://u@127.0.0.1:5432/tandem"},
            "tandem.core.postgresql",
        ),
        (
            {
                "DJANGO_DEBUG": "1",
                "DATABASE_URL": "postgres://u@127.0.0.1:5432/tandem",
                "DATABASE_SERVER_SIDE_BINDING": "0",
            },
            "django.db.backends.postgresql",
        ),
    ],
)
def test_the_database_is_sqlite_unless_database_url_is_set(env, expected):
    assert _settings_value("settings.DATABASES['default']['ENGINE']", **env) == expected


def test_server_side_binding_keeps_what_the_url_says():
    url = "postgres://u@127.0.0.1:5432/tandem?sslmode=require"
    options = _settings_value("sorted(settings.DATABASES['default']['OPTIONS'].items())",
                              DJANGO_DEBUG="1", DATABASE_URL=url)  # fmt: skip
    assert options == str(
        [("prepare_threshold", 2), ("server_side_binding", True), ("sslmode", "require")]
    )


@pytest.mark.parametrize(("age", "expected"), [(None, "None"), ("", "None"), ("30", "30")])
def test_connections_are_kept_while_they_work_unless_an_age_is_set(age, expected):
    env = {"DJANGO_DEBUG": "1", "DATABASE_URL": "postgres://u@127.0.0.1:5432/tandem"}
    if age is not None:
        env["DATABASE_CONN_MAX_AGE"] = age
    assert _settings_value("settings.DATABASES['default']['CONN_MAX_AGE']", **env) == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "django.contrib.sessions.backends.db"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_sessions_are_read_from_redis_only_when_every_process_shares_it(env, expected):
    assert _settings_value("settings.SESSION_ENGINE", DJANGO_DEBUG="1", **env) == expected


def test_production_refuses_to_start_without_a_secret_key():
    assert "DJANGO_SECRET_KEY" in _settings_value("settings.SECRET_KEY", DJANGO_DEBUG="0")


def _deploy_check(**extra: str) -> subprocess.CompletedProcess[str]:
    ours = ("DJANGO_", "DATABASE_", "TANDEM_", "REDIS_URL", "WEB_CONCURRENCY")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-value-0123456789",
        DJANGO_ALLOWED_HOSTS="tandem.example",
        **extra,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


# The README's production example: three workers sharing Redis, behind one reverse proxy.
PRODUCTION = {"WEB_CONCURRENCY": "3", "REDIS_URL": "redis://127.0.0.1:6379/0"}


def test_production_settings_pass_the_deploy_check():
    result = _deploy_check(**PRODUCTION, TANDEM_TRUSTED_PROXIES="1")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_when_each_worker_would_count_alone():
    result = _deploy_check(WEB_CONCURRENCY="3")
    assert result.returncode != 0
    assert "tandem.W001" in result.stderr
