"""Every page fits a phone: at 390 × 844 nothing scrolls sideways, axe finds nothing serious,
and the Content-Security-Policy refuses nothing, for each kind of person (the pages are listed
in site_pages.py)."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.profiles.tests.factories import ProfileFactory

from .conftest import TIMEOUT_MS
from .not_pages import NOT_PAGES
from .phone_world import world_build
from .site_pages import PAGES, url_names, visits_for

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# htmx fills some pages after they load (the dashboard's health, the mentorship's meetings).
HTMX_IDLE = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
WIDER_THAN_THE_SCREEN = """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (typeof el.className === 'string' && el.className.trim()
         ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(-4)};
}"""


def _sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_role("button", name="Log in").click()
    # On a phone the menu is folded, so its "Log out" is not on show: wait to leave the form.
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


class TestPhones:
    def test_every_named_url_is_listed_as_a_page_or_not(self):
        listed = set(PAGES) | set(NOT_PAGES)
        missing = sorted(url_names() - listed)
        stale = sorted(listed - url_names())
        assert not missing, (
            "Add these URL names to PAGES (tests/e2e/site_pages.py) or NOT_PAGES "
            f"(tests/e2e/not_pages.py): {missing}"
        )
        assert not stale, f"These are listed in site_pages.py or not_pages.py but gone: {stale}"

    @pytest.mark.e2e
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_every_page_fits_a_390_px_phone_and_passes_axe_for_everyone(
        self, browser, live_server, assert_accessible
    ):
        viewers = world_build()
        problems: list[str] = []
        seen = 0
        started = time.perf_counter()
        for viewer in viewers:
            visits = visits_for(viewer)
            context = browser.new_context(
                base_url=live_server.url, viewport=PHONE, locale="en-GB", timezone_id="UTC"
            )
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            # The browser reports anything the Content-Security-Policy refused on the console.
            refused: list[str] = []
            page.on(
                "console",
                lambda message, into=refused: (
                    into.append(message.text) if "Content Security Policy" in message.text else None
                ),
            )
            if viewer.user is not None:
                _sign_in(page, viewer.user.email, viewer.password)
            for visit in visits:
                page.goto(visit.path)
                page.wait_for_function(HTMX_IDLE)
                if refused:
                    problems.append(f"{visit.label} {visit.path}: CSP refused {refused[:2]}")
                    refused.clear()
                overflow = page.evaluate(WIDER_THAN_THE_SCREEN)
                if overflow is not None:
                    problems.append(
                        f"{visit.label} {visit.path}: {overflow['scrollWidth']} px wide on a "
                        f"{overflow['width']} px screen; too wide: {', '.join(overflow['wide'])}"
                    )
                try:
                    assert_accessible(page)
                except pytest.fail.Exception as failure:
                    problems.append(f"{visit.label} {visit.path}: {failure}")
                seen += 1
            context.close()
        print(f"\n{seen} pages for {len(viewers)} people in {time.perf_counter() - started:.0f} s")
        assert seen > 60, "the world should give every kind of page something to show"
        assert not problems, "\n".join(problems)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestTheMenu:
    def test_on_a_phone_the_menu_folds_and_opens_and_closes_from_the_keyboard(
        self, browser, live_server, assert_accessible
    ):
        person = ProfileFactory()
        context = browser.new_context(base_url=live_server.url, viewport=PHONE)
        page = context.new_page()
        _sign_in(page, person.user.email, PASSWORD)
        page.goto("/mentors/")
        summary = page.locator("#site-menu > summary")
        notifications = page.get_by_role("link", name="Notifications")
        expect(notifications).to_be_hidden()

        summary.focus()
        page.keyboard.press("Enter")
        expect(notifications).to_be_visible()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        assert_accessible(page)
        page.keyboard.press("Escape")
        expect(notifications).to_be_hidden()
        expect(summary).to_be_focused()

        page.set_viewport_size(DESKTOP)  # a wide screen shows the menu as a row
        expect(notifications).to_be_visible()
        expect(summary).to_be_hidden()
        context.close()

    def test_the_menu_opens_without_javascript(self, browser, live_server):
        person = ProfileFactory()
        context = browser.new_context(
            base_url=live_server.url, viewport=PHONE, java_script_enabled=False
        )
        page = context.new_page()
        _sign_in(page, person.user.email, PASSWORD)
        page.goto("/mentors/")
        account = page.get_by_role("link", name="Account")
        expect(account).to_be_hidden()
        page.locator("#site-menu > summary").click()
        expect(account).to_be_visible()
        context.close()
