"""Reporting a message and what staff do with it: either side reports the other's message
with a reason; staff read that message alone in the admin and may hide it (or show it
again, or leave it); a hidden message is hidden from both sides."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.conversations.models import Message, Report
from tandem.conversations.services import message_report, messages_hide
from tandem.conversations.tests.factories import MessageFactory
from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.mentorships.tests.factories import AskFactory
from tandem.moderation.models import Report as ModerationReport
from tandem.profiles.tests.factories import ProfileFactory

LATER = timedelta(minutes=5)
RUDE = "Buy my course for 499 or stop wasting my time"
PRIVATE = "My sister works there too, keep it between us"
REPORTS = "/admin/conversations/report/"


def report_url(message):
    return reverse("conversations:report", args=[message.pk])


def as_(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def rude(now):
    """A waiting ask whose mentee wrote a private follow-up and whose mentor answered rudely."""
    ask = AskFactory(now=now)
    MessageFactory(about=ask, author=ask.mentee.user, text=PRIVATE, now=now)
    return MessageFactory(about=ask, author=ask.mentor.user, text=RUDE, now=now + LATER)


@pytest.mark.django_db
class TestReporting:
    def test_the_other_side_reports_a_message_with_a_reason(self, client, rude):
        mentee = rude.thread.mentee.user
        as_(client, mentee)
        page = client.get(report_url(rude)).content.decode()
        assert RUDE in page
        assert PRIVATE not in page  # the report page quotes that message only
        response = client.post(report_url(rude), {"reason": "spam", "note": "Selling"})
        assert response.status_code == 302
        assert response["Location"] == reverse("conversations:ask", args=[rude.thread.ask_id])
        report = Report.objects.get()
        assert (report.message, report.reporter, report.reason, report.note) == (
            rude,
            mentee,
            "spam",
            "Selling",
        )
        thread = client.get(response["Location"]).content.decode()
        assert "You reported this message" in thread

    def test_a_message_is_reported_once_per_person(self, client, rude, now):
        mentee = rude.thread.mentee.user
        message_report(message=rude, reporter=mentee, reason="hostile", now=now)
        response = as_(client, mentee).post(report_url(rude), {"reason": "spam"})
        assert response.status_code == 409
        assert "reported this message already" in response.content.decode()
        assert Report.objects.count() == 1

    def test_ones_own_message_cannot_be_reported(self, rude, now):
        with pytest.raises(RuleBroken, match="your own message"):
            message_report(message=rude, reporter=rude.author, reason="spam", now=now)

    def test_a_reason_is_needed(self, client, rude):
        response = as_(client, rude.thread.mentee.user).post(report_url(rude), {"note": "Hm"})
        assert response.status_code == 400
        assert not Report.objects.exists()

    def test_strangers_get_a_404_and_nothing_is_reported(self, client, rude, now):
        stranger = ProfileFactory().user
        as_(client, stranger)
        assert client.get(report_url(rude)).status_code == 404
        assert client.post(report_url(rude), {"reason": "spam"}).status_code == 404
        with pytest.raises(NotFound):
            message_report(message=rude, reporter=stranger, reason="spam", now=now)
        assert not Report.objects.exists()


@pytest.mark.django_db
class TestStaff:
    def test_staff_read_the_reported_message_and_not_the_rest_of_the_thread(
        self, admin_client, rude, now
    ):
        message_report(message=rude, reporter=rude.thread.mentee.user, reason="spam", now=now)
        report = Report.objects.get()
        for url in (REPORTS, f"{REPORTS}{report.pk}/change/"):
            page = admin_client.get(url).content.decode()
            assert RUDE in page
            assert PRIVATE not in page
        assert admin_client.get("/admin/conversations/message/").status_code == 404
        assert admin_client.get("/admin/conversations/thread/").status_code == 404
        searched = admin_client.get(REPORTS, {"q": "sister"}).context["cl"].result_count
        assert searched == 0  # search never looks into texts

    def test_staff_hide_a_reported_message_from_both_sides(self, client, admin_client, rude, now):
        message_report(message=rude, reporter=rude.thread.mentee.user, reason="spam", now=now)
        report = Report.objects.get()
        response = admin_client.post(
            REPORTS, {"action": "hide", "_selected_action": [report.pk], "index": 0}
        )
        assert response.status_code == 302
        rude.refresh_from_db()
        report.refresh_from_db()
        assert rude.is_hidden
        assert report.reviewed_at is not None
        for side in (rude.thread.mentee.user, rude.thread.mentor.user):
            page = as_(client, side).get(reverse("conversations:ask", args=[rude.thread.ask_id]))
            html = page.content.decode()
            assert RUDE not in html
            assert "Hidden by Tandem's staff after a report" in html
        admin_client.post(
            REPORTS, {"action": "show_again", "_selected_action": [report.pk], "index": 0}
        )
        rude.refresh_from_db()
        assert not rude.is_hidden

    def test_leaving_a_message_as_it_is_closes_the_report(self, admin_client, rude, now):
        message_report(message=rude, reporter=rude.thread.mentee.user, reason="other", now=now)
        report = Report.objects.get()
        admin_client.post(REPORTS, {"action": "keep", "_selected_action": [report.pk], "index": 0})
        report.refresh_from_db()
        rude.refresh_from_db()
        assert report.reviewed_at is not None
        assert not rude.is_hidden

    def test_staff_without_the_moderation_permission_can_look_but_not_hide(self, client, rude, now):
        message_report(message=rude, reporter=rude.thread.mentee.user, reason="spam", now=now)
        helper = UserFactory(is_staff=True)
        # Moderation has a Report model too: name the app.
        view = Permission.objects.get(
            codename="view_report", content_type__app_label="conversations"
        )
        helper.user_permissions.add(view)
        as_(client, helper)
        page = client.get(REPORTS)
        assert page.status_code == 200
        assert "Hide the reported messages" not in page.content.decode()
        report = Report.objects.get()
        client.post(REPORTS, {"action": "hide", "_selected_action": [report.pk], "index": 0})
        assert not Message.objects.get(pk=rude.pk).is_hidden
        with pytest.raises(IllegalTransition):
            messages_hide(messages=[rude], staff=helper, now=now)

    def test_a_hidden_message_cannot_be_reported_again(self, rude, now, admin_user):
        messages_hide(messages=[rude], staff=admin_user, now=now)
        rude.refresh_from_db()
        with pytest.raises(RuleBroken, match="hidden this message already"):
            message_report(message=rude, reporter=rude.thread.mentee.user, reason="spam", now=now)


@pytest.mark.django_db
class TestStaffQueue:
    """A reported message also lands in staff's one queue of reports (moderation), where its
    author can be warned or suspended, and "remove" hides it."""

    def test_a_report_lands_in_the_moderation_queue_with_the_message(self, client, rude):
        mentee = rude.thread.mentee.user
        as_(client, mentee).post(report_url(rude), {"reason": "hostile", "note": "Rude"})
        queued = ModerationReport.objects.get()
        assert (queued.reporter, queued.person, queued.target_kind, queued.target_id) == (
            mentee, rude.author, "message", rude.pk,
        )  # fmt: skip
        assert (queued.context, queued.reason, queued.details) == (RUDE, "harassment", "Rude")

    def test_remove_in_the_moderation_queue_hides_the_message(self, admin_client, rude, now):
        message_report(message=rude, reporter=rude.thread.mentee.user, reason="spam", now=now)
        queued = ModerationReport.objects.get()
        admin_client.post(
            "/admin/moderation/report/", {"action": "remove", "_selected_action": [queued.pk]}
        )
        rude.refresh_from_db()
        queued.refresh_from_db()
        assert rude.is_hidden
        assert (queued.status, queued.action) == ("actioned", "remove")
        assert Report.objects.get().reviewed_at is not None
