"""The mentor who received an ask can report it to Tandem's team; the mentee (it is theirs)
and strangers cannot reach the page. Staff's "remove" replaces the ask's words."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils.html import escape

from tandem.mentorships.services.removal import REMOVED
from tandem.mentorships.tests.factories import NOTE, AskFactory
from tandem.moderation.models import Report
from tandem.moderation.views import THANKS
from tandem.profiles.tests.factories import ProfileFactory


def report_url(ask):
    return reverse("mentorships:ask_report", args=[ask.pk])


@pytest.mark.django_db
class TestReportingAnAsk:
    def test_the_mentor_reports_it_with_what_they_saw(self, client, now):
        ask = AskFactory(now=now)
        client.force_login(ask.mentor.user)
        assert f'href="{report_url(ask)}"' in client.get(ask.get_absolute_url()).content.decode()
        assert client.get(report_url(ask)).status_code == 200
        response = client.post(report_url(ask), {"reason": "spam", "details": "Selling"})
        assert response.status_code == 302
        assert response["Location"] == ask.get_absolute_url()
        report = Report.objects.get()
        assert (report.reporter, report.person, report.target_kind, report.target_id) == (
            ask.mentor.user, ask.mentee.user, "ask", ask.pk,
        )  # fmt: skip
        assert (report.context, report.reason, report.details) == (NOTE, "spam", "Selling")
        assert escape(THANKS) in client.get(response["Location"]).content.decode()

    def test_a_second_report_of_the_same_ask_adds_nothing(self, client, now):
        ask = AskFactory(now=now)
        client.force_login(ask.mentor.user)
        client.post(report_url(ask), {"reason": "spam"})
        assert client.post(report_url(ask), {"reason": "other"}).status_code == 302
        assert Report.objects.count() == 1

    def test_a_reason_is_needed(self, client, now):
        ask = AskFactory(now=now)
        client.force_login(ask.mentor.user)
        assert client.post(report_url(ask), {"details": "hm"}).status_code == 400
        assert not Report.objects.exists()

    @pytest.mark.parametrize("who", ["mentee", "stranger"])
    def test_others_get_a_404_and_nothing_is_reported(self, client, now, who):
        ask = AskFactory(now=now)
        client.force_login(ask.mentee.user if who == "mentee" else ProfileFactory().user)
        assert client.get(report_url(ask)).status_code == 404
        assert client.post(report_url(ask), {"reason": "spam"}).status_code == 404
        assert not Report.objects.exists()

    def test_staff_remove_the_asks_words(self, client, admin_client, now):
        ask = AskFactory(now=now)
        client.force_login(ask.mentor.user)
        client.post(report_url(ask), {"reason": "spam"})
        report = Report.objects.get()
        admin_client.post(
            "/admin/moderation/report/", {"action": "remove", ACTION_CHECKBOX_NAME: [report.pk]}
        )
        ask.refresh_from_db()
        report.refresh_from_db()
        assert (ask.note, report.action) == (REMOVED, "remove")
        assert NOTE not in client.get(ask.get_absolute_url()).content.decode()
