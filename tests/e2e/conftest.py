"""Browser fixtures for the journeys: one Chromium per session, a fresh context per test."""

import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from playwright.sync_api import expect, sync_playwright

# Playwright's sync API runs an event loop in this thread, so Django would refuse the ORM calls a
# test makes to arrange data and read results. Django reads this on every call, so setting it
# here, before any test runs, is enough.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# Debian's Chromium: Playwright's own browser download is not available on our machines.
CHROMIUM = os.environ.get("TANDEM_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
BLOCKING_IMPACTS = {"serious", "critical"}

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run; starting it is the slow part."""
    # While Playwright's event loop runs, Django looks database connections up per async
    # context instead of per thread, so this thread would get fresh connections: ones that
    # lack the serialized data the next test is restored from. Keep using the thread's own.
    pinned = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in pinned.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A page in a new context (no cookies from other tests), pointed at the live server."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def _assert_accessible(page) -> None:
    """Fail if axe-core finds a serious or critical violation on the page as it is now."""
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    if not blocking:
        return
    lines = [f"{len(blocking)} serious/critical accessibility violation(s) on {page.url}:"]
    for violation in blocking:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {', '.join(str(t) for t in node['target'])}" for node in violation["nodes"]
        )
    pytest.fail("\n".join(lines), pytrace=False)


@pytest.fixture
def assert_accessible():
    """`assert_accessible(page)`: run axe-core and fail on serious or critical violations."""
    return _assert_accessible


def _log_in(page, email: str, password: str) -> None:
    """Sign in through the login form and wait for the signed-in home page."""
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


@pytest.fixture
def log_in():
    """`log_in(page, email, password)`: sign in the way a person does."""
    return _log_in
