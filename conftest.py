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
