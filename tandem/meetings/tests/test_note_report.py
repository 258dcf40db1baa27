"""A shared meeting note can be reported by the other side of the pair; one's own note, a
private note and strangers get a 404. Staff's "remove" replaces the note's words."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from tandem.meetings.services import note_add
from tandem.meetings.services.removal import REMOVED
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.moderation.models import Report
from tandem.profiles.tests.factories import ProfileFactory

RUDE = "Honestly your plan is hopeless, pay me for proper coaching"


def report_url(note):
    return reverse("meetings:note_report", args=[note.pk])


@pytest.fixture
def shared(now):
    """A note the mentor shared on a scheduled meeting."""
    meeting = ScheduledMeetingFactory(now=now)
    mentor = meeting.mentorship.mentor.user
    return note_add(meeting=meeting, actor=mentor, text=RUDE, is_private=False, now=now)


@pytest.mark.django_db
class TestReportingANote:
    def test_the_other_side_reports_it_with_its_words(self, client, shared):
        mentee = shared.meeting.mentorship.mentee.user
        client.force_login(mentee)
        page = client.get(shared.meeting.get_absolute_url()).content.decode()
        assert f'href="{report_url(shared)}"' in page
        response = client.post(report_url(shared), {"reason": "inappropriate"})
        assert response["Location"] == shared.meeting.get_absolute_url()
        report = Report.objects.get()
        assert (report.person, report.target_kind, report.target_id, report.context) == (
            shared.author, "note", shared.pk, RUDE,
        )  # fmt: skip

    def test_ones_own_a_private_or_a_strangers_view_gets_a_404(self, client, shared, now):
        mentee = shared.meeting.mentorship.mentee.user
        private = note_add(
            meeting=shared.meeting, actor=shared.author, text="mine", is_private=True, now=now
        )
        for who, note in (
            (shared.author, shared), (mentee, private), (ProfileFactory().user, shared),
        ):  # fmt: skip
            client.force_login(who)
            assert client.get(report_url(note)).status_code == 404
            assert client.post(report_url(note), {"reason": "spam"}).status_code == 404
        client.force_login(shared.author)
        own_page = client.get(shared.meeting.get_absolute_url()).content.decode()
        assert f'href="{report_url(shared)}"' not in own_page
        assert not Report.objects.exists()

    def test_staff_remove_replaces_the_words(self, client, admin_client, shared):
        client.force_login(shared.meeting.mentorship.mentee.user)
        client.post(report_url(shared), {"reason": "inappropriate"})
        report = Report.objects.get()
        admin_client.post(
            "/admin/moderation/report/", {"action": "remove", ACTION_CHECKBOX_NAME: [report.pk]}
        )
        shared.refresh_from_db()
        assert shared.text == REMOVED
        assert RUDE not in client.get(shared.meeting.get_absolute_url()).content.decode()
