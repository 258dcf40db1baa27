"""Meeting life (issue 10, item 10): when "held" becomes available, the prompt right after a
meeting ends (a job at the end, and the sweep for what a worker missed), and the countdown that
runs only while a scheduled meeting is on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tandem.core.zones import zone_named
from tandem.meetings import services
from tandem.meetings.models import Meeting
from tandem.meetings.nudges.reminders import meeting_ended_prompt_if_due
from tandem.meetings.nudges.sweep import meetings_sweep
from tandem.meetings.rules import ENDED_PROMPT_WINDOW
from tandem.meetings.tasks import meeting_ended
from tandem.meetings.tests.factories import ScheduledMeetingFactory, meeting_row
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, IntroFactory
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification

MINUTE, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
START = datetime(2026, 3, 2, 9, tzinfo=UTC)  # the mentorship begins
STARTS = datetime(2026, 5, 7, 8, tzinfo=UTC)  # the meeting: 09:00 in London (BST)
ENDS = STARTS + 30 * MINUTE


def prompts() -> list[Notification]:
    return list(Notification.objects.filter(kind=Kind.MEETING_FOLLOW_UP).order_by("id"))


def scheduled(**kwargs) -> Meeting:
    """A 30-minute meeting of an active mentorship, scheduled at STARTS."""
    mentorship = ActiveMentorshipFactory(now=START, asked_at=START - DAY)
    return meeting_row(mentorship, Meeting.State.SCHEDULED, STARTS, minutes=30, **kwargs)


def prompt(meeting: Meeting, now: datetime, starts_at: datetime = STARTS) -> bool:
    return meeting_ended_prompt_if_due(meeting_id=meeting.pk, starts_at=starts_at, now=now)


@pytest.mark.django_db
class TestThePromptWhenAMeetingEnds:
    def test_both_sides_are_asked_once_right_after_the_end(self):
        meeting = scheduled()
        mentee, mentor = meeting.mentorship.mentee, meeting.mentorship.mentor
        mail.outbox.clear()
        assert not prompt(meeting, ENDS - MINUTE)
        assert prompt(meeting, ENDS)
        assert not prompt(meeting, ENDS + HOUR)  # one per cause
        to_mentee, to_mentor = sorted(prompts(), key=lambda n: n.recipient_id != mentee.user_id)
        assert (to_mentee.recipient, to_mentor.recipient) == (mentee.user, mentor.user)
        assert to_mentee.title == f"How did it go with {mentor.user.display_name}?"
        assert to_mentee.body.startswith(
            f"Your 30-minute meeting with {mentor.user.display_name} (Thursday 7 May at 09:00 "
            "(Europe/London)) has ended. While it's fresh: mark it held"
        )
        assert "send a short thank-you" in to_mentee.body
        assert "thank-you" not in to_mentor.body
        assert {n.url for n in prompts()} == {meeting.get_absolute_url()}
        assert {n.cause for n in prompts()} == {f"meeting:{meeting.pk}:{STARTS.isoformat()}:ended"}
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [mentee.user.email, mentor.user.email]
        )

    def test_nothing_once_someone_marked_it_or_it_moved(self):
        held = scheduled()
        Meeting.objects.filter(pk=held.pk).update(state=Meeting.State.HELD)
        moved = scheduled()
        Meeting.objects.filter(pk=moved.pk).update(starts_at=STARTS + DAY)
        assert not prompt(held, ENDS)
        assert not prompt(moved, ENDS)  # the old job of a meeting since moved
        assert prompts() == []

    @pytest.mark.parametrize("move", ["paused", "closed"])
    def test_nothing_for_a_paused_or_closed_mentorship(self, move):
        meeting = scheduled()
        mentorship = meeting.mentorship
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user, to_state=move, now=STARTS
        )
        assert not prompt(meeting, ENDS)
        assert meetings_sweep(now=ENDS).ended == 0

    def test_an_old_meeting_is_not_prompted_about_days_later(self):
        meeting = scheduled()
        assert not prompt(meeting, ENDS + ENDED_PROMPT_WINDOW)
        assert prompt(meeting, ENDS + ENDED_PROMPT_WINDOW - MINUTE)

    def test_the_sweep_sends_what_a_worker_missed_once(self):
        ended, running = scheduled(), scheduled()
        Meeting.objects.filter(pk=running.pk).update(starts_at=ENDS + 5 * MINUTE)
        stale = scheduled()
        Meeting.objects.filter(pk=stale.pk).update(starts_at=STARTS - 3 * DAY)
        first = meetings_sweep(now=ENDS + 10 * MINUTE)
        assert first.ended == 2  # both sides of the one that ended
        assert meetings_sweep(now=ENDS + 20 * MINUTE).ended == 0
        assert {n.cause for n in prompts()} == {f"meeting:{ended.pk}:{STARTS.isoformat()}:ended"}

    def test_the_job_enqueued_when_scheduling_runs_at_the_end_with_the_clock(self, deferred_tasks):
        now = timezone.now()
        mentorship = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        meeting = ScheduledMeetingFactory(mentorship=mentorship, now=now - DAY)
        [job] = [r for r in deferred_tasks if r.task.func is meeting_ended.func]
        assert job.task.run_after == meeting.ends_at
        assert not meeting_ended.call(*job.args)  # not over yet by the real clock
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=now - HOUR)
        assert meeting_ended.call(meeting.pk, (now - HOUR).astimezone(UTC).isoformat())
        assert len(prompts()) == 2


@pytest.mark.django_db
class TestTheMeetingPageAroundTheMeeting:
    def meeting(self, starts_in: timedelta) -> Meeting:
        """A 20-minute intro meeting starting `starts_in` from the real clock (pages read it)."""
        now = timezone.now()
        mentorship = IntroFactory(asked_at=now - 5 * DAY, now=now - 4 * DAY)
        meeting = ScheduledMeetingFactory.create(mentorship=mentorship, now=now - 3 * DAY)
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=now + starts_in)
        meeting.refresh_from_db()
        return meeting

    def test_before_the_start_the_page_says_when_it_can_be_marked(self, client):
        meeting = self.meeting(starts_in=2 * HOUR)
        client.force_login(meeting.mentorship.mentee.user)
        page = client.get(meeting.get_absolute_url()).content.decode()
        local = meeting.starts_at.astimezone(zone_named(meeting.mentorship.mentee.timezone))
        assert "You can mark it held from <time" in page
        assert f"{local:%a} {local.day} {local:%b}, {local:%H:%M}</time>, when it starts" in page
        assert "Mark as held" not in page
        assert 'id="meeting-timer"' not in page

    def test_during_the_meeting_the_countdown_runs_and_marking_is_open(self, client):
        meeting = self.meeting(starts_in=-5 * MINUTE)
        client.force_login(meeting.mentorship.mentor.user)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert 'id="meeting-timer"' in page
        assert "Mark as held" in page
        assert "You can mark it held from" not in page

    def test_once_held_the_countdown_is_gone_though_the_time_box_runs_on(self, client):
        meeting = self.meeting(starts_in=-5 * MINUTE)
        mentee = meeting.mentorship.mentee.user
        services.meeting_mark(meeting=meeting, actor=mentee, to_state="held", now=timezone.now())
        client.force_login(mentee)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert 'id="meeting-timer"' not in page
        assert "Mark as held" not in page
