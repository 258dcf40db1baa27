"""Columns' identity, worked out without `inspect`, is exactly Django's own."""

import inspect
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, F
from django.db.models.expressions import Col, Expression

from tandem.core.expressions import _col_identity

generic = Expression.identity.func


def _selected_columns(queryset):
    compiler = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS)
    compiler.as_sql()
    return [expr for expr, _, _ in compiler.select if isinstance(expr, Col)]


QUERIES = [
    lambda: get_user_model().groups.through.objects.select_related("user", "group").order_by("id"),
    lambda: Permission.objects.select_related("content_type").order_by("codename"),
    lambda: Group.objects.annotate(n=Count("user")).values("name", "n").order_by("name"),
    lambda: get_user_model().objects.annotate(mail=F("email")).order_by("-date_joined"),
]


@pytest.mark.parametrize("build", QUERIES)
def test_each_column_has_the_identity_django_gives(build):
    columns = _selected_columns(build())
    assert columns
    for column in columns:
        assert column.identity == generic(column)
        assert _col_identity(column) == generic(column)


def test_the_same_column_built_three_ways_is_one_column_and_others_are_not():
    field = get_user_model()._meta.get_field("email")
    other = get_user_model()._meta.get_field("first_name")
    same = [Col("u", field), Col("u", field, field), Col(alias="u", target=field)]
    assert [c.identity for c in same] == [generic(c) for c in same]
    assert Col("u", field) == Col("u", field)
    assert hash(Col("u", field)) == hash(Col("u", field))
    assert Col("u", field) != Col("v", field)
    assert Col("u", field) != Col("u", other)


def test_compiling_an_ordered_query_binds_no_column_signature():
    calls = []
    real = inspect.Signature.bind_partial

    def counted(self, *args, **kwargs):
        if args and isinstance(args[0], Col):
            calls.append(args[0])
        return real(self, *args, **kwargs)

    with mock.patch.object(inspect.Signature, "bind_partial", counted):
        assert _selected_columns(QUERIES[0]())
    assert calls == []


def test_a_subclass_keeps_djangos_own_way():
    class Wider(Col):
        def __init__(self, alias, target, output_field=None, extra=1):
            super().__init__(alias, target, output_field)

    field = get_user_model()._meta.get_field("email")
    assert Wider("u", field).identity == generic(Wider("u", field))
