"""What the meeting pages cost (issue 14): each row read once, in a fixed number of queries
compiled once per process, and only the rows the meeting's state shows; the same page either
way."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.core.tests.clock import NOW
from tandem.core.tests.compiling import read_again_compiling_nothing
from tandem.meetings import services
from tandem.meetings.health.selectors import health_for
from tandem.meetings.rules import default_minutes
from tandem.meetings.selectors import meeting_page_for, meetings_page_for
from tandem.meetings.tests.factories import (
    HOUR,
    HeldMeetingFactory,
    ProposedMeetingFactory,
    ScheduledMeetingFactory,
)
from tandem.mentorships.models import Mentorship
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, IntroFactory

TODAY = NOW.date()


def _queries(read) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        result = read()
    return result, len(captured.captured_queries)


@pytest.mark.django_db
class TestMeetingPageCost:
    def test_a_scheduled_meeting_reads_itself_its_agenda_notes_and_action_items(
        self, django_assert_num_queries
    ):
        meeting = ScheduledMeetingFactory(mentorship=ActiveMentorshipFactory())
        mentee = meeting.mentorship.mentee.user
        services.agenda_add(meeting=meeting, actor=mentee, text="Where next?", now=NOW)
        # The meeting with its people and thank-you, the agenda, the notes, and its own and
        # the carried action items together (the slots and the feedback are not shown).
        with django_assert_num_queries(4):
            page = meeting_page_for(meeting_id=meeting.pk, user=mentee, now=NOW)
        assert [item.text for item in page.agenda] == ["Where next?"]
        assert page.slots == []
        assert page.my_feedback is None
        assert page.thank_you is None
        assert page.other.user.display_name == meeting.mentorship.mentor.user.display_name

    def test_times_offered_are_read_while_one_is_to_be_picked(self, django_assert_num_queries):
        meeting = ProposedMeetingFactory(mentorship=ActiveMentorshipFactory())
        with django_assert_num_queries(5):
            page = meeting_page_for(
                meeting_id=meeting.pk, user=meeting.mentorship.mentor.user, now=NOW
            )
        assert [slot.starts_at for slot in page.slots] == [NOW + 48 * HOUR, NOW + 72 * HOUR]

    def test_a_held_meeting_adds_its_feedback_and_the_thank_you_costs_nothing_more(
        self, django_assert_num_queries
    ):
        meeting = HeldMeetingFactory(mentorship=ActiveMentorshipFactory())
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        later = meeting.starts_at + 2 * HOUR
        services.thank_you_give(meeting=meeting, actor=mentee, text="Thank you!", now=later)
        services.meeting_feedback_give(meeting=meeting, actor=mentor, rating=4, now=later)
        with django_assert_num_queries(5):
            page = meeting_page_for(meeting_id=meeting.pk, user=mentee, now=later)
        assert page.thank_you is not None
        assert page.thank_you.text == "Thank you!"
        assert page.thank_you.author.display_name == mentee.display_name
        assert page.their_feedback is not None
        assert page.their_feedback.rating == 4
        assert page.my_feedback is None

    def test_action_items_split_into_this_meetings_and_those_carried(self):
        mentorship = ActiveMentorshipFactory()
        earlier = HeldMeetingFactory(mentorship=mentorship)
        mentee, mentor = mentorship.mentee.user, mentorship.mentor.user
        after = earlier.starts_at + HOUR
        open_one = services.action_item_add(
            meeting=earlier, actor=mentor, text="Open", owner="mentee", now=after
        )
        done = services.action_item_add(
            meeting=earlier, actor=mentor, text="Done", owner="mentee", now=after
        )
        services.action_item_update(item=done, actor=mentee, now=after, status="done")
        meeting = HeldMeetingFactory(mentorship=mentorship, now=after)
        later = meeting.starts_at + HOUR
        mine = services.action_item_add(
            meeting=meeting, actor=mentor, text="Mine", owner="mentor", now=later
        )
        page = meeting_page_for(meeting_id=meeting.pk, user=mentee, now=later)
        assert [item.pk for item in page.actions] == [mine.pk]
        assert [item.pk for item in page.carried] == [open_one.pk]
        assert page.carried[0].owner.display_name == mentee.display_name

    @pytest.mark.parametrize("factory", [ProposedMeetingFactory, HeldMeetingFactory])
    def test_a_second_read_compiles_no_sql(self, factory):
        meeting = factory(mentorship=ActiveMentorshipFactory())
        mentee = meeting.mentorship.mentee.user
        page = read_again_compiling_nothing(
            lambda: meeting_page_for(meeting_id=meeting.pk, user=mentee, now=NOW)
        )
        assert page.meeting.pk == meeting.pk


@pytest.mark.django_db
class TestMeetingsPageCost:
    def test_the_intro_part_reads_the_mentorship_and_its_meetings_only(
        self, django_assert_num_queries
    ):
        mentorship = IntroFactory()
        ProposedMeetingFactory(mentorship=mentorship)
        with django_assert_num_queries(2):
            page = meetings_page_for(
                mentorship_id=mentorship.pk, user=mentorship.mentor.user, today=TODAY,
                with_health=False,
            )  # fmt: skip
        assert page.intro is not None
        assert page.health is None
        assert page.default_minutes == 20  # the intro length the mentee asked for

    def test_with_health_it_costs_the_health_and_two_queries(self):
        mentorship = ActiveMentorshipFactory(meeting_minutes=30)
        meeting = HeldMeetingFactory(mentorship=mentorship)
        services.action_item_add(
            meeting=meeting, actor=mentorship.mentor.user, text="Try", owner="mentee",
            now=meeting.starts_at + HOUR,
        )  # fmt: skip
        _, health_cost = _queries(lambda: health_for(mentorship_ids=[mentorship.pk], today=TODAY))
        page, cost = _queries(
            lambda: meetings_page_for(
                mentorship_id=mentorship.pk, user=mentorship.mentee.user, today=TODAY
            )
        )
        assert cost == 2 + health_cost
        assert page.health is not None
        assert page.action_count == 1
        assert [m.pk for m in page.meetings] == [meeting.pk]

    def test_a_mentorship_that_ended_has_no_health_to_read(self, django_assert_num_queries):
        mentorship = IntroFactory()
        Mentorship.objects.filter(pk=mentorship.pk).update(state=Mentorship.State.CLOSED)
        with django_assert_num_queries(2):
            page = meetings_page_for(
                mentorship_id=mentorship.pk, user=mentorship.mentee.user, today=TODAY
            )
        assert page.health is None
        assert not page.can_propose

    def test_a_second_read_with_its_health_compiles_no_sql(self):
        mentorship = ActiveMentorshipFactory()
        HeldMeetingFactory(mentorship=mentorship)
        mentee = mentorship.mentee.user
        page = read_again_compiling_nothing(
            lambda: meetings_page_for(mentorship_id=mentorship.pk, user=mentee, today=TODAY)
        )
        assert page.health is not None
        assert len(page.meetings) == 1

    @pytest.mark.parametrize("factory", [IntroFactory, ActiveMentorshipFactory])
    def test_the_time_box_the_form_starts_with_is_the_rules(self, factory):
        mentorship = factory(intro_minutes=15)
        page = meetings_page_for(
            mentorship_id=mentorship.pk, user=mentorship.mentee.user, today=TODAY
        )
        assert page.default_minutes == default_minutes(mentorship)

    def test_a_renewal_accepted_sets_the_time_box(self):
        from tandem.mentorships.services.agreements import renewal_accept, renewal_propose

        mentorship = ActiveMentorshipFactory(meeting_minutes=60, term_months=1)
        mentee, mentor = mentorship.mentee.user, mentorship.mentor.user
        soon = NOW + 20 * 24 * HOUR  # within the renewal window of a one-month term
        renewal_propose(
            mentorship=mentorship, actor=mentee, now=soon, goals=["One", "Two"], cadence="1m",
            meeting_minutes=30, term_months=6,
        )  # fmt: skip
        renewal_accept(mentorship=mentorship, actor=mentor, now=soon)
        mentorship.refresh_from_db()
        page = meetings_page_for(mentorship_id=mentorship.pk, user=mentee, today=TODAY)
        assert page.default_minutes == default_minutes(mentorship) == 30
