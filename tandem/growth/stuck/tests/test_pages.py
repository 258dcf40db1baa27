"""The pages: the questionnaire, a result, the history and asking a mentor from a result."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.growth.stuck.models import StuckCheck
from tandem.growth.stuck.questionnaire import SUGGESTION_BY_KEY
from tandem.growth.stuck.rules import MAX_CHECKS_PER_DAY
from tandem.growth.stuck.tests.factories import StuckCheckFactory, answers, standing_out
from tandem.meetings.models import AgendaItem
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db
CHECK = reverse("growth:growth_stuck:check")
HISTORY = reverse("growth:growth_stuck:history")
QUESTION = SUGGESTION_BY_KEY["tools_hour"][1].question


def _ask_url(check):
    return reverse("growth:growth_stuck:ask", kwargs={"check_id": check.pk})


class TestTheQuestionnairePage:
    def test_shows_every_statement_with_the_three_answers(self, mentee_client):
        body = mentee_client.get(CHECK).content.decode()
        assert "Am I stuck?" in body
        assert "I could do most of my job half asleep." in body
        assert body.count('value="2"') == 21
        assert "Only you can see your answers" in body

    def test_answering_keeps_a_check_and_shows_its_result(self, mentee_client, mentee):
        response = mentee_client.post(CHECK, standing_out("falling_behind"))
        check = StuckCheck.objects.get(owner=mentee.user)
        assert response.status_code == 302
        assert response["Location"] == check.get_absolute_url()
        page = mentee_client.get(check.get_absolute_url()).content.decode()
        assert "One thing stands out: falling behind on tools." in page
        assert "book an hour a week with it" in page

    def test_a_missing_answer_is_marked_beside_its_statement_and_nothing_is_kept(
        self, mentee_client
    ):
        data = answers()
        del data["rigid_keep"]
        response = mentee_client.post(CHECK, data)
        body = response.content.decode()
        assert response.status_code == 400
        assert "A few sentences still need an answer" in body
        assert body.count("Pick the answer that fits you best.") == 1
        assert not StuckCheck.objects.exists()

    def test_past_the_daily_cap_says_so_and_keeps_nothing(self, mentee_client, mentee):
        now = timezone.now()
        for minutes in range(MAX_CHECKS_PER_DAY):
            StuckCheckFactory(owner=mentee.user, now=now - timedelta(minutes=minutes))
        assert "times in the last day" in mentee_client.get(CHECK).content.decode()
        response = mentee_client.post(CHECK, answers())
        assert response.status_code == 409
        assert "3 times in the last day" in response.content.decode()
        assert StuckCheck.objects.count() == MAX_CHECKS_PER_DAY


class TestTheResultPage:
    def test_someone_elses_check_is_a_404(self, mentee_client, now):
        theirs = StuckCheckFactory(now=now)
        assert mentee_client.get(theirs.get_absolute_url()).status_code == 404

    def test_with_no_mentorship_it_points_to_finding_a_mentor(self, mentee_client, mentee, now):
        check = StuckCheckFactory(owner=mentee.user, now=now)
        body = mentee_client.get(check.get_absolute_url()).content.decode()
        assert "Once you have a mentorship" in body
        assert "Ask my mentor" not in body

    def test_with_no_meeting_ahead_it_says_to_propose_a_time_first(self, mentee_client, mentee):
        mentorship = ActiveMentorshipFactory(
            mentee=mentee, mentor=MentorProfileFactory(user__first_name="Sam")
        )
        check = StuckCheckFactory(owner=mentee.user, now=timezone.now())
        body = mentee_client.get(check.get_absolute_url()).content.decode()
        assert "No meeting ahead with Sam" in body
        assert reverse("meetings:for_mentorship", args=[mentorship.pk]) in body
        assert "at your next meeting" not in body

    def test_nothing_standing_out_offers_no_suggestions(self, mentee_client, mentee, now):
        check = StuckCheckFactory(owner=mentee.user, answers=answers(), now=now)
        body = mentee_client.get(check.get_absolute_url()).content.decode()
        assert "Nothing stands out enough to suggest a change" in body
        assert "To ask a mentor" not in body

    def test_shows_the_change_since_the_check_before(self, mentee_client, mentee, now):
        StuckCheckFactory(owner=mentee.user, answers=answers(), now=now - timedelta(days=9))
        check = StuckCheckFactory(owner=mentee.user, now=now)
        body = mentee_client.get(check.get_absolute_url()).content.decode()
        assert "Since last time" in body
        assert "up 100" in body


class TestAskingAMentorFromAResult:
    @pytest.fixture
    def meeting(self, mentee):
        mentorship = ActiveMentorshipFactory(
            mentee=mentee, mentor=MentorProfileFactory(user__first_name="Sam")
        )
        return ScheduledMeetingFactory(mentorship=mentorship, now=timezone.now())

    def test_adds_the_question_and_says_where_it_went(self, mentee_client, mentee, meeting):
        check = StuckCheckFactory(owner=mentee.user, now=timezone.now())
        response = mentee_client.post(
            _ask_url(check),
            {"suggestion": "tools_hour", "mentorship": meeting.mentorship_id},
            follow=True,
        )
        body = response.content.decode()
        when = f"{timezone.localtime(meeting.starts_at):%-d %B}"
        assert "Added to the agenda of your meeting with Sam" in body
        assert when in body
        assert "On the agenda with Sam" in body
        assert list(meeting.agenda.values_list("text", flat=True)) == [QUESTION]

    def test_the_mentor_sees_the_question_and_nothing_else_of_the_check(
        self, client, mentee, meeting
    ):
        check = StuckCheckFactory(owner=mentee.user, now=timezone.now())
        self_client = client
        self_client.force_login(mentee.user)
        self_client.post(
            _ask_url(check), {"suggestion": "tools_hour", "mentorship": meeting.mentorship_id}
        )
        self_client.force_login(meeting.mentorship.mentor.user)
        body = self_client.get(meeting.get_absolute_url()).content.decode()
        assert QUESTION in body
        assert "Falling behind on tools" not in body
        assert "stands out" not in body
        assert self_client.get(check.get_absolute_url()).status_code == 404

    def test_someone_elses_check_is_a_404_and_adds_nothing(self, mentee_client, meeting):
        theirs = StuckCheckFactory(now=timezone.now())
        response = mentee_client.post(
            _ask_url(theirs), {"suggestion": "tools_hour", "mentorship": meeting.mentorship_id}
        )
        assert response.status_code == 404
        assert not AgendaItem.objects.exists()

    def test_someone_elses_mentorship_is_a_404_and_adds_nothing(self, mentee_client, mentee):
        theirs = ScheduledMeetingFactory(mentorship=ActiveMentorshipFactory(), now=timezone.now())
        check = StuckCheckFactory(owner=mentee.user, now=timezone.now())
        response = mentee_client.post(
            _ask_url(check), {"suggestion": "tools_hour", "mentorship": theirs.mentorship_id}
        )
        assert response.status_code == 404
        assert not AgendaItem.objects.exists()

    def test_with_no_meeting_ahead_the_refusal_says_to_propose_a_time(self, mentee_client, mentee):
        mentorship = ActiveMentorshipFactory(mentee=mentee)
        check = StuckCheckFactory(owner=mentee.user, now=timezone.now())
        response = mentee_client.post(
            _ask_url(check), {"suggestion": "tools_hour", "mentorship": mentorship.pk}
        )
        assert response.status_code == 409
        assert "Propose a time first" in response.content.decode()
        assert not AgendaItem.objects.exists()

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"suggestion": "no_such_thing", "mentorship": "1"}, "Pick one of the suggestions"),
            ({"suggestion": "tools_hour", "mentorship": "abc"}, "Pick one of your mentorships"),
            ({"suggestion": "tools_hour"}, "This field is required"),
        ],
    )
    def test_a_bad_form_is_refused_with_a_message(self, mentee_client, mentee, data, message):
        check = StuckCheckFactory(owner=mentee.user, now=timezone.now())
        response = mentee_client.post(_ask_url(check), data)
        assert response.status_code == 400
        assert message in response.content.decode()

    def test_a_get_is_not_allowed(self, mentee_client, mentee):
        check = StuckCheckFactory(owner=mentee.user, now=timezone.now())
        assert mentee_client.get(_ask_url(check)).status_code == 405


class TestTheHistoryPage:
    def test_without_checks_invites_to_take_one(self, mentee_client):
        assert "You haven't taken the check yet" in mentee_client.get(HISTORY).content.decode()

    def test_shows_how_each_cause_changed_between_checks(self, mentee_client, mentee, now):
        StuckCheckFactory(owner=mentee.user, answers=answers(), now=now - timedelta(days=30))
        StuckCheckFactory(
            owner=mentee.user, answers=answers(tools_avoid=1), now=now - timedelta(days=10)
        )
        StuckCheckFactory(owner=mentee.user, now=now)
        response = mentee_client.get(HISTORY)
        rows = response.context["page"].rows
        tools = next(row for row in rows if row.cause.key == "falling_behind")
        assert tools.scores == [0, 17, 100]
        assert tools.change_text == "up 100"
        assert next(row for row in rows if row.cause.key == "rigid").change_text == "no change"
        assert "3 Oct" in response.content.decode()

    def test_shows_only_the_viewers_own_checks(self, mentee_client, now):
        StuckCheckFactory(now=now)
        assert "You haven't taken the check yet" in mentee_client.get(HISTORY).content.decode()
