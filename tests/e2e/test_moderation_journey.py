"""Reporting and blocking in a real browser, and staff acting on a report in the admin.

1. A mentor opens a pushy ask, reports it (a reason, some details) on a 390 px phone and is
   thanked; then blocks the mentee from their profile and sees them on the "Blocked and
   muted" list with an Unblock button. The mentee, in a fresh browser, no longer finds the
   mentor in the directory, and the mentor's profile and ask page are a plain "not found".
2. A member of staff signs in through Tandem's own login (the admin's sends them there),
   finds the open report in the admin's queue, reads the snapshot of the ask, and suspends
   the mentee: the report is acted on, and the mentee can no longer sign in.
3. The same, but a profile reported in the browser and a warning: the person gets the email.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem.accounts.models import User
from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.mentorships.models import Ask
from tandem.mentorships.tests.factories import AskFactory
from tandem.moderation.models import Block, Report
from tandem.moderation.reports import report_create
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

from .conftest import TIMEOUT_MS
from .test_phones import PHONE, WIDER_THAN_THE_SCREEN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MENTEE_NAME = "Rupert Vance"
MENTOR_NAME = "Ottilie Marchetti"
OTHER_MENTOR_NAME = "Kwame Asante"
PUSHY = (
    "I need you to rewrite my CV by Friday. Answer today or I will keep messaging you "
    "every day until you do. Busy is not an excuse."
)
DETAILS = "Second message like this; it made me uneasy."
REPORTS = "/admin/moderation/report/"


@pytest.fixture
def pushy_ask(transactional_db) -> Ask:
    """A pending ask from a mentee to a mentor, sent through the ask services just now; and
    another mentor, so the directory has someone in it after the block."""
    mentee = ProfileFactory(user__first_name="Rupert", user__last_name="Vance")
    mentor = MentorProfileFactory(user__first_name="Ottilie", user__last_name="Marchetti")
    MentorProfileFactory(user__first_name="Kwame", user__last_name="Asante")
    ask = AskFactory(mentee=mentee, mentor=mentor, note=PUSHY, now=timezone.now())
    return Ask.objects.get(pk=ask.pk)  # the model, as the factory's type is not


@pytest.fixture
def staff(transactional_db) -> User:
    """Staff who may read and act on reports, and nothing more."""
    user = User.objects.get(pk=UserFactory(first_name="Priya", last_name="Staff", is_staff=True).pk)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="moderation", codename__in=("view_report", "change_report")
        )
    )
    return user


@pytest.fixture
def new_page(browser, live_server):
    """`new_page()`: a page in a context of its own (its own cookies)."""
    contexts = []

    def make() -> Page:
        context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="UTC")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _fits_the_phone(page: Page) -> None:
    wide = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert wide is None, f"{page.url} scrolls sideways on a 390 px phone: {wide}"


def _not_found(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 404, f"{url} is not a 404"
    expect(page.get_by_role("heading", name="We couldn't find that page", level=1)).to_be_visible()


def _sign_in(page: Page, email: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _suspended_cannot_sign_in(page: Page, email: str) -> None:
    """With the right password, allauth shows its "account inactive" page; nobody is signed in,
    and a page behind the login still asks for one."""
    page.goto("/accounts/login/")
    _sign_in(page, email)
    expect(page).to_have_url(re.compile(r"/accounts/inactive/$"))
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    page.goto("/home/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/home/$"))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()


def _staff_opens_the_queue(page: Page, staff: User) -> None:
    """The admin's own login sends staff to Tandem's, and back to the admin after."""
    page.goto(REPORTS)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    _sign_in(page, staff.email)
    expect(page).to_have_url(re.compile(re.escape(REPORTS) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Select report to"))


def _staff_runs(page: Page, report: Report, action: str) -> None:
    """Tick the report in the queue and run one of the admin actions on it."""
    page.goto(REPORTS)
    page.locator(f"input[name='_selected_action'][value='{report.pk}']").check()
    page.locator("select[name='action']").select_option(value=action)
    page.get_by_role("button", name="Go").click()


class TestReportAndBlock:
    def test_a_mentor_reports_a_pushy_ask_then_blocks_the_mentee(
        self, new_page, pushy_ask: Ask, log_in, assert_accessible
    ) -> None:
        mentee, mentor = pushy_ask.mentee, pushy_ask.mentor

        # The mentor opens the ask on a phone and follows "Report".
        page = new_page()
        log_in(page, mentor.user.email, PASSWORD)
        page.set_viewport_size(PHONE)
        page.goto(pushy_ask.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_contain_text(MENTEE_NAME)
        page.get_by_role("link", name="Report this request as inappropriate").click()
        expect(
            page.get_by_role("heading", name=f"Report an ask from {MENTEE_NAME}", level=1)
        ).to_be_visible()
        expect(page.locator("blockquote")).to_contain_text("Busy is not an excuse")
        _fits_the_phone(page)
        assert_accessible(page)

        # Sending without a reason is refused at the field, and nothing is filed.
        page.get_by_role("button", name="Send the report").click()
        expect(page.get_by_text("Choose what's wrong, so our team knows")).to_be_visible()
        assert not Report.objects.exists()
        assert_accessible(page)

        # A reason and a few words: the mentor is thanked, back on the ask.
        page.get_by_label("Harassment or abuse").check()
        page.get_by_label("Anything our team should know (optional)").fill(DETAILS)
        page.get_by_role("button", name="Send the report").click()
        expect(page.get_by_text("Thanks — our team will look at this.")).to_be_visible()
        expect(page.get_by_text("They won't know it was you.")).to_be_visible()
        expect(page).to_have_url(re.compile(re.escape(pushy_ask.get_absolute_url()) + "$"))
        _fits_the_phone(page)
        [report] = Report.objects.all()
        assert (report.reporter_id, report.person_id) == (mentor.user_id, mentee.user_id)
        assert (report.target_kind, report.target_id) == (Report.TargetKind.ASK, pushy_ask.pk)
        assert (report.reason, report.details, report.context) == ("harassment", DETAILS, PUSHY)
        assert report.status == Report.Status.OPEN

        # From the ask to the mentee's profile, and "Block".
        page.get_by_role("link", name="See the full profile").click()
        expect(page.get_by_role("heading", name=MENTEE_NAME, level=1)).to_be_visible()
        page.get_by_role("button", name=f"Block {MENTEE_NAME}").click()
        expect(page.get_by_role("heading", name="Blocked and muted", level=1)).to_be_visible()
        expect(page.get_by_text(f"You've blocked {MENTEE_NAME}.")).to_be_visible()
        blocked = page.get_by_role("list", name="People you blocked or muted").get_by_role(
            "listitem"
        )
        expect(blocked).to_have_count(1)
        expect(blocked).to_contain_text(f"{MENTEE_NAME} · Blocked")
        expect(blocked.get_by_role("button", name=f"Undo: unblock {MENTEE_NAME}")).to_have_text(
            "Unblock"
        )
        _fits_the_phone(page)
        assert_accessible(page)
        assert Block.objects.filter(
            owner=mentor.user, other=mentee.user, kind=Block.Kind.BLOCK
        ).exists()

        # The mentee, in a browser of their own: the mentor is not in the directory, and
        # their profile and ask page are "not found", as a hidden profile's would be.
        mentee_page = new_page()
        log_in(mentee_page, mentee.user.email, PASSWORD)
        mentee_page.goto("/mentors/")
        results = mentee_page.locator("#directory-results")
        expect(results.get_by_role("heading", level=2)).to_have_text("1 mentor")
        expect(results.get_by_role("article").get_by_role("heading")).to_have_text(
            [OTHER_MENTOR_NAME]
        )
        mentee_page.get_by_label("Name or keyword").fill("Marchetti")
        mentee_page.get_by_label("Name or keyword").press("Enter")
        expect(mentee_page).to_have_url(re.compile(r"[?&]q=Marchetti(&|$)"))
        expect(results.get_by_role("heading", level=2)).to_have_text("0 mentors")
        expect(results).not_to_contain_text(MENTOR_NAME)
        _not_found(mentee_page, mentor.get_absolute_url())
        _not_found(mentee_page, f"/mentors/{mentor.pk}/ask/")
        expect(mentee_page.locator("body")).not_to_contain_text("blocked")
        assert_accessible(mentee_page)


class TestStaffActOnReports:
    def test_staff_read_the_report_and_suspend_the_person(
        self, new_page, pushy_ask: Ask, staff: User, log_in, assert_accessible
    ) -> None:
        mentee, mentor = pushy_ask.mentee.user, pushy_ask.mentor.user
        report = report_create(
            reporter=mentor, person=mentee, target_kind=Report.TargetKind.ASK,
            target_id=pushy_ask.pk, context=PUSHY, reason=Report.Reason.HARASSMENT,
            details=DETAILS,
        )  # fmt: skip

        # The mentee is signed in somewhere when staff act.
        mentee_page = new_page()
        log_in(mentee_page, mentee.email, PASSWORD)

        page = new_page()
        _staff_opens_the_queue(page, staff)
        row = page.locator("#result_list tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Harassment or abuse")
        expect(row).to_contain_text("An ask")
        expect(row).to_contain_text(MENTEE_NAME)
        expect(row).to_contain_text("Open")
        assert_accessible(page)

        # The report itself: what the mentor saw, their words, and who reported it.
        row.get_by_role("link").first.click()
        expect(page.locator(".field-context")).to_contain_text("Busy is not an excuse")
        expect(page.locator(".field-details")).to_contain_text(DETAILS)
        expect(page.locator(".field-reporter")).to_contain_text(MENTOR_NAME)

        # Suspend: the report is acted on and leaves the open queue.
        _staff_runs(page, report, "suspend")
        expect(page.get_by_text("Suspended; 1 report(s) closed.")).to_be_visible()
        expect(page.locator("#result_list")).to_have_count(0)  # the open queue is empty
        page.goto(f"{REPORTS}?status=actioned")
        acted = page.locator("#result_list tbody tr")
        expect(acted).to_have_count(1)
        expect(acted).to_contain_text("Acted on")
        expect(acted).to_contain_text("Suspended")
        report.refresh_from_db()
        assert (report.status, report.action) == (Report.Status.ACTIONED, "suspend")
        assert report.handled_by_id == staff.pk
        assert report.handled_at is not None
        assert not User.objects.get(pk=mentee.pk).is_active
        assert User.objects.get(pk=mentor.pk).is_active

        # The session the mentee had open stops working at their next page, and they cannot
        # sign in again.
        mentee_page.goto("/home/")
        expect(mentee_page).to_have_url(re.compile(r"/accounts/login/\?next=/home/$"))
        _suspended_cannot_sign_in(mentee_page, mentee.email)

    def test_a_reported_profile_and_a_warning_by_email(
        self, new_page, pushy_ask: Ask, staff: User, log_in, assert_accessible
    ) -> None:
        mentee, mentor = pushy_ask.mentee, pushy_ask.mentor

        # The mentor reports the mentee's profile from its page.
        page = new_page()
        log_in(page, mentor.user.email, PASSWORD)
        page.goto(mentee.get_absolute_url())
        page.get_by_role("link", name="Report this profile").click()
        expect(
            page.get_by_role("heading", name=f"Report the profile of {MENTEE_NAME}", level=1)
        ).to_be_visible()
        expect(page.locator("blockquote")).to_contain_text(mentee.headline)
        assert_accessible(page)
        page.get_by_label("Fake or impersonating someone").check()
        page.get_by_role("button", name="Send the report").click()
        expect(page.get_by_text("Thanks — our team will look at this.")).to_be_visible()
        expect(page.get_by_role("heading", name=MENTEE_NAME, level=1)).to_be_visible()
        [report] = Report.objects.all()
        assert (report.target_kind, report.target_id) == (Report.TargetKind.PROFILE, mentee.pk)

        # Staff warn: one email to the mentee, and their account is unchanged.
        mail.outbox.clear()
        staff_page = new_page()
        _staff_opens_the_queue(staff_page, staff)
        _staff_runs(staff_page, report, "warn")
        expect(
            staff_page.get_by_text("Warned; 1 report(s) closed. The email is on its way.")
        ).to_be_visible()
        report.refresh_from_db()
        assert (report.status, report.action) == (Report.Status.ACTIONED, "warn")
        [warning] = mail.outbox
        assert warning.to == [mentee.user.email]
        assert "About something you posted on Tandem" in warning.subject
        assert "reported a profile of yours" in warning.body
        assert "This is a warning, not a penalty." in warning.body
        assert MENTOR_NAME not in warning.body  # they never learn who reported them
        assert mentor.user.email not in warning.body
        assert User.objects.get(pk=mentee.user_id).is_active
