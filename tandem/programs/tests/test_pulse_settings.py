"""The pulse on a program's settings page: how many days after the intro it is asked (7 to
365, or empty for not then) and whether it is asked again when the term ends."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.core.errors import DomainError
from tandem.programs.models import Program
from tandem.programs.services.programs import program_update
from tandem.programs.tests.factories import ProgramFactory, manager_of
from tandem.programs.tests.test_program_pages import settings_post

pytestmark = pytest.mark.django_db


def _url(program: Program) -> str:
    return reverse("programs:settings", args=[program.slug])


def test_the_settings_page_says_what_the_pulse_is_for(client):
    program = ProgramFactory()
    client.force_login(manager_of(program.organization))
    page = client.get(_url(program)).content.decode()
    assert "The pulse" in page
    assert "how likely they are to recommend this program to a colleague" in page
    assert 'name="pulse_after_days" value="30"' in page
    assert 'name="pulse_at_term_end"' in page


def test_a_manager_sets_the_days_or_turns_the_intro_pulse_off(client):
    program = ProgramFactory()
    client.force_login(manager_of(program.organization))
    response = client.post(_url(program), settings_post(program, pulse_after_days=45))
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.pulse_after_days, program.pulse_at_term_end) == (45, False)
    response = client.post(
        _url(program), settings_post(program, pulse_after_days="", pulse_at_term_end="on")
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.pulse_after_days, program.pulse_at_term_end) == (None, True)


@pytest.mark.parametrize("days", [0, 6, 366, "soon"])
def test_days_outside_7_to_365_are_refused_on_the_field(client, days):
    program = ProgramFactory()
    client.force_login(manager_of(program.organization))
    response = client.post(_url(program), settings_post(program, pulse_after_days=days))
    assert response.status_code == 400
    assert response.context["form"].errors["pulse_after_days"]
    program.refresh_from_db()
    assert program.pulse_after_days == 30


def test_the_service_checks_the_days_too():
    program = ProgramFactory()
    for days in (6, 366):
        with pytest.raises(DomainError) as refused:
            program_update(program=program, pulse_after_days=days)
        assert refused.value.field == "pulse_after_days"
    assert program_update(program=program, pulse_after_days=7).pulse_after_days == 7
    assert program_update(program=program, pulse_after_days=None).pulse_after_days is None


def test_a_pool_program_keeps_its_pulse_settings_when_saved(client):
    program = ProgramFactory(kind=Program.Kind.COFFEE)
    client.force_login(manager_of(program.organization))
    page = client.get(_url(program)).content.decode()
    assert "The pulse" not in page
    assert '<input type="hidden" name="pulse_after_days" value="30">' in page
    response = client.post(
        _url(program), settings_post(program, pulse_after_days=30, pulse_at_term_end="on")
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.pulse_after_days, program.pulse_at_term_end) == (30, True)
