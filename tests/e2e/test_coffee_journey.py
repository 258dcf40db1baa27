"""A coffee program in Chromium with axe on every page visited: the manager runs and
publishes a round through the pages, and a person in it sees who they meet this cycle and for
how long."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import Q
from playwright.sync_api import Browser, Page, expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.programs.models import Match, Program
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.round_world import person

from .program_journey_helpers import (
    DOMAIN,
    Check,
    World,
    figures_shown,
    menu_to_programs_i_run,
    other_browser,
    page_check,
    sign_in,
    world_build,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def look(assert_accessible: Check) -> Check:
    return page_check(assert_accessible)


@pytest.fixture
def world(transactional_db: Any) -> World:
    return world_build()


@pytest.fixture
def second_page(browser: Browser, live_server: Any) -> Iterator[Page]:
    yield from other_browser(browser, live_server.url)


def test_a_coffee_round_tells_each_person_who_they_meet_this_cycle(
    page: Page, second_page: Page, world: World, look: Check
) -> None:
    coffee = ProgramFactory(
        organization=world.organization, name="Friday coffee", kind=Program.Kind.COFFEE,
        coffee_minutes=25,
    )  # fmt: skip
    me = person(coffee, email=f"sam@{DOMAIN}")
    for n in range(5):
        person(coffee, email=f"colleague{n}@{DOMAIN}")

    page.goto("/accounts/login/")
    sign_in(page, world.manager.email, PASSWORD, look)
    menu_to_programs_i_run(page, look)
    page.get_by_role("link", name="Friday coffee").click()
    expect(page.get_by_role("heading", name="Friday coffee", level=1)).to_be_visible()
    look(page)
    page.get_by_role("link", name="Matching rounds").click()
    expect(page.get_by_role("heading", name="Run a round")).to_be_visible()
    look(page)
    page.get_by_role("button", name="Run a round").click()
    figures_shown(page, pool=True)
    expect(
        page.get_by_role("heading", name="The matching and a greedy one compared")
    ).to_be_visible()
    look(page)
    page.get_by_role("button", name="Publish 3 pairs").click()
    expect(page.get_by_text("Published: 3 pairs, and everyone was told.")).to_be_visible()
    look(page)
    assert Match.objects.filter(program=coffee, state=Match.State.PROPOSED).count() == 3
    (match,) = Match.objects.filter(Q(first=me) | Q(second=me), program=coffee)
    them = (match.second if match.first_id == me.pk else match.first).profile.user

    second_page.goto("/accounts/login/")
    sign_in(second_page, me.profile.user.email, PASSWORD, look)
    link = f"Friday coffee: Confirm your match with {them.display_name}."
    second_page.get_by_role("link", name=link).click()
    expect(
        second_page.get_by_role("heading", name=f"This cycle you meet {them.display_name}")
    ).to_be_visible()
    expect(second_page.get_by_role("heading", name=re.compile(r"^25 minutes"))).to_be_visible()
    look(second_page)
