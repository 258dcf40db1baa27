"""The load balancer's health check (tandem/core/health.py): 200 when the database and the
cache answer, 503 naming the one that does not; one query, no cookie, never stored, never
redirected to HTTPS."""

from __future__ import annotations

import json

import pytest

from tests.processes import env_for, python_run

pytestmark = pytest.mark.django_db

HEALTHY = {"status": "ok", "database": "ok", "cache": "ok"}


def test_answers_ok_with_one_query_and_no_cookie(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == HEALTHY
    assert not response.cookies
    assert response.headers["Cache-Control"] == "no-store"


def test_a_head_request_is_answered_too_and_a_post_is_not(client):
    assert client.head("/health/").status_code == 200
    assert client.post("/health/").status_code == 405


def test_is_answered_over_plain_http_when_pages_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/health/").status_code == 200


# The whole site in another process, with the database or the cache at a port nothing
# listens on: the answer the balancer gets from a process that lost one of them.
ASK = """
from django.test import Client
response = Client().get("/health/")
print(response.status_code, response.content.decode())
"""


@pytest.mark.parametrize(
    ("variables", "broken"),
    [
        ({"DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere"}, "database"),
        ({"REDIS_URL": "redis://127.0.0.1:1/0"}, "cache"),
    ],
    ids=["database", "cache"],
)
def test_answers_503_naming_what_is_unreachable(variables, broken, tmp_path):
    env = env_for(**{"DATABASE_URL": f"sqlite:///{tmp_path / 'health.sqlite3'}", **variables})
    status, _, body = python_run(ASK, env).partition(" ")
    assert status == "503"
    assert json.loads(body) == {**HEALTHY, "status": "unavailable", broken: "unreachable"}
