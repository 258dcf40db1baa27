"""The compile-once check the cost tests share."""

import pytest
from django.contrib.auth.models import Group

from tandem.core.compiled import CompiledQuery
from tandem.core.tests.compiling import read_again_compiling_nothing

pytestmark = pytest.mark.django_db

_NAMES = CompiledQuery(lambda group_id: Group.objects.filter(pk=group_id).values_list("name"))


def test_a_compiled_read_passes_and_gives_the_second_reads_rows():
    group = Group.objects.create(name="Test A")
    assert read_again_compiling_nothing(lambda: _NAMES.rows(group.pk)) == [("Test A",)]


def test_a_read_through_the_orm_fails_and_names_what_it_compiled():
    with pytest.raises(AssertionError, match=r"compiled SQL for .*Group"):
        read_again_compiling_nothing(lambda: list(Group.objects.values_list("name")))
