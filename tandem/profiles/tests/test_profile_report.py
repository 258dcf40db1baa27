"""Reporting a profile: anyone who may open it can report it; a hidden profile, or one's
own, has no report page. Staff's "remove" hides the profile from everyone else."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from tandem.moderation.models import AuditEntry, Report
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory


def report_url(profile):
    return reverse("profiles:report", args=[profile.pk])


@pytest.mark.django_db
class TestReportingAProfile:
    def test_a_member_reports_a_profile_with_its_words(self, client):
        mentor = MentorProfileFactory(headline="Guaranteed job offers, DM me")
        viewer = ProfileFactory().user
        client.force_login(viewer)
        assert (
            f'href="{report_url(mentor)}"' in client.get(mentor.get_absolute_url()).content.decode()
        )
        response = client.post(report_url(mentor), {"reason": "fake"})
        assert response["Location"] == mentor.get_absolute_url()
        report = Report.objects.get()
        assert (report.person, report.target_kind, report.target_id) == (
            mentor.user, "profile", mentor.pk,
        )  # fmt: skip
        assert "Guaranteed job offers" in report.context

    def test_a_hidden_profile_or_ones_own_has_no_report_page(self, client):
        hidden = MentorProfileFactory(visibility="hidden")
        me = ProfileFactory()
        client.force_login(me.user)
        assert client.post(report_url(hidden), {"reason": "fake"}).status_code == 404
        assert client.get(report_url(me)).status_code == 404
        assert f'href="{report_url(me)}"' not in client.get(me.get_absolute_url()).content.decode()
        assert not Report.objects.exists()

    def test_staff_remove_hides_the_profile_from_others(self, client, admin_client):
        mentor = MentorProfileFactory()
        viewer = ProfileFactory().user
        client.force_login(viewer)
        client.post(report_url(mentor), {"reason": "fake"})
        report = Report.objects.get()
        admin_client.post(
            "/admin/moderation/report/", {"action": "remove", ACTION_CHECKBOX_NAME: [report.pk]}
        )
        mentor.refresh_from_db()
        assert mentor.visibility == "hidden"
        assert client.get(mentor.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_staff_opening_a_profile_in_the_admin_is_audited(admin_client):
    profile = ProfileFactory()
    assert admin_client.get(f"/admin/profiles/profile/{profile.pk}/change/").status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.verb, entry.object_id) == ("view", str(profile.pk))
