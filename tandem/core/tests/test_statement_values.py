"""Statements with more values than PostgreSQL's protocol carries in one statement (65,535)
under server-side binding: an `in` over ids goes as one array, bulk writes in batches. The
same tests run on SQLite, where Django already batches."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.core.postgresql.base import MAX_VALUES

pytestmark = pytest.mark.django_db
MANY = MAX_VALUES + 5_000


def test_an_in_over_more_ids_than_a_statement_carries():
    group = Group.objects.create(name="Mentors")
    ids = [*range(10**9, 10**9 + MANY), group.pk]
    assert list(Group.objects.filter(pk__in=ids)) == [group]
    assert not Group.objects.exclude(pk__in=ids).filter(name="Mentors").exists()
    group.permissions.add(Permission.objects.first())
    assert Permission.objects.filter(group__in=ids).count() == 1


def test_a_bulk_write_of_more_values_than_a_statement_carries():
    kind = ContentType.objects.get_for_model(Group)
    rows = MANY // 3 + 1  # name, content type, codename: three values a row
    made = Permission.objects.bulk_create(
        Permission(name=f"Can test {i}", content_type=kind, codename=f"test_{i}")
        for i in range(rows)
    )
    assert Permission.objects.filter(codename__startswith="test_").count() == rows
    for permission in made:
        permission.name = permission.name.upper()
    Permission.objects.bulk_update(made, ["name"])
    assert Permission.objects.filter(name__startswith="CAN TEST").count() == rows


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own SQL")
def test_on_postgresql_an_in_list_is_one_array_and_one_text_for_every_length():
    with CaptureQueriesContext(connection) as seen:
        list(Group.objects.filter(pk__in=[1, 2]))
        list(Group.objects.filter(pk__in=[1, 2, 3, None, 3]))
    first, second = (query["sql"] for query in seen.captured_queries)
    assert "= ANY(" in first
    assert first.split("ANY(")[0] == second.split("ANY(")[0]


def test_a_batch_never_holds_more_values_than_a_statement_carries():
    from tandem.core.postgresql.base import DatabaseOperations

    ops = DatabaseOperations.__new__(DatabaseOperations)
    assert ops.bulk_batch_size(["a"] * 10, range(100_000)) == MAX_VALUES // 10
    assert ops.bulk_batch_size(["a"] * 10, range(50)) == 50
    assert ops.bulk_batch_size([], range(5)) == 5
