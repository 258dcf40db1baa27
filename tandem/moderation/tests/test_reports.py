"""Reporting: one open report per person per thing, a reason needed, nothing of one's own;
staff act on reports in the admin (warn, suspend, remove, dismiss), and only staff get there."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils.html import escape

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import DomainError
from tandem.moderation import removal
from tandem.moderation.models import Report
from tandem.moderation.reports import report_create, reports_dismiss
from tandem.moderation.tests.factories import SEEN, ReportFactory

REPORTS = "/admin/moderation/report/"


def act(client, action, *reports):
    return client.post(
        REPORTS, {"action": action, ACTION_CHECKBOX_NAME: [r.pk for r in reports]}, follow=True
    )


@pytest.mark.django_db
class TestReporting:
    def test_reporting_the_same_thing_twice_keeps_one_open_report(self):
        report = ReportFactory()
        again = report_create(
            reporter=report.reporter, person=report.person, target_kind=report.target_kind,
            target_id=report.target_id, context="edited since", reason="other",
        )  # fmt: skip
        assert again.pk == report.pk
        assert Report.objects.count() == 1

    def test_once_handled_the_same_thing_can_be_reported_again(self, admin_user, now):
        report = Report.objects.get(pk=ReportFactory().pk)
        reports_dismiss(reports=[report], staff=admin_user, now=now)
        again = ReportFactory(
            reporter=report.reporter, person=report.person, target_id=report.target_id
        )
        assert again.pk != report.pk

    def test_a_reason_from_the_list_is_needed(self):
        with pytest.raises(DomainError) as refused:
            ReportFactory(reason="because")
        assert refused.value.field == "reason"
        assert not Report.objects.exists()

    def test_ones_own_content_cannot_be_reported(self):
        me = UserFactory()
        with pytest.raises(DomainError, match="That's yours"):
            ReportFactory(reporter=me, person=me)


@pytest.fixture
def removed(monkeypatch):
    """A stand-in remover for asks (the real one is mentorships', tested there)."""
    calls = []

    def remover(*, target_id, staff, now):
        calls.append(target_id)
        return True

    monkeypatch.setitem(removal._removers, Report.TargetKind.ASK, remover)
    return calls


@pytest.mark.django_db
class TestStaffReview:
    def test_the_queue_shows_open_reports_with_what_the_reporter_saw(self, admin_client, now):
        open_one = ReportFactory(details="Third time this week")
        handled = ReportFactory()
        act(admin_client, "dismiss", handled)
        listed = admin_client.get(REPORTS)
        assert [r.pk for r in listed.context["cl"].result_list] == [open_one.pk]
        page = admin_client.get(f"{REPORTS}{open_one.pk}/change/").content.decode()
        assert escape(SEEN) in page
        assert "Third time this week" in page
        every = admin_client.get(REPORTS, {"status": "all"}).context["cl"].result_count
        assert every == 2

    def test_warn_emails_the_person_kindly_and_closes_the_report(
        self, admin_client, admin_user, django_capture_on_commit_callbacks
    ):
        report = ReportFactory()
        with django_capture_on_commit_callbacks(execute=True):
            act(admin_client, "warn", report)
        report.refresh_from_db()
        assert (report.status, report.action, report.handled_by) == ("actioned", "warn", admin_user)
        assert report.handled_at is not None
        [email] = mail.outbox
        assert email.to == [report.person.email]
        assert "This is a warning, not a penalty" in email.body
        assert report.reporter.email not in email.body  # they never learn who reported

    def test_suspend_switches_the_account_off_so_they_cannot_sign_in(self, admin_client, client):
        report = ReportFactory()
        act(admin_client, "suspend", report)
        report.refresh_from_db()
        report.person.refresh_from_db()
        assert (report.status, report.action) == ("actioned", "suspend")
        assert report.person.is_active is False
        assert not client.login(email=report.person.email, password="correct-horse-battery-42")

    def test_a_staff_account_is_not_suspended_from_a_report(self, admin_client):
        report = ReportFactory(person=UserFactory(is_staff=True))
        page = act(admin_client, "suspend", report).content.decode()
        assert "Nothing was changed" in page
        report.refresh_from_db()
        report.person.refresh_from_db()
        assert (report.status, report.person.is_active) == ("open", True)

    def test_remove_calls_the_owning_apps_remover_once_and_closes_every_report_of_it(
        self, admin_client, removed
    ):
        first = ReportFactory()
        second = ReportFactory(person=first.person, target_id=first.target_id)
        act(admin_client, "remove", first)
        assert removed == [first.target_id]
        statuses = set(Report.objects.values_list("status", "action"))
        assert statuses == {("actioned", "remove")}
        assert second.pk in Report.objects.values_list("pk", flat=True)

    def test_remove_of_a_kind_nobody_registered_changes_nothing(self, admin_client, monkeypatch):
        monkeypatch.delitem(removal._removers, Report.TargetKind.ASK, raising=False)
        report = ReportFactory()
        page = act(admin_client, "remove", report).content.decode()
        assert "Nothing was changed" in page
        report.refresh_from_db()
        assert report.status == "open"

    def test_dismiss_closes_without_an_action(self, admin_client, admin_user):
        report = ReportFactory()
        act(admin_client, "dismiss", report)
        report.refresh_from_db()
        assert (report.status, report.action, report.handled_by) == ("dismissed", "", admin_user)


@pytest.mark.django_db
class TestOnlyStaff:
    def test_people_who_are_not_staff_are_sent_to_the_admin_sign_in(self, client):
        report = ReportFactory()
        client.force_login(report.reporter)
        for url in (REPORTS, f"{REPORTS}{report.pk}/change/"):
            response = client.get(url)
            assert response.status_code == 302
            assert "/admin/login/" in response["Location"]
        response = client.post(REPORTS, {"action": "suspend", ACTION_CHECKBOX_NAME: [report.pk]})
        assert response.status_code == 302
        report.person.refresh_from_db()
        assert report.person.is_active

    def test_staff_who_may_only_read_reports_cannot_act(self, client):
        report = ReportFactory()
        staff = UserFactory(is_staff=True)
        staff.user_permissions.add(
            Permission.objects.get(codename="view_report", content_type__app_label="moderation")
        )
        client.force_login(staff)
        assert client.get(REPORTS).status_code == 200
        act(client, "suspend", report)
        report.person.refresh_from_db()
        report.refresh_from_db()
        assert (report.status, report.person.is_active) == ("open", True)
