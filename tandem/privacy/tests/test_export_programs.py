"""The export holds what programs and the team heard from the person (issue 13, item 15): the
matches made for them, their feedback on them, their pulse answers and the reports they filed,
and none of the other side's words or the staff's notes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from tandem.core.tests.clock import NOW
from tandem.meetings.tests.factories import backdate
from tandem.moderation.models import Report
from tandem.moderation.reports import report_create
from tandem.privacy.tests.program_world import OTHER_NOTE, THEIR_NOTE, matched_pair
from tandem.programs.models import Program
from tandem.programs.services.matches import match_feedback_give
from tandem.programs.tests.factories import ProgramFactory
from tandem.reports.models import Pulse
from tandem.reports.services.pulses import pulse_answer, pulses_send
from tandem.reports.tests.world import program_pair

EXPORT = reverse("privacy:export")
DETAILS = "They were rude to me in our chat"
CONTEXT = "Words the reported person wrote"
STAFF_NOTE = "Spoke to them; first warning"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def download(client, user) -> tuple[str, dict]:
    client.force_login(user)
    response = client.get(EXPORT)
    assert response.status_code == 200
    return response.content.decode(), json.loads(response.content)


@pytest.mark.django_db
class TestProgramsInTheExport:
    def test_matches_feedback_and_reports_filed(self, client):
        mine, theirs, match = matched_pair(Program.Kind.COFFEE)
        for place, note, rating in ((mine, THEIR_NOTE, 4), (theirs, OTHER_NOTE, 5)):
            match_feedback_give(
                slug=match.program.slug, match_id=match.pk, user=place.profile.user, met=True,
                rating=rating, note=note, now=NOW,
            )  # fmt: skip
        report = report_create(
            reporter=mine.profile.user, person=theirs.profile.user, target_kind="profile",
            target_id=theirs.profile.pk, context=CONTEXT, reason="harassment", details=DETAILS,
        )  # fmt: skip
        Report.objects.filter(pk=report.pk).update(staff_note=STAFF_NOTE)  # the admin's field

        text, data = download(client, mine.profile.user)

        [made] = data["program_matches"]
        assert made["id"] == match.pk
        assert made["program"] == match.program.name
        assert made["other_side"] == theirs.profile.user.display_name
        [given] = data["feedback_given"]["program_matches"]
        assert (given["match_id"], given["rating"], given["note"]) == (match.pk, 4, THEIR_NOTE)
        [filed] = data["reports_filed"]
        assert (filed["reason"], filed["details"], filed["status"]) == (
            "harassment",
            DETAILS,
            "open",
        )
        assert OTHER_NOTE not in text  # the other side's feedback is theirs
        assert STAFF_NOTE not in text
        assert CONTEXT not in text  # the reported words are someone else's
        assert theirs.profile.user.email not in text

    def test_pulse_answers(self, client):
        program = ProgramFactory(pulse_after_days=30)
        pair = program_pair(program, at=START, confirmed_at=START)
        backdate(pair.mentorship, START)
        pulses_send(now=START + timedelta(days=30))
        asked = Pulse.objects.get(participant=pair.mentee)
        pulse_answer(pulse_id=asked.pk, user=pair.mentee.profile.user, score=9, now=START)

        _, data = download(client, pair.mentee.profile.user)

        [answer] = data["pulse_answers"]
        assert (answer["program"], answer["score"]) == (program.name, 9)
        assert answer["answered_at"]
        _, theirs = download(client, pair.mentor.profile.user)
        assert [p["score"] for p in theirs["pulse_answers"]] == [None]  # asked, not answered
