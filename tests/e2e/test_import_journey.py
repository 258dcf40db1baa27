"""A manager imports participants on a phone: upload, a preview with bad rows (each with its
line, column and message), a fixed file, confirm. Nothing scrolls sideways at 360 px (the
tables scroll inside their own box) and axe passes on every step."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tandem.accounts.tests.factories import PASSWORD
from tandem.profiles.tests.factories import OrganizationFactory
from tandem.programs.models import Participant
from tandem.programs.tests.factories import ProgramFactory, manager_of
from tandem.programs.tests.import_files import ANA, BEN, CLEO, csv_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
PAGE_WIDER_THAN_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"


def _fits(page) -> None:
    assert not page.evaluate(PAGE_WIDER_THAN_SCREEN), f"{page.url} scrolls sideways at 360 px"


def test_a_manager_imports_on_a_phone(page, log_in, assert_accessible, tmp_path) -> None:
    program = ProgramFactory(organization=OrganizationFactory(name="Acme"), name="Spring")
    manager = manager_of(program.organization)
    log_in(page, manager.email, PASSWORD)  # on a wide screen, where "Log out" shows
    page.set_viewport_size(PHONE)
    page.goto(f"/programs/{program.slug}/import/")
    _fits(page)
    assert_accessible(page)

    bad = tmp_path / "bad.csv"
    long_title = "Principal staff engineer for platform reliability and developer experience"
    bad.write_bytes(
        csv_file([(*ANA[:4], long_title, *ANA[5:6], "eleven", *ANA[7:]), BEN, ("cleo@", *CLEO[1:])])
    )
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Problems to fix")).to_be_visible()
    problems = page.get_by_role("region", name="Problems to fix", exact=True)
    expect(problems.get_by_role("row")).to_have_count(3)  # the header and two problems
    expect(problems).to_contain_text("the level is a whole number from 1 to 10".capitalize())
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)
    _fits(page)
    assert_accessible(page)

    good = tmp_path / "good.csv"
    good.write_bytes(csv_file([ANA, BEN, CLEO]))
    page.get_by_role("link", name="upload it again").click()
    page.get_by_label("CSV file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("region", name="New to Tandem", exact=True)).to_contain_text(
        "ana@acme.test"
    )
    _fits(page)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm import").click()
    expect(page.get_by_text("Imported: created 3, updated 0, unchanged 0.")).to_be_visible()
    assert Participant.objects.filter(program=program).count() == 3
