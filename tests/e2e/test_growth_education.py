"""The education return calculator in a real browser, on a 360 px phone: a mentee weighs a
part-time degree against a certificate. A negative cost is refused at its field and nothing is
saved; "Show the result" works the degree out in place (htmx) with its chart before saving;
the saved scenario shows its chart, the same rows as a table and its assumptions in plain
words; the certificate starts from the rough example; the list shows both side by side. Each
page passes axe and nothing scrolls sideways. Someone else opening the degree gets a 404."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.growth.education.models import Scenario
from tandem.profiles.tests.factories import ProfileFactory

from .conftest import TIMEOUT_MS
from .test_phones import WIDER_THAN_THE_SCREEN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SMALL_PHONE = {"width": 360, "height": 780}
DEGREE = "Part-time MBA"
CERTIFICATE = "A certificate"  # the rough example's own name


def _fits(page: Page) -> None:
    wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert wide is None, f"{page.url} scrolls sideways at 360 px: {wide}"


def _chart_drawn(page: Page, key: str) -> None:
    """Chart.js (vendored, core/charts.js) has drawn the chart's canvas."""
    expect(page.locator(f"#chart-{key} canvas[data-drawn]")).to_have_count(1, timeout=TIMEOUT_MS)


def _fill_degree(page: Page, *, tuition: str) -> None:
    page.get_by_label("Name", exact=True).fill(DEGREE)
    page.get_by_label("Tuition and course costs").fill(tuition)
    page.get_by_label("Months away from work").fill("6")
    page.get_by_label("Pay given up for each month away").fill("2,000")
    page.get_by_label("Raise a year afterwards").fill("8000")
    page.get_by_label("Chance of that raise (%)").fill("60")
    page.get_by_label("Years the raise lasts").fill("10")
    page.get_by_label("Discount rate (% a year)").fill("4")


def test_weighing_a_degree_against_a_certificate_side_by_side(
    browser, live_server, log_in, assert_accessible
) -> None:
    mentee, stranger = ProfileFactory().user, ProfileFactory().user
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    log_in(page, mentee.email, PASSWORD)
    page.set_viewport_size(SMALL_PHONE)

    # The calculator starts empty, with a way in.
    page.goto("/growth/education/")
    expect(page.get_by_role("heading", name="Is more education worth it?", level=1)).to_be_visible()
    expect(page.get_by_text("No scenarios yet")).to_be_visible()
    _fits(page)
    assert_accessible(page)

    # A negative cost: a message beside the field, and nothing saved.
    page.get_by_role("button", name="Start a new scenario").click()
    expect(page.get_by_role("heading", name="A new scenario", level=1)).to_be_visible()
    _fill_degree(page, tuition="-12000")
    page.get_by_role("button", name="Save").click()
    tuition = page.get_by_label("Tuition and course costs")
    expect(tuition).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".field-error")).to_contain_text("A cost can't be negative")
    expect(page.get_by_role("alert").first).to_contain_text("Nothing was saved")
    assert not Scenario.objects.exists()
    _fits(page)
    assert_accessible(page)

    # Fixed, then worked out in place before saving: the figures and the chart.
    tuition.fill("12,000")
    page.get_by_role("button", name="Show the result").click()
    preview = page.locator("#preview")
    expect(preview.get_by_role("heading", name=re.compile("What it comes to"))).to_be_visible()
    # Cost: 12,000 + 6 × 2,000 = 24,000; expected gain: 60 % of 8,000 = 4,800 a year.
    expect(preview).to_contain_text("24,000")
    expect(preview).to_contain_text("4,800")
    _chart_drawn(page, "preview")
    assert not Scenario.objects.exists()
    _fits(page)
    assert_accessible(page)

    # Saved: the scenario's page, with its chart, the same rows as a table, plain words.
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=DEGREE, level=1)).to_be_visible()
    degree = Scenario.objects.get(owner=mentee, name=DEGREE)
    _chart_drawn(page, f"scenario-{degree.pk}")
    page.get_by_text("Show as table").click()
    table = page.get_by_role("region", name=re.compile("as a table"))
    expect(table.get_by_role("row")).to_have_count(12)  # the headings, now and 10 years
    expect(table).to_contain_text("−24,000")
    expect(page.get_by_role("region", name="What this assumes")).to_contain_text(
        "You expect a raise of 8,000 a year, and you think there is a 60 % chance of it"
    )
    _fits(page)
    assert_accessible(page)

    # The certificate, from the rough example, saved as it comes.
    page.get_by_role("link", name="← Your scenarios").click()
    page.get_by_role("link", name="a certificate").click()
    expect(page.get_by_label("Name", exact=True)).to_have_value(CERTIFICATE)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=CERTIFICATE, level=1)).to_be_visible()

    # Side by side: both in the comparison, each with its net value and payback.
    page.get_by_role("link", name="← Your scenarios").click()
    compare = page.get_by_role("table", name="Your scenarios compared")
    rows = compare.get_by_role("row")
    expect(rows).to_have_count(3)  # the headings and the two scenarios
    expect(rows.nth(1)).to_contain_text(DEGREE)
    expect(rows.nth(2)).to_contain_text(CERTIFICATE)
    # The certificate: 2,000 now, a 50 % chance of 4,000 for 5 years at 4 %.
    expect(rows.nth(2)).to_contain_text("2,000")
    expect(rows.nth(2)).to_contain_text("50 %")
    expect(compare).to_contain_text("Pays for itself in")
    _fits(page)
    assert_accessible(page)

    # Someone else cannot open the degree, or learn that it exists.
    other = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="UTC")
    other.set_default_timeout(TIMEOUT_MS)
    other_page = other.new_page()
    log_in(other_page, stranger.email, PASSWORD)
    response = other_page.goto(degree.get_absolute_url())
    assert response is not None
    assert response.status == 404
    expect(other_page.locator("body")).not_to_contain_text(DEGREE)
    other_page.goto("/growth/education/")
    expect(other_page.locator("body")).not_to_contain_text(DEGREE)
    other.close()
    context.close()
