"""`<integer column>__in=[…]` with numbers the column cannot hold: those numbers match nothing,
as `id=<such a number>` already does in Django, instead of an overflow in the database."""

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

HUGE = [2**63, 10**30]  # just past a signed 64-bit column, and far past it
HUGE_TEXT = "99999999999999999999"

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return Group.objects.create(name="Mentors")


def test_only_huge_ids_match_nothing(group):
    assert list(Group.objects.filter(pk__in=HUGE)) == []


def test_a_real_id_among_huge_ones_still_matches(group):
    Group.objects.create(name="Mentees")
    assert list(Group.objects.filter(pk__in=[*HUGE, group.pk])) == [group]


def test_excluding_huge_ids_keeps_every_row(group):
    assert set(Group.objects.exclude(pk__in=HUGE)) == set(Group.objects.all())


def test_a_huge_negative_number_matches_nothing(group):
    assert list(Group.objects.filter(pk__in=[-(2**70)])) == []


def test_a_foreign_key_in_huge_ids(group):
    content_type = ContentType.objects.get_for_model(Group)
    wanted = set(Permission.objects.filter(content_type=content_type))
    assert wanted
    assert list(Permission.objects.filter(content_type__in=HUGE)) == []
    assert set(Permission.objects.filter(content_type__in=[*HUGE, content_type.pk])) == wanted


def test_a_foreign_key_equal_to_a_huge_id(group):
    content_type = ContentType.objects.get_for_model(Group)
    assert list(Permission.objects.filter(content_type=10**30)) == []
    assert set(Permission.objects.exclude(content_type=10**30)) == set(Permission.objects.all())
    assert Permission.objects.filter(content_type=content_type.pk).exists()


def test_many_to_many_and_reverse_relations(group):
    person = get_user_model().objects.create_user(email="ada@example.org", password="x" * 12)
    person.groups.add(group)
    assert list(get_user_model().objects.filter(groups__in=HUGE)) == []
    assert list(get_user_model().objects.filter(groups__in=[*HUGE, group.pk])) == [person]
    assert list(Group.objects.filter(user__in=[*HUGE, person.pk])) == [group]


def test_a_form_with_a_huge_id_says_the_choice_is_not_there(group):
    field = forms.ModelMultipleChoiceField(queryset=Group.objects.all())
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([HUGE_TEXT])
    assert refused.value.code == "invalid_choice"
    assert list(field.clean([str(group.pk)])) == [group]
