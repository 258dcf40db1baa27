"""Asking a mentor: a suggestion's question goes on the agenda of the next meeting of one of
the owner's live mentorships, and nothing else leaves the check."""

from __future__ import annotations

import pytest

from tandem.core.errors import NotFound, RuleBroken
from tandem.growth.sharing import NO_MEETING_AHEAD
from tandem.growth.stuck.models import StuckStep
from tandem.growth.stuck.questionnaire import SUGGESTION_BY_KEY
from tandem.growth.stuck.services import stuck_suggestion_ask
from tandem.growth.stuck.tests.factories import StuckCheckFactory
from tandem.meetings.models import AgendaItem
from tandem.meetings.rules import MAX_AGENDA
from tandem.meetings.services.follow_through import agenda_add
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = pytest.mark.django_db
QUESTION = SUGGESTION_BY_KEY["tools_hour"][1].question


@pytest.fixture
def mentorship(now):
    return ActiveMentorshipFactory(
        mentee=ProfileFactory(),
        mentor=MentorProfileFactory(user__first_name="Sam", user__last_name="Okafor"),
    )


@pytest.fixture
def meeting(mentorship, now):
    return ScheduledMeetingFactory(mentorship=mentorship, now=now)


@pytest.fixture
def check(mentorship, now):
    return StuckCheckFactory(owner=mentorship.mentee.user, now=now)


def _ask(check, mentorship, now, suggestion="tools_hour", owner=None):
    return stuck_suggestion_ask(
        owner=owner or check.owner, check_id=check.pk, suggestion=suggestion,
        mentorship_id=mentorship.pk, now=now,
    )  # fmt: skip


class TestAskingAMentor:
    def test_puts_the_question_on_the_next_meetings_agenda_and_remembers_it(
        self, check, mentorship, meeting, now
    ):
        asked = _ask(check, mentorship, now)
        assert asked.item.meeting == meeting
        assert asked.item.text == QUESTION
        assert asked.item.author == check.owner
        assert asked.other_name == "Sam Okafor"
        step = StuckStep.objects.get()
        assert (step.stuck_check, step.suggestion, step.kind) == (check, "tools_hour", "agenda")
        assert step.mentorship == mentorship

    def test_only_the_question_leaves_never_the_answers_or_scores(
        self, check, mentorship, meeting, now
    ):
        _ask(check, mentorship, now)
        texts = list(AgendaItem.objects.values_list("text", flat=True))
        assert texts == [QUESTION]
        assert "falling" not in QUESTION.lower()
        assert "score" not in QUESTION.lower()

    def test_works_from_the_mentor_side_of_a_mentorship_too(self, mentorship, meeting, now):
        check = StuckCheckFactory(owner=mentorship.mentor.user, now=now)
        asked = _ask(check, mentorship, now)
        assert asked.item.author == mentorship.mentor.user
        assert asked.other_name == mentorship.mentee.user.display_name

    def test_with_no_meeting_ahead_says_to_propose_a_time_first(self, check, mentorship, now):
        with pytest.raises(RuleBroken) as caught:
            _ask(check, mentorship, now)
        assert caught.value.message == NO_MEETING_AHEAD
        assert not AgendaItem.objects.exists()
        assert not StuckStep.objects.exists()

    def test_someone_elses_mentorship_is_not_found(self, check, meeting, now):
        theirs = ActiveMentorshipFactory()
        ScheduledMeetingFactory(mentorship=theirs, now=now)
        with pytest.raises(NotFound):
            _ask(check, theirs, now)
        assert not AgendaItem.objects.exclude(meeting=meeting).exists()
        assert not StuckStep.objects.exists()

    def test_someone_elses_check_is_not_found(self, check, mentorship, meeting, now):
        stranger_check = StuckCheckFactory(now=now)
        with pytest.raises(NotFound):
            _ask(stranger_check, mentorship, now, owner=check.owner)
        with pytest.raises(NotFound):
            _ask(check, mentorship, now, owner=stranger_check.owner)
        assert not AgendaItem.objects.exists()

    def test_a_suggestion_the_result_did_not_offer_is_refused(
        self, check, mentorship, meeting, now
    ):
        with pytest.raises(RuleBroken, match="isn't part of this check"):
            _ask(check, mentorship, now, suggestion="rigid_pilot")  # rigid did not stand out
        assert not AgendaItem.objects.exists()

    def test_the_same_question_twice_in_one_mentorship_is_refused(
        self, check, mentorship, meeting, now
    ):
        _ask(check, mentorship, now)
        with pytest.raises(RuleBroken, match="already put this question"):
            _ask(check, mentorship, now)
        assert AgendaItem.objects.count() == 1
        assert StuckStep.objects.count() == 1

    def test_the_agendas_own_limit_still_holds(self, check, mentorship, meeting, now):
        for number in range(MAX_AGENDA):
            agenda_add(meeting=meeting, actor=check.owner, text=f"Question {number}", now=now)
        with pytest.raises(RuleBroken, match="agenda to"):
            _ask(check, mentorship, now)
        assert not StuckStep.objects.exists()
