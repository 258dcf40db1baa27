"""Deleting a check: the owner's alone, by a POST from its result page. It leaves the
history; what it already shared (a question on an agenda, a goal in the plan) stays."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.growth.careers.models import PlanGoal
from tandem.growth.stuck.models import StuckCheck, StuckStep
from tandem.growth.stuck.questionnaire import SUGGESTION_BY_KEY
from tandem.growth.stuck.services import stuck_suggestion_ask, stuck_suggestion_goal
from tandem.growth.stuck.tests.factories import StuckCheckFactory
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory

pytestmark = pytest.mark.django_db
HISTORY = reverse("growth:growth_stuck:history")
SUGGESTION = SUGGESTION_BY_KEY["tools_hour"][1]


def _delete_url(check: StuckCheck) -> str:
    return reverse("growth:growth_stuck:delete", kwargs={"check_id": check.pk})


class TestDeletingACheck:
    def test_the_result_page_offers_it_and_says_what_stays(self, mentee_client, mentee):
        check = StuckCheckFactory(owner=mentee.user, now=timezone.now())
        body = mentee_client.get(check.get_absolute_url()).content.decode()
        assert f'action="{_delete_url(check)}"' in body
        assert "a question on a meeting's agenda, a goal in your career plan" in body

    def test_the_owner_deletes_it_and_what_it_shared_stays(self, mentee_client, mentee):
        now = timezone.now()
        mentorship = ActiveMentorshipFactory(mentee=mentee)
        meeting = ScheduledMeetingFactory(mentorship=mentorship, now=now)
        kept = StuckCheckFactory(owner=mentee.user, now=now - timedelta(days=7))
        check = StuckCheckFactory(owner=mentee.user, now=now)
        stuck_suggestion_ask(owner=mentee.user, check_id=check.pk, suggestion="tools_hour",
                             mentorship_id=mentorship.pk, now=now)  # fmt: skip
        stuck_suggestion_goal(owner=mentee.user, check_id=check.pk, suggestion="tools_hour",
                              now=now)  # fmt: skip
        response = mentee_client.post(_delete_url(check), follow=True)
        assert response.redirect_chain == [(HISTORY, 302)]
        body = response.content.decode()
        assert "Deleted that check." in body
        assert check.get_absolute_url() not in body
        assert kept.get_absolute_url() in body
        assert list(StuckCheck.objects.all()) == [kept]
        assert not StuckStep.objects.exists()
        shared = meeting.agenda.values_list("text", flat=True)
        assert list(shared) == [SUGGESTION.question]
        assert list(PlanGoal.objects.values_list("text", flat=True)) == [SUGGESTION.goal]
        assert mentee_client.get(check.get_absolute_url()).status_code == 404

    def test_someone_elses_check_is_a_404_and_nothing_changes(self, mentee_client):
        theirs = StuckCheckFactory(now=timezone.now())
        assert mentee_client.post(_delete_url(theirs)).status_code == 404
        assert list(StuckCheck.objects.all()) == [theirs]

    def test_a_get_is_not_allowed_and_deletes_nothing(self, mentee_client, mentee):
        check = StuckCheckFactory(owner=mentee.user, now=timezone.now())
        assert mentee_client.get(_delete_url(check)).status_code == 405
        assert list(StuckCheck.objects.all()) == [check]
