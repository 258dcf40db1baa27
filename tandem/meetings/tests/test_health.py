"""A mentorship's health (F9): the status and its reasons for hand-built histories, from plain
facts and through the bulk selectors."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.meetings.health.rules import Health, HealthFacts, health_assess, quiet_side
from tandem.meetings.health.selectors import health_facts_for, health_for
from tandem.meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingFeedback,
    MeetingTransition,
    Note,
)
from tandem.meetings.tests.factories import backdate, meeting_row
from tandem.mentorships.models import Goal, GoalUpdate
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import GOALS, ActiveMentorshipFactory

START = datetime(2026, 3, 2, 9, tzinfo=UTC)  # the agreement is accepted: monthly, 12 months
TODAY = date(2026, 5, 4)
DAY = timedelta(days=1)
ON_TRACK = HealthFacts(
    today=TODAY,
    state="active",
    cadence_days=30,
    started_on=START.date(),
    ends_on=date(2027, 3, 2),
    last_held_on=date(2026, 4, 20),
    last_mentee_activity=date(2026, 4, 21),
    last_mentor_activity=date(2026, 4, 20),
)


def facts(**changes: object) -> HealthFacts:
    return replace(ON_TRACK, **changes)


class TestStatusFromFacts:
    def test_meeting_as_agreed_is_on_track_with_the_last_meeting_as_reason(self):
        health = health_assess(ON_TRACK)
        assert health == Health("on_track", ["You've met as agreed: last on 20 April."])
        assert health.label == "On track"

    def test_a_booked_meeting_is_the_reason_when_there_is_one(self):
        health = health_assess(facts(last_held_on=date(2026, 3, 10), next_meeting_on=TODAY))
        assert health.status == "on_track"
        assert health.reasons == ["Your next meeting is booked for 4 May."]

    def test_times_offered_settle_the_cadence_for_now(self):
        health = health_assess(facts(last_held_on=date(2026, 2, 1), times_offered=True))
        assert health.status == "on_track"
        assert "waiting for a pick" in health.reasons[0]

    def test_a_new_pair_has_until_one_interval_for_a_first_meeting(self):
        health = health_assess(
            facts(started_on=date(2026, 4, 20), last_held_on=None, last_mentee_activity=None)
        )
        assert health == Health(
            "on_track", ["You started on 20 April; aim for a first meeting by 20 May."]
        )

    def test_more_than_one_and_a_half_intervals_without_a_meeting_needs_attention(self):
        health = health_assess(facts(last_held_on=TODAY - 50 * DAY))
        assert health.status == "needs_attention"
        assert health.label == "Needs attention"
        assert health.reasons == [
            "It's been 50 days since you last met, on 15 March; you agreed to meet every month, "
            "and nothing is booked yet."
        ]

    def test_one_and_a_half_intervals_exactly_is_still_on_track(self):
        assert health_assess(facts(last_held_on=TODAY - 45 * DAY)).status == "on_track"

    def test_more_than_two_and_a_half_intervals_is_at_risk(self):
        health = health_assess(facts(cadence_days=14, last_held_on=TODAY - 36 * DAY))
        assert health.status == "at_risk"
        assert "you agreed to meet every two weeks" in health.reasons[0]

    def test_no_meeting_since_the_start_counts_from_the_start(self):
        health = health_assess(facts(last_held_on=None, started_on=TODAY - 80 * DAY))
        assert health.status == "at_risk"
        assert health.reasons[0] == (
            "No meeting yet since you started on 13 February (80 days); you agreed to meet "
            "every month."
        )

    def test_two_missed_meetings_in_90_days_are_at_risk_one_is_life(self):
        assert health_assess(facts(no_shows_90d=1)).status == "on_track"
        health = health_assess(facts(no_shows_90d=2))
        assert health.status == "at_risk"
        assert health.reasons[0].startswith("2 meetings were missed in the last 90 days")

    def test_one_side_quiet_for_three_weeks_while_the_other_waits_is_at_risk(self):
        quiet = facts(
            last_held_on=TODAY - 30 * DAY,
            last_mentor_activity=TODAY - 25 * DAY,
            last_mentee_activity=TODAY - 2 * DAY,
        )
        health = health_assess(quiet)
        assert health.status == "at_risk"
        assert health.label == "At risk"
        assert health.reasons[0] == (
            "No word from the mentor's side for 25 days, since 9 April. People get busy; a "
            "short, friendly note and some room usually helps."
        )
        # The good news stays on the list, after the worry.
        assert health.reasons[1] == "You've met as agreed: last on 4 April."

    def test_twenty_days_of_quiet_or_a_booked_meeting_is_not_a_silence(self):
        base = {"last_mentor_activity": TODAY - 20 * DAY, "last_mentee_activity": TODAY}
        assert quiet_side(facts(**base)) is None
        base["last_mentor_activity"] = TODAY - 40 * DAY
        assert quiet_side(facts(**base)) is not None
        assert quiet_side(facts(**base, next_meeting_on=TODAY + 3 * DAY)) is None

    def test_both_sides_quiet_is_not_one_side_ignoring_the_other(self):
        both = facts(last_mentee_activity=None, last_mentor_activity=None)
        assert quiet_side(both) is None
        # A lull after a meeting: one marked it held the day after the other's last word.
        lull = facts(last_mentee_activity=TODAY - 30 * DAY, last_mentor_activity=TODAY - 29 * DAY)
        assert quiet_side(lull) is None
        # Both gone quiet long ago: the rhythm's business, not a back-off.
        drifted = facts(
            last_mentee_activity=TODAY - 60 * DAY, last_mentor_activity=TODAY - 30 * DAY
        )
        assert quiet_side(drifted) is None
        assert quiet_side(replace(drifted, last_mentor_activity=TODAY - 20 * DAY)) is not None
        never = facts(last_mentor_activity=None, last_mentee_activity=TODAY - DAY)
        assert quiet_side(never) is not None  # counted from the start: 2 March, 63 days

    def test_reschedules_overdue_items_and_a_term_that_has_ended_need_attention(self):
        assert (
            health_assess(facts(reschedules_90d=3))
            .reasons[0]
            .startswith("3 meetings were moved in the last 90 days")
        )
        assert health_assess(facts(reschedules_90d=2)).status == "on_track"
        overdue = health_assess(facts(overdue_actions=2))
        assert overdue.status == "needs_attention"
        assert overdue.reasons[0] == (
            "2 action items are past the due date: done, tried or dropped are all fine answers."
        )
        ended = health_assess(facts(ends_on=TODAY - DAY))
        assert ended.status == "needs_attention"
        assert ended.reasons[0] == (
            "The term ended on 3 May: renew it, complete it, or stay in touch."
        )

    def test_the_term_end_approaching_is_news_not_a_worry(self):
        health = health_assess(facts(ends_on=TODAY + 20 * DAY))
        assert health.status == "on_track"
        assert health.reasons[-1] == "The term ends on 24 May: a good moment to look back together."

    @pytest.mark.parametrize(
        ("ratings", "status", "words"),
        [
            ((4, 5), "on_track", "Recent meetings were rated 4.5 out of 5."),
            ((5, 4, 2), "needs_attention", "The last meeting was rated 2 out of 5"),
            ((5, 5, 4, 3), "needs_attention", "rated lower than before (3.5 against 5.0"),
            ((3, 3, 3), "on_track", "You've met as agreed"),
        ],
    )
    def test_the_feedback_trend(self, ratings, status, words):
        health = health_assess(facts(recent_ratings=ratings))
        assert health.status == status
        assert any(words in reason for reason in health.reasons)

    def test_the_worst_comes_first_and_decides(self):
        health = health_assess(facts(overdue_actions=1, no_shows_90d=3, ends_on=TODAY + 10 * DAY))
        assert health.status == "at_risk"
        assert [r.split(" ")[0] for r in health.reasons] == ["3", "1", "You've", "The"]

    def test_paused_says_so_and_other_states_have_no_health(self):
        health = health_assess(facts(state="paused", no_shows_90d=5))
        assert health.status == "paused"
        assert health.label == "Paused"
        assert health.reasons == [
            "Paused: no nudges and no health signals until one of you resumes."
        ]
        with pytest.raises(ValueError, match="Only active or paused"):
            health_assess(facts(state="closed"))

    @pytest.mark.parametrize(
        "changes",
        [
            {},
            {"cadence_days": None},
            {"last_held_on": None, "started_on": None},
            {"no_shows_90d": 4, "overdue_actions": 3, "reschedules_90d": 5},
            {"last_mentor_activity": date(2026, 1, 1), "recent_ratings": (1,)},
        ],
    )
    def test_always_at_least_one_reason_and_never_blame(self, changes):
        health = health_assess(facts(**changes))
        assert health.reasons
        text = " ".join(health.reasons).lower()
        for word in ("fault", "failed", "ignor", "lazy", "unreliable"):
            assert word not in text


# --- Through the database ----------------------------------------------------------------
# Each mentorship is asked the day before START and agreed at START (monthly, 12 months, both
# sides active); `meeting_row` and `backdate` then write its history by hand at fixed dates.


@pytest.mark.django_db
class TestFactsFromTheDatabase:
    def test_a_hand_built_history(self):
        m = ActiveMentorshipFactory(now=START, asked_at=START - DAY)
        mentee, mentor = m.mentee.user, m.mentor.user
        held = meeting_row(m, Meeting.State.HELD, datetime(2026, 4, 14, 15, tzinfo=UTC))
        earlier = meeting_row(m, Meeting.State.HELD, datetime(2026, 3, 16, 15, tzinfo=UTC))
        meeting_row(m, Meeting.State.NO_SHOW, datetime(2026, 4, 28, 15, tzinfo=UTC))
        meeting_row(m, Meeting.State.NO_SHOW, datetime(2026, 1, 28, 15, tzinfo=UTC))  # > 90 days
        meeting_row(m, Meeting.State.SCHEDULED, datetime(2026, 5, 12, 15, tzinfo=UTC))
        meeting_row(m, Meeting.State.CANCELLED, datetime(2026, 5, 2, 15, tzinfo=UTC))
        MeetingTransition.objects.create(
            meeting=held, actor=mentor, from_state="scheduled", to_state="rescheduled",
            at=datetime(2026, 4, 1, tzinfo=UTC),
        )  # fmt: skip
        backdate(AgendaItem.objects.create(meeting=held, author=mentee, text="Q"), START + 40 * DAY)
        backdate(
            Note.objects.create(meeting=held, author=mentor, text="n", is_private=True),
            START + 45 * DAY,
        )
        item = ActionItem.objects.create(
            mentorship=m, meeting=held, owner=mentee, text="Draft the update",
            due_on=date(2026, 4, 30),
        )  # fmt: skip
        backdate(item, START + 20 * DAY)
        done = ActionItem.objects.create(
            mentorship=m, owner=mentee, text="Done already", due_on=date(2026, 4, 1),
            status=ActionItem.Status.DONE,
        )  # fmt: skip
        backdate(done, START + 10 * DAY)
        goal = Goal.objects.create(mentorship=m, owner=mentee, text=GOALS[0])
        backdate(
            GoalUpdate.objects.create(goal=goal, author=mentee, text="Tried it", status="open"),
            START + 60 * DAY,  # 1 May: the mentee's latest
        )
        for on, author, rating, at in ((earlier, mentor, 5, 10), (earlier, mentee, 4, 20),
                                       (held, mentor, 2, 50)):  # fmt: skip
            feedback = MeetingFeedback.objects.create(meeting=on, author=author, rating=rating)
            backdate(feedback, START + at * DAY)

        got = health_facts_for(mentorship_ids=[m.pk], today=TODAY)[m.pk]

        assert got == HealthFacts(
            today=TODAY,
            state="active",
            cadence_days=30,
            started_on=date(2026, 3, 2),
            ends_on=date(2027, 3, 2),
            last_held_on=date(2026, 4, 14),
            next_meeting_on=date(2026, 5, 12),
            no_shows_90d=1,
            reschedules_90d=1,
            overdue_actions=1,
            last_mentee_activity=date(2026, 5, 1),
            last_mentor_activity=date(2026, 4, 21),  # the 2-star feedback
            recent_ratings=(5, 4, 2),
            times_offered=False,
        )
        health = health_for(mentorship_ids=[m.pk], today=TODAY)[m.pk]
        assert health.status == "needs_attention"
        assert health.reasons[:2] == [
            "1 action item is past the due date: done, tried or dropped are all fine answers.",
            "The last meeting was rated 2 out of 5: worth asking each other what would make "
            "the next one more useful.",
        ]
        assert health.reasons[2] == "Your next meeting is booked for 12 May."

    def test_a_silent_mentor_and_a_slipping_rhythm_are_at_risk(self):
        m = ActiveMentorshipFactory(now=START, asked_at=START - DAY)
        meeting_row(m, Meeting.State.HELD, datetime(2026, 3, 9, 15, tzinfo=UTC))
        held = Meeting.objects.get()
        backdate(
            AgendaItem.objects.create(meeting=held, author=m.mentee.user, text="Still there?"),
            datetime(2026, 4, 27, tzinfo=UTC),
        )
        health = health_for(mentorship_ids=[m.pk], today=TODAY)[m.pk]
        assert health.status == "at_risk"
        assert health.reasons[0].startswith("No word from the mentor's side for 63 days")
        assert health.reasons[1].startswith("It's been 56 days since you last met, on 9 March")

    def test_a_private_note_is_no_word_to_the_other_side(self):
        m = ActiveMentorshipFactory(now=START, asked_at=START - DAY)
        held = meeting_row(m, Meeting.State.HELD, datetime(2026, 3, 9, 15, tzinfo=UTC))
        backdate(
            AgendaItem.objects.create(meeting=held, author=m.mentee.user, text="Still there?"),
            datetime(2026, 4, 27, tzinfo=UTC),
        )
        private = Note.objects.create(
            meeting=held, author=m.mentor.user, text="Must reply", is_private=True
        )
        backdate(private, datetime(2026, 5, 1, tzinfo=UTC))
        got = health_facts_for(mentorship_ids=[m.pk], today=TODAY)[m.pk]
        assert got.last_mentor_activity == START.date()  # the agreement, not the private note
        health = health_for(mentorship_ids=[m.pk], today=TODAY)[m.pk]
        assert health.reasons[0].startswith("No word from the mentor's side for 63 days")
        shared = Note.objects.create(meeting=held, author=m.mentor.user, text="Sorry, busy")
        backdate(shared, datetime(2026, 5, 1, tzinfo=UTC))
        got = health_facts_for(mentorship_ids=[m.pk], today=TODAY)[m.pk]
        assert got.last_mentor_activity == date(2026, 5, 1)

    def test_a_scheduled_meeting_whose_day_has_passed_counts_as_met(self):
        m = ActiveMentorshipFactory(now=START, asked_at=START - DAY)
        meeting_row(m, Meeting.State.SCHEDULED, datetime(2026, 4, 30, 15, tzinfo=UTC))
        got = health_facts_for(mentorship_ids=[m.pk], today=TODAY)[m.pk]
        assert (got.last_held_on, got.next_meeting_on) == (date(2026, 4, 30), None)

    def test_only_active_and_paused_mentorships_have_a_health(self):
        active, paused, closed = ActiveMentorshipFactory.create_batch(
            3, now=START, asked_at=START - DAY
        )
        for target, state in ((paused, "paused"), (closed, "closed")):
            mentorship_move(
                mentorship=target, actor=target.mentor.user, to_state=state, now=START + DAY
            )
        ids = [active.pk, paused.pk, closed.pk]
        assert set(health_facts_for(mentorship_ids=ids, today=TODAY)) == set(ids)
        healths = health_for(mentorship_ids=ids, today=TODAY)
        assert set(healths) == {active.pk, paused.pk}
        assert healths[paused.pk].status == "paused"
        assert set(health_for(mentorship_ids=None, today=TODAY)) == {active.pk, paused.pk}
        assert health_for(mentorship_ids=[], today=TODAY) == {}

    def test_the_number_of_queries_does_not_grow_with_the_mentorships(self):
        def queries(ids: list[int]) -> int:
            with CaptureQueriesContext(connection) as captured:
                health_for(mentorship_ids=ids, today=TODAY)
            return len(captured)

        first = ActiveMentorshipFactory(now=START, asked_at=START - DAY)
        meeting_row(first, Meeting.State.HELD, START + 7 * DAY)
        one = queries([first.pk])
        more = [first.pk]
        for _ in range(4):
            m = ActiveMentorshipFactory(now=START, asked_at=START - DAY)
            meeting_row(m, Meeting.State.HELD, START + 7 * DAY)
            meeting_row(m, Meeting.State.SCHEDULED, START + 70 * DAY)
            more.append(m.pk)
        assert queries(more) == one
        assert queries(None) == one
