"""The security walks' world: built once per module inside a transaction that is rolled back
after the module, so each test (in its own savepoint, as pytest-django nests it) starts from
the same rows and leaves none behind."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.security.world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)
