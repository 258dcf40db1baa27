"""The admin's add and change pages, given what no form of theirs sends in a foreign key or
many-to-many field (in the query string that prefills an add page, or posted), answer with the
page and the form's own messages, never a server error.

Before: an autocomplete box looked the values up unchecked (`?user=abc` → ValueError), and a
number past 64 bits in any id field overflowed SQLite (`pk__in=[huge]`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.notifications.tests.factories import NotificationFactory
from tandem.profiles.services import profile_skill_request_add
from tandem.profiles.tests.factories import ProfileFactory
from tandem.skills.models import Skill, SkillAlias

pytestmark = pytest.mark.django_db

BAD_VALUES = ("abc", "a\x00b", "\xff\xfe", "9999-12-31T23:59", "99999999999999999999", "-1")
PROFILE_FIELDS = ("user", "organization", "skills_wanted", "competitors", "languages")


def _group(now: Any) -> Any:
    return Group.objects.create(name="Volunteers")


def _profile(now: Any) -> Any:
    return ProfileFactory()


def _skill_request(now: Any) -> Any:
    return profile_skill_request_add(
        profile=ProfileFactory(), side="wanted", text="Underwater basket weaving", now=now
    )


def _alias(now: Any) -> Any:
    return SkillAlias.objects.create(skill=Skill.objects.first(), alias="Snake language")


def _notification(now: Any) -> Any:
    return NotificationFactory()


# (page, how to make the row a change page opens or None for an add page, the fields to fill)
PAGES = [
    ("auth_group_add", None, ("permissions",)),
    ("auth_group_change", _group, ("permissions",)),
    ("accounts_user_change", UserFactory, ("groups", "user_permissions")),
    ("profiles_profile_add", None, PROFILE_FIELDS),
    ("profiles_profile_change", _profile, PROFILE_FIELDS),
    ("profiles_skillrequest_change", _skill_request, ("mapped_to",)),
    ("skills_skillalias_add", None, ("skill",)),
    ("skills_skillalias_change", _alias, ("skill",)),
    ("notifications_notification_add", None, ("recipient",)),
    ("notifications_notification_change", _notification, ("recipient",)),
    ("notifications_preference_add", None, ("user",)),
    ("notifications_digestsent_add", None, ("user",)),
]


@pytest.fixture
def staff_client() -> Client:
    client = Client(
        raise_request_exception=True
    )  # a server error fails the test, traceback and all
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _path(page: str, make: Any, now: Any) -> str:
    if make is None:
        return reverse(f"admin:{page}")
    if make is UserFactory:
        return reverse(f"admin:{page}", args=[make().pk])
    return reverse(f"admin:{page}", args=[make(now).pk])


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize(("page", "make", "fields"), PAGES, ids=[p[0] for p in PAGES])
def test_a_prefilled_add_or_change_page_shows(staff_client, now, page, make, fields, value):
    path = _path(page, make, now)
    encoded = quote(value.encode("latin-1"))  # "\xff\xfe" arrives as bytes that are not UTF-8
    response = staff_client.get(path + "?" + "&".join(f"{name}={encoded}" for name in fields))
    assert response.status_code == 200


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize(("page", "make", "fields"), PAGES, ids=[p[0] for p in PAGES])
def test_a_posted_form_says_what_is_wrong(staff_client, now, page, make, fields, value):
    path = _path(page, make, now)
    response = staff_client.post(path, dict.fromkeys(fields, value))
    assert response.status_code == 200  # shown again, nothing saved
    errors = response.context["adminform"].form.errors
    for name in fields:
        assert name in errors, f"{name}: {errors.as_data()}"
