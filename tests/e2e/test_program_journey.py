"""Issue 11's acceptance journey, in Chromium with axe on every page visited.

A program manager starts a 1:1 mentoring program from the menu, imports 200 people from an HR
export (a file with one bad row first: its line, column and message, no confirm button, nothing
written), runs a round, reads its figures, histogram and pairs, locks one pair and forbids
another, runs it again, compares the three ways of matching, and publishes. One of the imported
mentees follows the invitation email to set a password, finds the new match on their home page,
in their notifications and under "My programs", opens it and says yes.

Then a coffee program: the manager runs and publishes a round through the pages, and a person
in it sees who they meet this cycle and for how long.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db.models import Q
from playwright.sync_api import Browser, Locator, Page, expect

from tandem.accounts.models import User
from tandem.accounts.tests.factories import PASSWORD
from tandem.organizations.models import Organization
from tandem.profiles.tests.factories import OrganizationFactory
from tandem.programs.models import Match, PairRule, Participant, Program, Round, RoundPair
from tandem.programs.rounds.selectors import PAIRS_PER_PAGE
from tandem.programs.tests.factories import ProgramFactory, manager_of
from tandem.programs.tests.import_files import HEADERS, csv_file
from tandem.programs.tests.round_world import person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGE_WIDER_THAN_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"
DOMAIN = "northwind.test"
PEOPLE = 100  # on each side
BAD_MENTEE = 42  # the mentee whose level is out of range in the first file
NEW_PASSWORD = "a-long-new-passphrase-9"

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


def _hr_export(path: Path, *, bad_level: str | None = None) -> Path:
    """100 mentors then 100 mentees; with `bad_level`, mentee BAD_MENTEE's level is that."""
    mentors = [_mentor(n) for n in range(PEOPLE)]
    mentees = [_mentee(n, level=bad_level if n == BAD_MENTEE else None) for n in range(PEOPLE)]
    path.write_bytes(csv_file([*mentors, *mentees], HEADERS))
    return path


@pytest.fixture
def look(assert_accessible: Check) -> Check:
    """Every page visited: axe finds nothing serious, and nothing scrolls sideways."""

    def check(page: Page) -> None:
        assert_accessible(page)
        assert not page.evaluate(PAGE_WIDER_THAN_SCREEN), f"{page.url} scrolls sideways"

    return check


@dataclass
class World:
    organization: Organization
    manager: User


@pytest.fixture
def world(transactional_db: Any) -> World:
    organization = OrganizationFactory(name="Northwind", slug="northwind")
    return World(organization, manager_of(organization))


@pytest.fixture
def second_page(browser: Browser, live_server: Any) -> Iterator[Page]:
    """Another person's browser: a context of its own, no cookies shared with `page`."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _sign_in(page: Page, email: str, password: str, look: Check) -> None:
    """The login form, scanned like every other page (the `log_in` fixture goes straight
    through it)."""
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    look(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    look(page)


def _menu_to_programs_i_run(page: Page, look: Check) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programs").click()
    expect(page.get_by_role("heading", name="My programs", level=1)).to_be_visible()
    look(page)
    page.get_by_role("link", name="Programs I run").click()
    expect(page.get_by_role("heading", name="Programs I run", level=1)).to_be_visible()
    look(page)


def _pairs(round_: Round) -> list[RoundPair]:
    """The round's pairs in the order the page lists them (weakest first)."""
    return list(
        RoundPair.objects.filter(round=round_)
        .select_related("first__profile__user", "second__profile__user")
        .order_by("score", "id")
    )


def _names(pair: RoundPair) -> str:
    return f"{pair.first.profile.user.display_name} and {pair.second.profile.user.display_name}"


def _pair_rows(page: Page, pair: RoundPair) -> Locator:
    """The pairs table's rows holding both people of `pair` (by their emails)."""
    pairs = page.get_by_role("region", name="Pairs", exact=True).last
    return (
        pairs.get_by_role("row")
        .filter(has_text=pair.first.profile.user.email)
        .filter(has_text=pair.second.profile.user.email)
    )


def _figures_shown(page: Page, *, pool: bool) -> None:
    """The quality figures, the histogram (its bands add up to the pairs listed) and the
    pairs."""
    quality = page.get_by_role("region", name="How good the matching is")
    expect(quality).to_be_visible()
    matched = "People matched" if pool else "Mentees matched"
    expect(quality.get_by_role("term").filter(has_text=matched)).to_be_visible()
    expect(quality.get_by_role("definition").first).to_have_text(re.compile(r"^\d+ of \d+ \("))
    for label in ("Mean score", "Lowest score", "Score at the 10th percentile"):
        expect(quality.get_by_role("term").filter(has_text=label)).to_be_visible()
    expect(page.get_by_role("figure")).to_contain_text("Pairs per band of ten points of score.")
    bands = page.get_by_role("table", name="Pairs per score band")
    expect(bands.get_by_role("row")).to_have_count(11)  # a header and ten bands
    listed = page.get_by_text(re.compile(r"^\d+ pairs?, weakest first"))
    expect(listed).to_be_visible()
    in_bands = sum(int(n) for n in bands.get_by_role("cell").all_inner_texts())
    assert listed.inner_text().startswith(f"{in_bands} pair"), (in_bands, listed.inner_text())


def test_a_manager_runs_a_mentoring_program_from_import_to_a_confirmed_match(
    page: Page, second_page: Page, world: World, look: Check, tmp_path: Path
) -> None:
    # 1. The manager signs in, finds "Programs I run" through the menu and starts a program.
    page.goto("/accounts/login/")
    _sign_in(page, world.manager.email, PASSWORD, look)
    _menu_to_programs_i_run(page, look)
    page.get_by_role("button", name="Start a program").click()  # a link styled as a button
    expect(page.get_by_role("heading", name="Start a program")).to_be_visible()
    look(page)
    expect(page.get_by_label("Organization")).to_have_value(str(world.organization.pk))
    page.get_by_label("Name", exact=True).fill("Spring mentoring")
    page.get_by_label("1:1 mentoring").check()
    page.get_by_label("By invitation").check()
    page.get_by_label("What it's for (optional)").fill("Six months with a mentor from elsewhere.")
    page.get_by_role("button", name="Create the program").click()
    expect(page.get_by_text("Spring mentoring is ready.")).to_be_visible()
    look(page)
    program = Program.objects.get(name="Spring mentoring")
    assert (program.organization, program.kind) == (world.organization, Program.Kind.MENTORING)
    assert program.publish_as == Program.Publish.CONFIRM  # the default: both confirm an intro

    # 2. The import: a file with one bad row first. Its line, column and message show, there is
    # no confirm button, and nothing is written.
    page.get_by_role("link", name="Import from a spreadsheet").click()
    expect(page.get_by_role("heading", name="Import participants")).to_be_visible()
    look(page)
    page.get_by_label("CSV file").set_input_files(_hr_export(tmp_path / "bad.csv", bad_level="11"))
    page.get_by_role("button", name="Check the file").click()
    problems = page.get_by_role("region", name="Problems to fix", exact=True)
    expect(problems).to_be_visible()
    expect(problems.get_by_role("row")).to_have_count(2)  # the header and the one problem
    bad_line = 1 + PEOPLE + BAD_MENTEE + 1  # the header, the mentors, then the mentees
    expect(problems.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        [str(bad_line), "level", "The level is a whole number from 1 to 10, not “11”"]
    )
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)
    look(page)
    assert not Participant.objects.filter(program=program).exists()
    assert not User.objects.filter(email__endswith=f"@{DOMAIN}").exists()
    assert not mail.outbox

    page.get_by_role("link", name="upload it again").click()
    expect(page.get_by_role("heading", name="Import participants")).to_be_visible()
    look(page)
    page.get_by_label("CSV file").set_input_files(_hr_export(tmp_path / "good.csv"))
    page.get_by_role("button", name="Check the file").click()
    summary = page.get_by_role("region", name="What the file would do")
    expect(summary).to_contain_text("200 people new to Tandem")
    expect(summary).to_contain_text("0 already on Tandem")
    expect(page.get_by_role("heading", name="New to Tandem (the first 50 of 200)")).to_be_visible()
    expect(page.get_by_role("region", name="Problems to fix")).to_have_count(0)
    look(page)
    page.get_by_role("button", name="Confirm import").click()
    expect(
        page.get_by_text("Imported: created 200, updated 0, unchanged 0. 200 invitations are on")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Participants")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^200 in all"))).to_be_visible()
    expect(page.get_by_text("mentor000@northwind.test")).to_be_visible()
    look(page)
    places = Participant.objects.filter(program=program, state=Participant.State.ACTIVE)
    assert places.filter(role=Participant.Role.MENTOR).count() == PEOPLE
    assert places.filter(role=Participant.Role.MENTEE).count() == PEOPLE
    assert len(mail.outbox) == 2 * PEOPLE  # one invitation each

    # 3. A round: it runs at once here (the test task backend), so the page is the draft.
    page.get_by_role("link", name="Matching rounds").click()
    expect(page.get_by_role("heading", name="Run a round")).to_be_visible()
    expect(page.get_by_text("No rounds yet.")).to_be_visible()
    look(page)
    expect(page.get_by_label("How to match")).to_have_value("optimal")
    page.get_by_role("button", name="Run a round").click()
    expect(page.get_by_text("Round 1 is on its way.")).to_be_visible()
    _figures_shown(page, pool=False)
    look(page)
    round_ = Round.objects.get(program=program, number=1)
    assert round_.state == Round.State.DRAFT
    first_run = _pairs(round_)
    assert len(first_run) == PEOPLE
    quality = page.get_by_role("region", name="How good the matching is")
    expect(quality.get_by_role("definition").first).to_have_text(
        re.compile(rf"^{round_.quality['mentees_matched']} of {PEOPLE} \(")
    )
    expect(page.get_by_text(f"{PEOPLE} pairs, weakest first")).to_be_visible()
    # Nobody is paired with their own manager (the file's manager_email).
    for pair in first_run:
        assert pair.first.profile.manager_email != pair.second.profile.user.email

    # 4. Lock the weakest pair, forbid the next one, and run again.
    locked, forbidden = first_run[0], first_run[1]
    page.get_by_role("button", name=f"Lock {_names(locked)}", exact=True).click()
    expect(
        page.get_by_text(f"Locked: {_names(locked)} stay paired when you run it again.")
    ).to_be_visible()
    expect(_pair_rows(page, locked)).to_contain_text("· locked")
    expect(page.get_by_role("button", name=f"Unlock {_names(locked)}", exact=True)).to_be_visible()
    look(page)
    page.get_by_role("button", name=f"Forbid {_names(forbidden)}", exact=True).click()
    expect(
        page.get_by_text(f"{_names(forbidden)} won't be paired in this program again.")
    ).to_be_visible()
    expect(_pair_rows(page, forbidden)).to_have_count(0)
    expect(page.get_by_text(f"{PEOPLE - 1} pairs, weakest first")).to_be_visible()
    look(page)
    rules = set(PairRule.objects.filter(program=program).values_list("kind", "first", "second"))
    assert rules == {
        (PairRule.Kind.LOCK, locked.first_id, locked.second_id),
        (PairRule.Kind.FORBID, forbidden.first_id, forbidden.second_id),
    }

    decide = page.get_by_role("region", name="Run again, publish or discard")
    expect(decide.get_by_label("How to match")).to_have_value("optimal")
    decide.get_by_role("button", name="Run again").click()
    expect(page.get_by_text("Round 1 is running again; locked pairs stay.")).to_be_visible()
    _figures_shown(page, pool=False)
    look(page)
    second_run = _pairs(round_)
    people = [(p.first_id, p.second_id) for p in second_run]
    assert (forbidden.first_id, forbidden.second_id) not in people
    kept = people.index((locked.first_id, locked.second_id))  # ValueError if it were gone
    assert second_run[kept].origin == "locked"
    # Every page of pairs, as a person would go through them: the locked pair is on one, the
    # forbidden pair on none. (The figures, the comparison and the buttons are on each page.)
    pages = -(-len(second_run) // PAIRS_PER_PAGE)
    locked_on = kept // PAIRS_PER_PAGE + 1
    for number in range(1, pages + 1):
        if number > 1:
            page.get_by_role("navigation", name="Pages of pairs").get_by_role(
                "link", name="Stronger →"
            ).click()
            expect(page.get_by_text(f"Page {number} of {pages}", exact=True)).to_be_visible()
            look(page)
        expect(_pair_rows(page, forbidden)).to_have_count(0)
        expect(_pair_rows(page, locked)).to_have_count(1 if number == locked_on else 0)
        if number == locked_on:
            expect(_pair_rows(page, locked)).to_contain_text("Locked by a manager · locked")

    # 5. The three ways of matching, side by side, each with its figures.
    expect(
        page.get_by_role("heading", name="The three ways of matching, on the same people")
    ).to_be_visible()
    compare = page.get_by_role("table").filter(
        has=page.get_by_role("columnheader", name="Stable", exact=True)
    )
    expect(compare.get_by_role("columnheader")).to_have_text(
        ["Figure", "Best total fit", "Stable", "Most people matched"]
    )
    for figure in ("Pairs", "Matched (%)", "Mean score", "Lowest score", "Blocking pairs"):
        row = compare.get_by_role("row").filter(
            has=page.get_by_role("rowheader", name=figure, exact=True)
        )
        expect(row.get_by_role("cell")).to_have_text([re.compile(r"^\d+(\.\d+)?$")] * 3)
    expect(page.get_by_text("This round used “Best total fit”.")).to_be_visible()

    # 6. Publish: every pair becomes a match to confirm (the program's default), and both
    # people are told.
    count = len(second_run)
    decide.get_by_role("button", name=f"Publish {count} pairs").click()
    expect(page.get_by_text(f"Published: {count} pairs, and everyone was told.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Publish "))).to_have_count(0)
    look(page)
    round_.refresh_from_db()
    assert round_.state == Round.State.PUBLISHED
    matches = Match.objects.filter(program=program, round=round_)
    assert matches.count() == count
    assert set(matches.values_list("state", flat=True)) == {Match.State.PROPOSED}
    assert not matches.filter(mentorship__isnull=False).exists()
    pairs = set(matches.values_list("first", "second"))
    assert (locked.first_id, locked.second_id) in pairs
    assert (forbidden.first_id, forbidden.second_id) not in pairs
    assert not PairRule.objects.filter(program=program, kind=PairRule.Kind.LOCK).exists()

    # 7. The locked pair's mentee, in a browser of their own, follows the invitation from the
    # import to set a password, signs in and finds their match.
    mentee, mentor = locked.first.profile.user, locked.second.profile.user
    (invitation,) = [
        m for m in mail.outbox if m.to == [mentee.email] and "added you to" in m.subject
    ]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", invitation.body)
    assert link is not None, invitation.body
    other = second_page
    other.goto(link[1])
    expect(other.get_by_role("heading", name="Change Password")).to_be_visible()
    look(other)
    other.get_by_label("New Password", exact=True).fill(NEW_PASSWORD)
    other.get_by_label("New Password (again)").fill(NEW_PASSWORD)
    other.get_by_role("button", name="Change Password").click()
    expect(other.get_by_text("Your password is now changed.")).to_be_visible()
    look(other)
    other.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    _sign_in(other, mentee.email, NEW_PASSWORD, look)
    next_step = f"Spring mentoring: Confirm your match with {mentor.display_name}."
    expect(other.get_by_role("link", name=next_step)).to_be_visible()

    other.get_by_role("link", name=re.compile(r"^Notifications")).click()
    expect(
        other.get_by_text(f"Spring mentoring: meet {mentor.display_name}, your mentor")
    ).to_be_visible()
    look(other)

    other.get_by_role("navigation", name="Main").get_by_role("link", name="Programs").click()
    expect(other.get_by_role("heading", name="My programs")).to_be_visible()
    look(other)
    other.get_by_role("link", name=f"Confirm your match with {mentor.display_name}.").click()
    expect(other.get_by_role("heading", name=f"Your mentor: {mentor.display_name}")).to_be_visible()
    expect(other.locator("#match-state")).to_have_text("Waiting for both to confirm")
    look(other)
    other.get_by_role("button", name="Yes, let's meet").click()
    expect(other.get_by_text("Confirmed. We've told them.")).to_be_visible()
    expect(
        other.get_by_text(f"You've said yes. Waiting for {mentor.display_name} to confirm.")
    ).to_be_visible()
    look(other)
    match = matches.get(first=locked.first, second=locked.second)
    assert match.first_confirmed_at is not None
    assert match.second_confirmed_at is None
    assert match.state == Match.State.PROPOSED


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
    _sign_in(page, world.manager.email, PASSWORD, look)
    _menu_to_programs_i_run(page, look)
    page.get_by_role("link", name="Friday coffee").click()
    expect(page.get_by_role("heading", name="Friday coffee", level=1)).to_be_visible()
    look(page)
    page.get_by_role("link", name="Matching rounds").click()
    expect(page.get_by_role("heading", name="Run a round")).to_be_visible()
    look(page)
    page.get_by_role("button", name="Run a round").click()
    _figures_shown(page, pool=True)
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
    _sign_in(second_page, me.profile.user.email, PASSWORD, look)
    link = f"Friday coffee: Confirm your match with {them.display_name}."
    second_page.get_by_role("link", name=link).click()
    expect(
        second_page.get_by_role("heading", name=f"This cycle you meet {them.display_name}")
    ).to_be_visible()
    expect(second_page.get_by_role("heading", name=re.compile(r"^25 minutes"))).to_be_visible()
    look(second_page)
