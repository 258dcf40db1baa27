"""The security walks' world: built once for the whole package (the matrix, the fuzz walk and
the checks of the walk) inside a transaction that is rolled back after the package, so each
test (in its own savepoint, as pytest-django nests it) starts from the same rows and leaves
none behind. Building it once rather than per module saves CI about half a minute a run."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.security.world import World, build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker) -> World:
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)
