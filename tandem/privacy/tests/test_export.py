"""Downloading one's data: every section is there with one's own content (private notes
too), and nothing private to anyone else is."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tandem.core.tests.clock import NOW
from tandem.mentorships.services.asks import ask_decline
from tandem.mentorships.tests.factories import AskFactory
from tandem.privacy.selectors import SCHEMA_VERSION
from tandem.privacy.tests.world import (
    FEEDBACK,
    MENTEE_PRIVATE,
    MENTEE_SHARED,
    MENTOR_PRIVATE,
    MENTOR_SHARED,
    THANKS,
    world,
)

EXPORT = reverse("privacy:export")
SECTIONS = {
    "schema_version", "generated_at", "account", "profile", "asks", "mentorships", "goals",
    "meetings", "agenda_items", "notes", "action_items", "thank_yous", "feedback_given",
    "messages", "programs", "program_matches", "pulse_answers", "notifications",
    "notification_preferences", "blocked_or_muted", "reports_filed", "growth",
}  # fmt: skip


def download(client, user):
    client.force_login(user)
    response = client.get(EXPORT)
    assert response.status_code == 200
    return response, json.loads(response.content)


@pytest.mark.django_db
class TestExport:
    def test_a_download_with_every_section_and_no_one_elses_private_notes(self, client):
        w = world()
        response, data = download(client, w.mentee.user)
        assert response["Content-Disposition"].startswith('attachment; filename="tandem-data-')
        assert response["Cache-Control"] == "private, no-store"
        assert set(data) == SECTIONS
        assert data["schema_version"] == SCHEMA_VERSION
        assert data["account"]["email"] == w.mentee.user.email
        assert data["profile"]["headline"] == w.mentee.headline
        assert [a["mentor"] for a in data["asks"]["sent"]] == ["Bo Marsh"]
        [mentorship] = data["mentorships"]
        assert (mentorship["your_role"], mentorship["other_side"]) == ("mentee", "Bo Marsh")
        assert mentorship["agreements"][0]["goals"]
        assert {m["id"] for m in data["meetings"]} == {w.held.pk, w.ahead.pk}
        notes = {(n["text"], n["is_private"]) for n in data["notes"]}
        assert notes == {(MENTEE_PRIVATE, True), (MENTEE_SHARED, False)}
        assert [t["text"] for t in data["thank_yous"]] == [THANKS]
        assert [f["appreciated"] for f in data["feedback_given"]["meetings"]] == [FEEDBACK]
        assert data["notifications"]  # the yes to the ask, the meeting notices, …
        assert data["goals"]["owned"]
        text = response.content.decode()
        assert MENTOR_PRIVATE not in text
        assert MENTOR_SHARED not in text  # the other side's words are theirs
        assert w.mentor.user.email not in text

    def test_the_mentor_gets_their_own_side(self, client):
        w = world()
        _, data = download(client, w.mentor.user)
        [mentorship] = data["mentorships"]
        assert (mentorship["your_role"], mentorship["other_side"]) == ("mentor", "Ada Quill")
        assert {n["text"] for n in data["notes"]} == {MENTOR_PRIVATE, MENTOR_SHARED}
        assert data["thank_yous"] == []  # the mentee wrote it
        assert [a["mentee"] for a in data["asks"]["received"]] == ["Ada Quill"]

    def test_a_declined_asks_reason_stays_with_the_mentor(self, client):
        ask = AskFactory()
        ask_decline(ask=ask, actor=ask.mentor.user, now=NOW, reason="Too junior for me")
        _, mentee_data = download(client, ask.mentee.user)
        assert "Too junior" not in json.dumps(mentee_data)
        assert "decline_reason" not in mentee_data["asks"]["sent"][0]
        _, mentor_data = download(client, ask.mentor.user)
        assert mentor_data["asks"]["received"][0]["decline_reason"] == "Too junior for me"

    def test_a_person_without_a_profile_still_gets_a_file(self, client, user):
        _, data = download(client, user)
        assert data["profile"] is None
        assert data["mentorships"] == []
        assert data["asks"] == {"sent": [], "received": []}

    def test_signed_out_it_asks_to_sign_in(self, client):
        response = client.get(EXPORT)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    def test_downloads_are_rate_limited(self, client, user):
        client.force_login(user)
        codes = [client.get(EXPORT).status_code for _ in range(6)]
        assert codes == [200] * 5 + [429]

    def test_the_overview_page_links_to_both(self, client, user):
        client.force_login(user)
        page = client.get(reverse("privacy:overview")).content.decode()
        assert EXPORT in page
        assert reverse("privacy:delete") in page
        assert reverse("privacy:overview") in page  # the menu's "Your data"
