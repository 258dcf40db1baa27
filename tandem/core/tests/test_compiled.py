"""CompiledQuery: a query of fixed shape compiled once, then run with each request's values."""

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count, Exists, OuterRef
from django.test.utils import CaptureQueriesContext

from tandem.core.compiled import CompiledQuery

pytestmark = pytest.mark.django_db


def _groups_of(user_id):
    member = Group.user_set.through.objects.filter(group=OuterRef("pk"), user_id=user_id)
    return (
        Group.objects.annotate(mine=Exists(member))
        .filter(name__startswith="Test")
        .values_list("name", "mine")
        .order_by("name")
    )


def test_it_gives_what_the_orm_gives_for_each_value_and_compiles_once():
    built = []

    def build(user_id):
        built.append(user_id)
        return _groups_of(user_id)

    query = CompiledQuery(build)
    make = get_user_model().objects.create_user
    ada, bo = make(email="ada@example.com"), make(email="bo@example.com")
    first, second = Group.objects.create(name="Test A"), Group.objects.create(name="Test B")
    ada.groups.add(first)
    bo.groups.add(first, second)
    for user in (ada, bo, ada):
        expected = [(name, bool(mine)) for name, mine in _groups_of(user.pk)]
        with CaptureQueriesContext(connection) as ran:
            got = [(name, bool(mine)) for name, mine in query.rows(user.pk)]
        assert got == expected
        assert len(ran.captured_queries) == 1
    assert len(built) == 1  # compiled once, with a stand-in
    name, mine = query.first(-1)  # nobody's: the groups, none of them theirs
    assert (name, bool(mine)) == ("Test A", False)
    assert CompiledQuery(_groups_of).first(-1) is not None
    assert CompiledQuery(lambda pk: Group.objects.filter(pk=pk).values_list("id")).first(-5) is None


def test_a_value_that_never_reaches_the_sql_is_refused():
    query = CompiledQuery(lambda user_id: Group.objects.filter(name="x").values_list("id"))
    with pytest.raises(ValueError, match="did not reach the SQL"):
        query.rows(1)
    with pytest.raises(TypeError):
        CompiledQuery(_groups_of).rows(1, 2)


def _memberships_of(user_id):
    through = get_user_model().groups.through
    return (
        through.objects.filter(user_id=user_id)
        .select_related("group", "user")
        .annotate(members=Count("group__user"))
        .order_by("group__name")
    )


def test_objects_are_what_iterating_the_queryset_gives():
    make = get_user_model().objects.create_user
    ada, bo = make(email="ada@example.com"), make(email="bo@example.com")
    first, second = Group.objects.create(name="Test A"), Group.objects.create(name="Test B")
    ada.groups.add(first)
    bo.groups.add(first, second)
    query = CompiledQuery(_memberships_of)
    for user in (ada, bo):
        expected = list(_memberships_of(user.pk))
        with CaptureQueriesContext(connection) as ran:
            got = query.objects(user.pk)
        assert len(ran.captured_queries) == 1  # the related rows came in the same query
        assert [m.pk for m in got] == [m.pk for m in expected]
        assert [m.group.name for m in got] == [m.group.name for m in expected]
        assert [m.members for m in got] == [m.members for m in expected]
        # Values are converted as the ORM converts them (SQLite gives datetimes as text).
        assert [m.user.date_joined for m in got] == [m.user.date_joined for m in expected]
        assert all(isinstance(m.user.date_joined, datetime) for m in got)
        assert all(m._state.adding is False for m in got)
    assert query.objects(-1) == []


def test_objects_need_a_build_of_model_instances():
    with pytest.raises(TypeError, match="model instances"):
        CompiledQuery(lambda pk: Group.objects.filter(pk=pk).values_list("id")).objects(1)
