"""How a manager reaches a program's reports: first in the program's own menu, and next to each
program on "Programs I run"."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tandem.programs.tests.factories import ProgramFactory, manager_of

pytestmark = pytest.mark.django_db


def _manager_client(program_name: str = "Alumni mentoring") -> tuple[Client, str]:
    program = ProgramFactory(name=program_name)
    client = Client()
    client.force_login(manager_of(program.organization))
    return client, program.slug


def _menu(html: str) -> str:
    found = re.search(
        r'<nav aria-label="Running [^"]*" class="program-nav">(.*?)</nav>', html, re.S
    )
    assert found is not None
    return found.group(1)


def test_reports_come_first_in_the_program_menu() -> None:
    client, slug = _manager_client()
    html = client.get(reverse("programs:settings", kwargs={"slug": slug})).content.decode()
    first = re.search(r"<li>(.*?)</li>", _menu(html), re.S)
    assert first is not None
    dashboard = reverse("reports:dashboard", kwargs={"slug": slug})
    assert first.group(1) == f'<a href="{dashboard}">Reports</a>'


def test_on_the_dashboard_the_menu_marks_reports_as_the_current_page() -> None:
    client, slug = _manager_client()
    html = client.get(reverse("reports:dashboard", kwargs={"slug": slug})).content.decode()
    menu = _menu(html)
    assert '<strong aria-current="page">Reports</strong>' in menu
    assert reverse("reports:dashboard", kwargs={"slug": slug}) not in menu
    assert menu.count('aria-current="page"') == 1


def test_programs_i_run_links_each_program_to_its_reports() -> None:
    client, slug = _manager_client("Alumni mentoring")
    html = client.get(reverse("programs:manage")).content.decode()
    dashboard = reverse("reports:dashboard", kwargs={"slug": slug})
    item = re.search(r"<li>.*?Alumni mentoring.*?</li>", html, re.S)
    assert item is not None
    assert f'<a href="{dashboard}">Reports</a>' in item.group(0)
