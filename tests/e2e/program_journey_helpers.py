"""Shared by the program journeys (`test_program_journey.py`, `test_coffee_journey.py`): the
world (an organization and its manager), the page check (axe, nothing scrolling sideways), a
second person's browser, signing in through the form, the menu to "Programs I run", the
round's figures, and the HR export the 1:1 journey imports."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tandem.accounts.models import User
from tandem.organizations.models import Organization
from tandem.profiles.tests.factories import OrganizationFactory
from tandem.programs.tests.factories import manager_of
from tandem.programs.tests.import_files import HEADERS, csv_file

PAGE_WIDER_THAN_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"
DOMAIN = "northwind.test"
PEOPLE = 100  # on each side
BAD_MENTEE = 42  # the mentee whose level is out of range in the first file

FIRST_NAMES = (
    "Ada", "Bram", "Chidi", "Dana", "Emeka", "Freya", "Goran", "Hana", "Ines", "Jonah",
    "Kemi", "Lars", "Mira", "Nuno", "Olga", "Priya", "Quentin", "Rosa", "Sven", "Tariq",
)  # fmt: skip
LAST_NAMES = (
    "Abara", "Bianchi", "Costa", "Dube", "Eriksen", "Fofana", "Gupta", "Haddad", "Ito", "Jensen",
)  # fmt: skip
DEPARTMENTS = ("Engineering", "Product", "Data", "Sales", "Finance")
TIMEZONES = ("Europe/London", "Europe/Berlin", "America/New_York", "Asia/Singapore")
LANGUAGES = ("en", "en;fr", "English;German", "en;es")
# Skills from the taxonomy, some by a synonym (JS, PM, Golang), as an HR export would have them.
OFFERED = (
    "Python;SQL", "JS;React", "PM;Product strategy", "Data visualisation;Statistics",
    "B2B sales;Negotiation", "Financial modelling;Valuation", "Golang;Kubernetes",
    "Team leadership;Giving feedback",
)  # fmt: skip
WANTED = (
    "Python", "JavaScript", "Product strategy", "Data analysis;Statistics", "Negotiation",
    "Financial modelling", "Kubernetes", "Team leadership",
)  # fmt: skip

Check = Callable[[Page], None]


@dataclass
class World:
    organization: Organization
    manager: User


def world_build() -> World:
    organization = OrganizationFactory(name="Northwind", slug="northwind")
    return World(organization, manager_of(organization))


def page_check(assert_accessible: Check) -> Check:
    """Every page visited: axe finds nothing serious, and nothing scrolls sideways."""

    def check(page: Page) -> None:
        assert_accessible(page)
        assert not page.evaluate(PAGE_WIDER_THAN_SCREEN), f"{page.url} scrolls sideways"

    return check


def other_browser(browser: Browser, base_url: str) -> Iterator[Page]:
    """Another person's browser: a context of its own, no cookies shared with `page`."""
    context = browser.new_context(base_url=base_url, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def sign_in(page: Page, email: str, password: str, look: Check) -> None:
    """The login form, scanned like every other page (the `log_in` fixture goes straight
    through it)."""
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    look(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    look(page)


def menu_to_programs_i_run(page: Page, look: Check) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programs").click()
    expect(page.get_by_role("heading", name="My programs", level=1)).to_be_visible()
    look(page)
    page.get_by_role("link", name="Programs I run").click()
    expect(page.get_by_role("heading", name="Programs I run", level=1)).to_be_visible()
    look(page)


def figures_shown(page: Page, *, pool: bool) -> None:
    """The quality figures, the histogram (its bands add up to the pairs listed) and the
    pairs."""
    quality = page.get_by_role("region", name="How good the matching is")
    expect(quality).to_be_visible()
    matched = "People matched" if pool else "Mentees matched"
    expect(quality.get_by_role("term").filter(has_text=matched)).to_be_visible()
    expect(quality.get_by_role("definition").first).to_have_text(re.compile(r"^\d+ of \d+ \("))
    for label in ("Mean score", "Lowest score", "Score at the 10th percentile"):
        expect(quality.get_by_role("term").filter(has_text=label)).to_be_visible()
    scores = page.get_by_role("figure").filter(has_text="Pairs per score band")
    expect(scores.locator("canvas[data-drawn]")).to_have_count(1)  # Chart.js drew it
    scores.get_by_text("Show as table").click()
    bands = scores.get_by_role("table", name="Pairs per score band")
    expect(bands.get_by_role("row")).to_have_count(11)  # a header and ten bands
    listed = page.get_by_text(re.compile(r"^\d+ pairs?, weakest first"))
    expect(listed).to_be_visible()
    in_bands = sum(int(n) for n in bands.get_by_role("cell").all_inner_texts())
    assert listed.inner_text().startswith(f"{in_bands} pair"), (in_bands, listed.inner_text())


# --- the HR export ---------------------------------------------------------------------------


def _name(i: int) -> tuple[str, str]:
    """Person i's first and last name: 200 different people."""
    return FIRST_NAMES[i % len(FIRST_NAMES)], LAST_NAMES[i // len(FIRST_NAMES)]


def _mentor(n: int) -> tuple[str, ...]:
    first, last = _name(n)
    return (
        f"mentor{n:03}@{DOMAIN}", first, last, "mentor", "Senior engineer",
        DEPARTMENTS[n % 5], str(6 + n % 4), "", TIMEZONES[n % 4], LANGUAGES[n % 4],
        OFFERED[n % len(OFFERED)], "", "",
    )  # fmt: skip


def _mentee(n: int, *, level: str | None = None) -> tuple[str, ...]:
    first, last = _name(PEOPLE + n)
    return (
        f"mentee{n:03}@{DOMAIN}", first, last, "mentee", "Analyst", DEPARTMENTS[(n + 2) % 5],
        level or str(1 + n % 4),
        f"mentor{n:03}@{DOMAIN}",  # their manager mentors too: never their own mentor here
        TIMEZONES[(n + 1) % 4], LANGUAGES[n % 4], "", WANTED[n % len(WANTED)], "",
    )  # fmt: skip


def hr_export(path: Path, *, bad_level: str | None = None) -> Path:
    """100 mentors then 100 mentees; with `bad_level`, mentee BAD_MENTEE's level is that."""
    mentors = [_mentor(n) for n in range(PEOPLE)]
    mentees = [_mentee(n, level=bad_level if n == BAD_MENTEE else None) for n in range(PEOPLE)]
    path.write_bytes(csv_file([*mentors, *mentees], HEADERS))
    return path
