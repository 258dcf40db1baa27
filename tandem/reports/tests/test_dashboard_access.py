"""Who may open a program's reports: its managers and staff; anyone else learns nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.programs.tests.factories import ParticipantFactory, ProgramFactory, manager_of

pytestmark = pytest.mark.django_db

PRIVATE = "Program for access"


def _urls(slug: str) -> list[str]:
    return [
        reverse("reports:dashboard", kwargs={"slug": slug}),
        reverse("reports:chart_csv", kwargs={"slug": slug, "key": "funnel"}),
    ]


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    program = ProgramFactory(name=PRIVATE)
    for url in _urls(program.slug):
        response = _client(None).get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_participants_and_other_managers_get_a_404_that_names_nothing() -> None:
    program = ProgramFactory(name=PRIVATE)
    participant = ParticipantFactory(program=program)
    elsewhere = manager_of(ProgramFactory().organization)
    for user in (participant.profile.user, elsewhere, UserFactory()):
        for url in _urls(program.slug):
            response = _client(user).get(url)
            assert response.status_code == 404, url
            assert PRIVATE.encode() not in response.content


def test_managers_and_staff_see_the_dashboard() -> None:
    program = ProgramFactory(name=PRIVATE)
    url = reverse("reports:dashboard", kwargs={"slug": program.slug})
    for user in (manager_of(program.organization), UserFactory(is_staff=True)):
        response = _client(user).get(url)
        assert response.status_code == 200
        assert PRIVATE.encode() in response.content


def test_a_bad_filter_says_what_is_wrong_and_shows_the_program_unfiltered() -> None:
    program = ProgramFactory(name=PRIVATE)
    url = reverse("reports:dashboard", kwargs={"slug": program.slug})
    response = _client(manager_of(program.organization)).get(
        url, {"from": "2026-05-01", "to": "2026-04-01", "role": "boss"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "The end of the range comes before its start." in text
    assert "Select a valid choice" in text
    assert response.context["filters"].role == ""
