"""Fixtures shared by every test."""

import pytest
from django.core.cache import cache

from tandem.accounts.tests.factories import UserFactory
from tandem.core import ratelimit
from tandem.core.tests.clock import NOW
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Login throttles live in the cache, Tandem's rate limits in their own store; each test
    starts with neither."""
    cache.clear()
    ratelimit.reset()
    yield
    cache.clear()
    ratelimit.reset()


@pytest.fixture
def now():
    """The moment services are told it is (tests that need the real clock read it instead)."""
    return NOW


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def mentee(db):
    return ProfileFactory()


@pytest.fixture
def mentor(db):
    return MentorProfileFactory()


@pytest.fixture
def mentee_client(client, mentee):
    client.force_login(mentee.user)
    return client


@pytest.fixture
def deferred_tasks():
    """The jobs enqueued with `run_after` during the test (the test backend keeps them)."""
    from django_tasks import default_task_backend

    default_task_backend.deferred.clear()
    yield default_task_backend.deferred
    default_task_backend.deferred.clear()


@pytest.fixture(autouse=True)
def _fresh_mentor_index(monkeypatch):
    """Each test starts without a mentor index: rows a test rolled back leave no stamp behind
    for the next test's index to notice. Builds meant for a background thread run in place,
    on the test's own connection (a thread would see none of the test's rows)."""
    from tandem.matching.index import current

    monkeypatch.setattr(current, "background", lambda job: job())
    current.mentor_index_clear()
    yield
    current.mentor_index_clear()


@pytest.fixture
def mentor_index_builds(monkeypatch):
    """How many full builds of the mentor index ran during the test (one entry a build)."""
    from tandem.matching.index import build

    ran: list[int] = []
    real = build.mentor_index_build

    def counted(**kwargs):
        ran.append(1)
        return real(**kwargs)

    monkeypatch.setattr(build, "mentor_index_build", counted)
    return ran
