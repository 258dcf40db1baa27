"""Your data in a real browser: a mentee opens "Your data" from the menu on a 390 px phone,
downloads everything as JSON (their profile, the mentorship, the note they shared), then deletes
their account (a wrong password first: a field message, and nothing goes), sees the goodbye page
and can no longer sign in; their mentor, in a fresh browser, still has the mentorship and the
shared note, with the mentee shown as "a former member" and never by name."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem.accounts.models import FORMER_MEMBER, User
from tandem.accounts.tests.factories import PASSWORD
from tandem.meetings.models import Meeting
from tandem.meetings.services import note_add
from tandem.meetings.tests.factories import HeldMeetingFactory
from tandem.mentorships.models import Mentorship
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

from .conftest import TIMEOUT_MS
from .test_phones import PHONE, WIDER_THAN_THE_SCREEN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MENTEE_NAME = "Wilhelmina Okafor"
MENTOR_NAME = "Bertrand Lindqvist"
SHARED = "We sketched a stakeholder map for the platform migration"
PRIVATE = "Ask next time how to say no to the extra project"
WRONG_PASSWORD = "not-my-password-at-all"


@pytest.fixture
def held(transactional_db) -> Meeting:
    """An active mentorship (the real clock) with a meeting held five days ago, where the
    mentee wrote a shared note and a private one."""
    now = timezone.now()
    mentee = ProfileFactory(user__first_name="Wilhelmina", user__last_name="Okafor")
    mentor = MentorProfileFactory(user__first_name="Bertrand", user__last_name="Lindqvist")
    mentorship = ActiveMentorshipFactory(
        mentee=mentee, mentor=mentor, asked_at=now - timedelta(days=14),
        now=now - timedelta(days=12),
    )  # fmt: skip
    meeting = HeldMeetingFactory(mentorship=mentorship, now=now - timedelta(days=7))
    later = meeting.starts_at + timedelta(hours=1)
    for text, private in ((SHARED, False), (PRIVATE, True)):
        note_add(meeting=meeting, actor=mentee.user, text=text, is_private=private, now=later)
    return Meeting.objects.get(pk=meeting.pk)  # the model, as the factory's type is not


@pytest.fixture
def new_page(browser, live_server):
    """`new_page()`: a page in a context of its own (its own cookies), downloads allowed."""
    contexts = []

    def make() -> Page:
        context = browser.new_context(
            base_url=live_server.url, locale="en-GB", timezone_id="UTC", accept_downloads=True
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _fits_the_phone(page: Page) -> None:
    wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert wide is None, f"{page.url} scrolls sideways on a 390 px phone: {wide}"


def _sign_in_is_refused(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(re.compile("password you specified are not correct"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)


def test_download_your_data_then_delete_and_the_mentor_keeps_the_records(
    new_page, held: Meeting, log_in, assert_accessible
) -> None:
    mentorship = held.mentorship
    mentee, mentor = mentorship.mentee.user, mentorship.mentor.user
    email = mentee.email

    # The mentee signs in, then on a phone opens the folded menu and goes to "Your data".
    page = new_page()
    log_in(page, email, PASSWORD)
    page.set_viewport_size(PHONE)
    page.locator("#site-menu > summary").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Your data").click()
    expect(page.get_by_role("heading", name="Your data", level=1)).to_be_visible()
    _fits_the_phone(page)
    assert_accessible(page)

    # The download: one JSON file with their profile, the mentorship and the shared note.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your data").click()
    assert re.fullmatch(r"tandem-data-\d{4}-\d{2}-\d{2}\.json", download.value.suggested_filename)
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == email
    assert data["profile"]["headline"] == mentorship.mentee.headline
    [mentorship_row] = data["mentorships"]
    assert (mentorship_row["your_role"], mentorship_row["other_side"]) == ("mentee", MENTOR_NAME)
    assert {(n["text"], n["is_private"]) for n in data["notes"]} == {
        (SHARED, False), (PRIVATE, True),
    }  # fmt: skip

    # Delete: a wrong password is refused at the field, and nothing is deleted.
    page.get_by_role("link", name="Delete your account").click()
    expect(page.get_by_role("heading", name="Delete your account", level=1)).to_be_visible()
    _fits_the_phone(page)
    assert_accessible(page)
    page.get_by_label(re.compile("Type DELETE")).fill("DELETE")
    page.get_by_label("Your password").fill(WRONG_PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("alert")).to_contain_text("nothing was deleted")
    expect(page.get_by_text("That isn't your password. Nothing was deleted.")).to_be_visible()
    expect(page.get_by_label("Your password")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    still = User.objects.get(pk=mentee.pk)
    assert (still.is_active, still.email, still.first_name) == (True, email, "Wilhelmina")
    assert Mentorship.objects.get(pk=mentorship.pk).state == Mentorship.State.ACTIVE

    # The right password: the account goes, and the goodbye page says so.
    page.get_by_label(re.compile("Type DELETE")).fill("DELETE")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Your account is deleted", level=1)).to_be_visible()
    expect(page.locator("#site-menu")).to_have_count(0)  # signed out
    _fits_the_phone(page)
    assert_accessible(page)

    # Signing in again is refused.
    _sign_in_is_refused(page, email)

    # The mentor, in a fresh browser, keeps the mentorship and the shared note: by a former
    # member, never by name.
    mentor_page = new_page()
    log_in(mentor_page, mentor.email, PASSWORD)
    mentor_page.goto(mentorship.get_absolute_url())
    expect(
        mentor_page.get_by_role("heading", name=f"Mentorship with {FORMER_MEMBER}", level=1)
    ).to_be_visible()
    expect(mentor_page.locator("#mentorship-state")).to_have_text("Closed")
    expect(mentor_page.get_by_role("region", name="Contact")).to_contain_text(
        "contact details are no longer shared"
    )
    expect(mentor_page.locator("body")).not_to_contain_text(MENTEE_NAME)
    expect(mentor_page.locator("body")).not_to_contain_text(email)
    assert_accessible(mentor_page)

    mentor_page.goto(held.get_absolute_url())
    notes = mentor_page.get_by_role("region", name="Notes")
    expect(notes).to_contain_text(SHARED)
    expect(notes).to_contain_text(f"— {FORMER_MEMBER}")
    expect(notes).not_to_contain_text(PRIVATE)
    expect(mentor_page.locator("body")).not_to_contain_text(MENTEE_NAME)
