"""A mentorship that has ended stops working through its meetings (issue 13, item 1): its
open meetings are called off with a calendar CANCEL to both, every later write to its
meetings, agenda, notes, action items and goals is refused with nothing changed, and no
calendar file shows an address its page would not."""

from __future__ import annotations

import email
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks.signals import task_enqueued
from icalendar import Calendar

from tandem.core.errors import IllegalTransition
from tandem.core.tests.clock import NOW
from tandem.meetings import services
from tandem.meetings.calendar.ics import meeting_uid
from tandem.meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingFeedback,
    MeetingTransition,
    Note,
    Slot,
    ThankYou,
)
from tandem.meetings.tests.factories import (
    HeldMeetingFactory,
    ProposedMeetingFactory,
    ScheduledMeetingFactory,
)
from tandem.mentorships.models import Goal, GoalUpdate, Mentorship
from tandem.mentorships.services.goals import goal_update, learning_goal_add
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.notifications.models import Notification

DAY = timedelta(days=1)


@pytest.fixture
def enqueued() -> Iterator[list[str]]:
    """The tasks enqueued during the test, by name."""
    names: list[str] = []

    def record(sender: Any, task_result: Any, **kwargs: Any) -> None:
        names.append(task_result.task.name)

    task_enqueued.connect(record)
    yield names
    task_enqueued.disconnect(record)


def pair_with_history() -> tuple[Mentorship, Meeting, Meeting, Meeting, ActionItem]:
    """An active pair with a held meeting (an agenda item and an action item on it), one
    scheduled two days ahead and one whose times are on offer."""
    m = ActiveMentorshipFactory.create(now=NOW - 10 * DAY, asked_at=NOW - 11 * DAY)
    held = HeldMeetingFactory.create(mentorship=m, now=NOW - 5 * DAY)
    mentee, mentor = m.mentee.user, m.mentor.user
    item = services.action_item_add(
        meeting=held, actor=mentor, text="Ask for a stretch project", owner="mentee",
        now=NOW - 3 * DAY,
    )  # fmt: skip
    scheduled = ScheduledMeetingFactory.create(mentorship=m)
    services.agenda_add(meeting=scheduled, actor=mentee, text="Promotion?", now=NOW)
    proposed = ProposedMeetingFactory.create(mentorship=m, by_mentee=False)
    return m, held, scheduled, proposed, item


def snapshot() -> tuple[object, ...]:
    """Everything a refused write could have touched."""
    return (
        sorted(Meeting.objects.values_list("pk", "state", "starts_at", "sequence", "location")),
        Slot.objects.count(),
        MeetingTransition.objects.count(),
        sorted(AgendaItem.objects.values_list("pk", "text")),
        Note.objects.count(),
        sorted(ActionItem.objects.values_list("pk", "status", "outcome")),
        ThankYou.objects.count(),
        MeetingFeedback.objects.count(),
        sorted(Goal.objects.values_list("pk", "status")),
        GoalUpdate.objects.count(),
        Notification.objects.count(),
        len(mail.outbox),
    )


def every_write(
    m: Mentorship, held: Meeting, scheduled: Meeting, proposed: Meeting, item: ActionItem
) -> dict[str, Callable[[], object]]:
    """Each write the pair could still try on their meetings and goals (the mentee's, but for
    the learning goal: only the mentor sets one)."""
    mentee, mentor = m.mentee.user, m.mentor.user
    agenda = scheduled.agenda.get()
    goal = m.goals.first()
    assert goal is not None
    later = [NOW + 5 * DAY]
    return {
        "pick a time": lambda: services.meeting_schedule(
            meeting=proposed, actor=mentee, slot_id=proposed.slots.first().pk, now=NOW
        ),
        "reschedule": lambda: services.meeting_reschedule(
            meeting=scheduled, actor=mentee, slots=later, now=NOW
        ),
        "set the place": lambda: services.meeting_place_set(
            meeting=scheduled, actor=mentee, location="Café", video_url="", now=NOW
        ),
        "add to the agenda": lambda: services.agenda_add(
            meeting=scheduled, actor=mentee, text="One more", now=NOW
        ),
        "remove from the agenda": lambda: services.agenda_remove(item=agenda, actor=mentee),
        "add a note": lambda: services.note_add(
            meeting=held, actor=mentee, text="Shared", is_private=False, now=NOW
        ),
        "add an action item": lambda: services.action_item_add(
            meeting=held, actor=mentee, text="Read a book", owner="mentee", now=NOW
        ),
        "report on an action item": lambda: services.action_item_update(
            item=item, actor=mentee, status="done", now=NOW
        ),
        "update a goal": lambda: goal_update(
            goal=goal, actor=mentee, status="achieved", text="Got there", now=NOW
        ),
        "thank": lambda: services.thank_you_give(
            meeting=held, actor=mentee, text="Thank you", now=NOW
        ),
        "give feedback": lambda: services.meeting_feedback_give(
            meeting=held, actor=mentee, rating=5, now=NOW
        ),
        "propose a meeting": lambda: services.meeting_propose(
            mentorship=m, actor=mentee, slots=later, now=NOW
        ),
        "add a learning goal": lambda: learning_goal_add(
            mentorship=m, actor=mentor, text="Listen more than I talk"
        ),
    }


WRITES = (
    "pick a time", "reschedule", "set the place", "add to the agenda", "remove from the agenda",
    "add a note", "add an action item", "report on an action item", "update a goal", "thank",
    "give feedback", "propose a meeting", "add a learning goal",
)  # fmt: skip


@pytest.mark.django_db
class TestEveryWriteChecksTheMentorship:
    """The mentorship's state alone refuses: the meetings are left as they were (as they would
    be, for a moment, while the close is still being written)."""

    @pytest.mark.parametrize("write", WRITES)
    def test_closed_refuses_with_nothing_changed(self, write, enqueued):
        m, held, scheduled, proposed, item = pair_with_history()
        Mentorship.objects.filter(pk=m.pk).update(state=Mentorship.State.CLOSED)
        before, tasks_before = snapshot(), len(enqueued)
        with pytest.raises(IllegalTransition):
            every_write(m, held, scheduled, proposed, item)[write]()
        assert snapshot() == before
        assert len(enqueued) == tasks_before

    @pytest.mark.parametrize("write", [w for w in WRITES if w not in ("thank", "give feedback")])
    def test_completed_refuses_changes_too(self, write, enqueued):
        m, held, scheduled, proposed, item = pair_with_history()
        Mentorship.objects.filter(pk=m.pk).update(state=Mentorship.State.COMPLETED)
        before, tasks_before = snapshot(), len(enqueued)
        with pytest.raises(IllegalTransition):
            every_write(m, held, scheduled, proposed, item)[write]()
        assert snapshot() == before
        assert len(enqueued) == tasks_before

    @pytest.mark.parametrize("to_state", ["closed", "completed"])
    def test_the_pages_answer_409_to_a_new_meeting_or_learning_goal(self, client, to_state):
        m, *_ = pair_with_history()
        mentorship_move(mentorship=m, actor=m.mentor.user, to_state=to_state, now=NOW)
        before = snapshot()
        client.force_login(m.mentor.user)
        soon = timezone.localtime() + 5 * DAY  # the form reads the real clock
        offer = {"slot_1": soon.strftime("%Y-%m-%dT%H:%M"), "minutes": 45}
        propose = client.post(reverse("meetings:for_mentorship", args=[m.pk]), offer)
        goal = reverse("mentorships:learning_goal_add", args=[m.pk])
        add = client.post(goal, {"text": "Listen more than I talk"})
        assert (propose.status_code, add.status_code) == (409, 409)
        assert snapshot() == before

    def test_a_completed_pair_may_still_say_thank_you_for_a_held_meeting(self):
        m, held, *_ = pair_with_history()
        mentorship_move(mentorship=m, actor=m.mentor.user, to_state="completed", now=NOW)
        services.thank_you_give(meeting=held, actor=m.mentee.user, text="Thank you", now=NOW)
        services.meeting_feedback_give(meeting=held, actor=m.mentee.user, rating=5, now=NOW)
        assert (ThankYou.objects.count(), MeetingFeedback.objects.count()) == (1, 1)


def calendar_parts(message: Any) -> list[Calendar]:
    parsed = email.message_from_bytes(message.message().as_bytes())
    return [
        Calendar.from_ical(part.get_payload(decode=True))
        for part in parsed.walk()
        if part.get_content_type() == "text/calendar"
    ]


@pytest.mark.django_db
class TestEndingCallsOffTheMeetings:
    @pytest.mark.parametrize("to_state", ["closed", "completed"])
    def test_open_meetings_are_cancelled_with_a_calendar_cancel_to_both(self, to_state):
        m, held, scheduled, proposed, _ = pair_with_history()
        mentee, mentor = m.mentee.user, m.mentor.user
        mail.outbox.clear()
        mentorship_move(mentorship=m, actor=mentor, to_state=to_state, now=NOW)

        for meeting in (held, scheduled, proposed):
            meeting.refresh_from_db()
        assert (held.state, scheduled.state, proposed.state) == ("held", "cancelled", "cancelled")
        assert scheduled.sequence == 1
        cancels = [msg for msg in mail.outbox if calendar_parts(msg)]
        assert sorted(msg.to[0] for msg in cancels) == sorted([mentee.email, mentor.email])
        for message in cancels:
            (calendar,) = calendar_parts(message)
            (event,) = calendar.walk("VEVENT")
            assert str(calendar["METHOD"]) == "CANCEL"
            assert str(event["UID"]) == meeting_uid(scheduled)
            assert int(event["SEQUENCE"]) == 1
        audit = MeetingTransition.objects.filter(meeting=scheduled).last()
        assert (audit.actor, audit.to_state) == (mentor, "cancelled")

    def test_a_closed_pairs_cancel_shows_each_side_only_their_own_address(self):
        m, *_ = pair_with_history()
        mentee, mentor = m.mentee.user, m.mentor.user
        mail.outbox.clear()
        mentorship_move(mentorship=m, actor=mentor, to_state="closed", now=NOW)
        for message in mail.outbox:
            raw = message.message().as_bytes()
            other = mentor if message.to == [mentee.email] else mentee
            assert other.email.encode() not in raw
        assert len([msg for msg in mail.outbox if calendar_parts(msg)]) == 2

    def test_a_closed_pairs_invite_download_shows_no_address_of_the_other_side(self, client):
        m, _, scheduled, _, _ = pair_with_history()
        mentee, mentor = m.mentee.user, m.mentor.user
        mentorship_move(mentorship=m, actor=mentor, to_state="closed", now=NOW)
        client.force_login(mentee)
        response = client.get(reverse("calendar:invite", args=[scheduled.pk]))
        assert response.status_code == 200
        assert mentor.email.encode() not in response.content
        assert mentee.email.encode() in response.content  # their own, as they know it

    def test_a_completed_pairs_invite_still_names_both_as_the_page_does(self, client):
        m, _, scheduled, _, _ = pair_with_history()
        mentee, mentor = m.mentee.user, m.mentor.user
        mentorship_move(mentorship=m, actor=mentor, to_state="completed", now=NOW)
        client.force_login(mentee)
        response = client.get(reverse("calendar:invite", args=[scheduled.pk]))
        assert mentor.email.encode() in response.content

    @pytest.mark.parametrize(("to_state", "shown"), [("closed", False), ("completed", True)])
    def test_the_page_and_the_invite_ask_the_same_question(self, client, to_state, shown):
        m, _, scheduled, _, _ = pair_with_history()
        mentee, mentor = m.mentee.user, m.mentor.user
        mentorship_move(mentorship=m, actor=mentor, to_state=to_state, now=NOW)
        client.force_login(mentee)
        page = client.get(m.get_absolute_url()).content
        invite = client.get(reverse("calendar:invite", args=[scheduled.pk])).content
        assert (mentor.email.encode() in page) is shown
        assert (mentor.email.encode() in invite) is shown

    def test_a_meeting_already_begun_is_left_for_the_pair_to_mark(self):
        m = ActiveMentorshipFactory(now=NOW - 10 * DAY, asked_at=NOW - 11 * DAY)
        begun = ScheduledMeetingFactory(mentorship=m, now=NOW - 3 * DAY)  # began NOW - 1 day
        mentorship_move(mentorship=m, actor=m.mentor.user, to_state="completed", now=NOW)
        begun.refresh_from_db()
        assert begun.state == "scheduled"
        services.meeting_mark(meeting=begun, actor=m.mentee.user, to_state="held", now=NOW)
        assert Meeting.objects.get(pk=begun.pk).state == "held"

    def test_a_pause_leaves_the_meetings_alone(self):
        m, _, scheduled, proposed, _ = pair_with_history()
        mentorship_move(mentorship=m, actor=m.mentor.user, to_state="paused", now=NOW)
        scheduled.refresh_from_db()
        proposed.refresh_from_db()
        assert (scheduled.state, proposed.state) == ("scheduled", "proposed")
        services.agenda_add(meeting=scheduled, actor=m.mentee.user, text="Still on?", now=NOW)
