"""Issue 12's acceptance journey: the demo's program manager reads how the Eastmoor alumni
mentoring program is going, in Chromium with axe on the pages visited.

On the demo as `tandem demo` loads it (a year of the program's history, program_history.py),
the manager signs in, goes to "Programs I run", opens the program and its reports from the
program's menu; looks at the people who enrolled in one month (the counts change), opens a
chart's table and reads a number from it, downloads that chart's rows and the participants
export and counts them against the table and the database; then, for everyone again, finds a
pair at risk in the health section with what their own page tells them, and checks in with
them. The dashboard is photographed at 1280 and 390 px wide (under the test's tmp path); on the
phone nothing scrolls sideways and every chart is drawn, and still has a size when printed.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from tandem.demo import history_texts as texts
from tandem.demo.logins import DEMO_PASSWORD, NAMED_PEOPLE
from tandem.demo.programs import MENTORING_SLUG
from tandem.meetings.health.selectors import health_for
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification
from tandem.programs.models import Match, Participant, Program

from .program_journey_helpers import Check, menu_to_programs_i_run, page_check, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MANAGER = next(person.email for person in NAMED_PEOPLE if person.is_program_manager)
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
NO_SIDEWAYS_SCROLL = (
    "() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
)
# Each chart's canvas: drawn by core/charts.js, and its size on the page as it is laid out now.
CANVASES = """() => [...document.querySelectorAll("figure.chart canvas")].map(c => {
    const box = c.getBoundingClientRect();
    return {drawn: c.dataset.drawn || "", width: box.width, height: box.height};
})"""
TOOK_PART = (Participant.State.ACTIVE, Participant.State.LEFT)


@pytest.fixture
def look(assert_accessible: Check) -> Check:
    return page_check(assert_accessible)


@pytest.fixture
def program(transactional_db: Any) -> Program:
    """The demo, loaded the way `tandem demo` loads it; its 1:1 program."""
    call_command("demo", allow_production=True, stdout=io.StringIO())
    return Program.objects.get(slug=MENTORING_SLUG)


def _people(program: Program) -> Any:
    return Participant.objects.filter(program=program, state__in=TOOK_PART)


def _busiest_earlier_month(program: Program) -> tuple[str, str]:
    """("2026-01", "January 2026"): the month most of the earlier cohort enrolled in."""
    earlier = _people(program).filter(created_at__lt=timezone.now() - timedelta(days=150))
    month = (
        earlier.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("month", flat=True)
        .first()
    )
    assert month is not None
    return f"{month:%Y-%m}", f"{month:%B %Y}"


def _matched(people: Any, program: Program) -> int:
    """People with a match in the program that was not declined (the funnel's second step)."""
    theirs = Match.objects.filter(program=program).exclude(state=Match.State.DECLINED)
    mine = theirs.filter(Q(first=OuterRef("pk")) | Q(second=OuterRef("pk")))
    return int(people.filter(Exists(mine)).count())


def _counting(page: Page) -> int:
    """The head count the dashboard says it is counting."""
    line = page.get_by_text(re.compile(r"^Counting \d+ (people|person) and their pairs"))
    expect(line).to_be_visible()
    found = re.match(r"Counting (\d+)", line.inner_text())
    assert found is not None
    return int(found.group(1))


def _show(page: Page, month: str) -> None:
    """Choose who enrolled in `month` ("Any month" for everyone) and press Show."""
    page.get_by_label("Enrolled in").select_option(label=month)
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()


def _table(figure: Locator) -> list[list[str]]:
    """A chart's table, opened with "Show as table": header, then each row's cells."""
    figure.get_by_text("Show as table").click()
    table = figure.get_by_role("table")
    expect(table).to_be_visible()
    rows = table.get_by_role("row")
    return [
        [cell.strip() for cell in rows.nth(i).locator("th, td").all_inner_texts()]
        for i in range(rows.count())
    ]


def _download(page: Page, link: Locator, tmp_path: Path) -> list[list[str]]:
    """Follow a download link; the file's rows, parsed as CSV."""
    with page.expect_download() as info:
        link.click()
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with saved.open(newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


def _nothing_people_wrote(page_text: str, *files: list[list[str]]) -> None:
    """No note (private or shared), thank-you or goal of the demo's pairs in the page's text
    (hidden parts included) or in a file: reports count, they never quote."""
    written = (*texts.PRIVATE_NOTES, *texts.SHARED_NOTES, *texts.THANK_YOUS, *texts.GOALS)
    cells = "\n".join(cell for rows in files for row in rows for cell in row)
    leaked = [text for text in written if text in page_text or text in cells]
    assert not leaked, leaked


def _charts_drawn(page: Page) -> list[dict[str, Any]]:
    """Each chart's canvas once core/charts.js has drawn them all (it runs when the page's
    DOM is ready, which a visible heading does not promise)."""
    expect(page.locator("figure.chart canvas").first).to_be_visible()
    expect(page.locator("figure.chart canvas:not([data-drawn='1'])")).to_have_count(0)
    canvases: list[dict[str, Any]] = page.evaluate(CANVASES)
    return canvases


def test_the_demo_manager_reads_the_programs_dashboard(
    page: Page, program: Program, look: Check, tmp_path: Path
) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto("/accounts/login/")
    sign_in(page, MANAGER, DEMO_PASSWORD, look)
    menu_to_programs_i_run(page, look)
    page.get_by_role("link", name=program.name).click()
    menu = page.get_by_role("navigation", name=f"Running {program.name}")
    menu.get_by_role("link", name="Reports").click()

    # The dashboard, for everyone in the program.
    expect(page.get_by_role("heading", name=program.name, level=1)).to_be_visible()
    expect(menu.locator('[aria-current="page"]')).to_have_text("Reports")
    expect(page.get_by_role("heading", name="Is it working?", level=2)).to_be_visible()
    everyone = _counting(page)
    assert everyone == _people(program).count()
    assert all(c["drawn"] == "1" and c["width"] > 0 for c in _charts_drawn(page))
    look(page)
    page.screenshot(path=str(tmp_path / "dashboard-1280.png"), full_page=True)

    # One month's enrollments: the counts follow the filter.
    cohort, month = _busiest_earlier_month(program)
    _show(page, month)
    expect(page).to_have_url(re.compile(rf"[?&]cohort={cohort}(&|$)"))
    expect(page.get_by_label("Enrolled in")).to_have_value(cohort)
    in_month = _people(program).filter(created_at__month=int(cohort[5:]),
                                       created_at__year=int(cohort[:4]))  # fmt: skip
    enrolled = _counting(page)
    assert enrolled == in_month.count() >= 5
    assert enrolled < everyone

    # The funnel as a table: the same people, and how many of them were matched.
    funnel = page.locator("figure#chart-funnel")
    rows = _table(funnel)
    body = {row[0]: row[1:] for row in rows[1:]}
    assert body["Enrolled"][0] == str(enrolled)
    assert body["Matched"][0] == str(_matched(in_month, program))
    look(page)  # axe with a table open

    # Its rows as a CSV, exactly the table; the participants export, one row a person.
    csv_rows = _download(page, funnel.get_by_role("link", name="Download these rows (CSV)"),
                         tmp_path)  # fmt: skip
    assert csv_rows == rows
    downloads = page.get_by_role("region", name="Download the data")
    participants = _download(page, downloads.get_by_role("link", name="Participants"), tmp_path)
    assert len(participants) - 1 == enrolled  # after the header
    _nothing_people_wrote(page.locator("body").text_content() or "", csv_rows, participants)

    # Everyone again: a pair at risk, what their page tells them, and a check-in.
    _show(page, "Any month")
    assert _counting(page) == everyone
    health = page.get_by_role("region", name="How the pairs are going")
    at_risk = health.locator("ul.health-pairs > li").filter(has=page.locator(".health-at_risk"))
    expect(at_risk.first).to_be_visible()
    pair = at_risk.first
    reasons = [r.strip() for r in pair.locator("ul.reasons > li").all_inner_texts()]
    assert re.search(r"since you last met, on .*nothing is booked yet", reasons[0])
    names = pair.locator("p").first.locator("strong").all_inner_texts()
    match = _match_of(program, *names)
    assert match.mentorship_id is not None
    seen = health_for(mentorship_ids=[match.mentorship_id], today=timezone.now().date())
    assert seen[match.mentorship_id].status == "at_risk"
    assert reasons == seen[match.mentorship_id].reasons
    pair.get_by_role("button", name="Check in with them").click()
    expect(page.get_by_role("status")).to_have_text(
        f"Sent. {names[0]} and {names[1]} each have a friendly note from {program.name}."
    )
    told = Notification.objects.filter(kind=Kind.PROGRAM_CHECK_IN)
    assert set(told.values_list("recipient", flat=True)) == {
        match.first.profile.user_id,
        match.second.profile.user_id,
    }
    look(page)

    # On a phone: nothing sideways, every chart drawn with a size, even when printed.
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.get_by_role("heading", name="Is it working?", level=2)).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the dashboard scrolls sideways at 390 px"
    assert all(c["drawn"] == "1" and c["width"] > 0 for c in _charts_drawn(page))
    page.screenshot(path=str(tmp_path / "dashboard-390.png"), full_page=True)
    page.emulate_media(media="print")
    printed = _charts_drawn(page)
    assert all(c["width"] > 0 and c["height"] > 0 for c in printed), printed
    assert (tmp_path / "dashboard-1280.png").stat().st_size > 0
    assert (tmp_path / "dashboard-390.png").stat().st_size > 0


def _match_of(program: Program, mentee: str, mentor: str) -> Match:
    """The program's live pair of these two people (by their names as the page shows them)."""
    found = [
        m
        for m in Match.objects.filter(program=program, mentorship__state="active").select_related(
            "first__profile__user", "second__profile__user"
        )
        if (m.first.profile.user.display_name, m.second.profile.user.display_name)
        == (mentee, mentor)
    ]
    assert len(found) == 1, (mentee, mentor)
    return found[0]
