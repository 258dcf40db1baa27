"""Meeting and mentorship nudges (F9): each fires once, says why, and none while paused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tandem.meetings.models import ActionItem, AgendaItem, Meeting, MeetingTransition
from tandem.meetings.nudges.reminders import meeting_remind_if_due, reminder_due
from tandem.meetings.nudges.sweep import meetings_sweep
from tandem.meetings.tasks import meeting_ended, meeting_nudges_schedule, meeting_remind
from tandem.meetings.tests.factories import backdate, meeting_row
from tandem.mentorships.models import Agreement, Mentorship
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification

DAY, HOUR = timedelta(days=1), timedelta(hours=1)
START = datetime(2026, 3, 2, 9, tzinfo=UTC)  # the agreements are accepted: monthly, 12 months
SWEEP_AT = datetime(2026, 5, 4, 8, tzinfo=UTC)  # sweep time in most tests


def nudges(kind: str) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind).order_by("recipient_id", "id"))


def fresh_outbox() -> None:
    mail.outbox.clear()


def recently_met(now: datetime = SWEEP_AT) -> Mentorship:
    """An active monthly mentorship (asked the day before START, agreed at START) that met a
    week before `now` and hears from both sides."""
    m = ActiveMentorshipFactory.create(now=START, asked_at=START - DAY)
    held = meeting_row(m, Meeting.State.HELD, now - 7 * DAY)
    for author in (m.mentee.user, m.mentor.user):
        backdate(AgendaItem.objects.create(meeting=held, author=author, text="Q"), now - 7 * DAY)
    return m


@pytest.mark.django_db
class TestMeetingReminders:
    def test_scheduling_enqueues_both_reminders_and_the_prompt_at_the_end(self, deferred_tasks):
        m = recently_met()
        starts = SWEEP_AT + 3 * DAY
        upcoming = meeting_row(m, Meeting.State.SCHEDULED, starts, minutes=30)
        deferred_tasks.clear()  # the ask's own jobs
        meeting_nudges_schedule(upcoming)
        jobs = {(r.task.func, r.task.run_after, tuple(r.args)) for r in deferred_tasks}
        iso = starts.isoformat()
        assert jobs == {
            (meeting_remind.func, starts - 24 * HOUR, (upcoming.pk, 24, iso)),
            (meeting_remind.func, starts - HOUR, (upcoming.pk, 1, iso)),
            (meeting_ended.func, starts + 30 * timedelta(minutes=1), (upcoming.pk, iso)),
        }

    def test_each_reminder_reaches_both_sides_once(self):
        m = recently_met()
        starts = SWEEP_AT + 3 * DAY
        upcoming = meeting_row(m, Meeting.State.SCHEDULED, starts, minutes=30)
        fresh_outbox()
        kwargs = {"meeting_id": upcoming.pk, "starts_at": starts}
        assert not meeting_remind_if_due(hours_before=24, now=starts - 25 * HOUR, **kwargs)
        assert meeting_remind_if_due(hours_before=24, now=starts - 24 * HOUR, **kwargs)
        assert not meeting_remind_if_due(hours_before=24, now=starts - 23 * HOUR, **kwargs)
        assert meeting_remind_if_due(hours_before=1, now=starts - HOUR, **kwargs)
        assert not meeting_remind_if_due(hours_before=1, now=starts - HOUR, **kwargs)
        sent = nudges(Kind.MEETING_REMINDER)
        assert len(sent) == 4
        assert {n.recipient_id for n in sent} == {m.mentee.user_id, m.mentor.user_id}
        assert {n.url for n in sent} == {f"/meetings/{upcoming.pk}/"}
        assert {n.cause for n in sent} == {
            f"meeting:{upcoming.pk}:{starts.isoformat()}:remind:24",
            f"meeting:{upcoming.pk}:{starts.isoformat()}:remind:1",
        }
        to_mentee = next(
            n for n in sent if n.recipient_id == m.mentee.user_id and "hour" in n.title
        )
        assert (
            to_mentee.title == f"Your meeting with {m.mentor.user.display_name} starts in an hour"
        )
        # In the mentee's own timezone (the factory's Europe/London: BST in May).
        assert to_mentee.body.startswith(
            "30 minutes, Thursday 7 May at 09:00 (Europe/London). A reminder an hour ahead"
        )
        assert len(mail.outbox) == 4

    def test_the_task_runs_the_reminder_with_the_clock(self):
        m = recently_met()
        soon = datetime.now(UTC).replace(microsecond=0) + 30 * timedelta(minutes=1)
        upcoming = meeting_row(m, Meeting.State.SCHEDULED, soon)
        assert meeting_remind.call(upcoming.pk, 1, soon.isoformat())
        assert not meeting_remind.call(upcoming.pk, 24, soon.isoformat())  # the hour one says it
        assert len(nudges(Kind.MEETING_REMINDER)) == 2

    def test_a_stale_reminder_of_a_moved_meeting_does_nothing(self):
        m = recently_met()
        old_start, new_start = SWEEP_AT + 2 * DAY, SWEEP_AT + 5 * DAY
        upcoming = meeting_row(m, Meeting.State.SCHEDULED, old_start)
        Meeting.objects.filter(pk=upcoming.pk).update(starts_at=new_start)  # rescheduled
        assert not meeting_remind_if_due(
            meeting_id=upcoming.pk, hours_before=24, starts_at=old_start, now=old_start - 24 * HOUR
        )
        assert meeting_remind_if_due(
            meeting_id=upcoming.pk, hours_before=24, starts_at=new_start, now=new_start - 24 * HOUR
        )
        assert len(nudges(Kind.MEETING_REMINDER)) == 2

    @pytest.mark.parametrize("change", ["cancelled", "being rescheduled", "paused", "closed"])
    def test_no_reminder_for_a_meeting_off_the_calendar_or_a_paused_mentorship(self, change):
        m = recently_met()
        starts = SWEEP_AT + 2 * DAY
        upcoming = meeting_row(m, Meeting.State.SCHEDULED, starts)
        if change == "cancelled":
            Meeting.objects.filter(pk=upcoming.pk).update(state=Meeting.State.CANCELLED)
        elif change == "being rescheduled":
            Meeting.objects.filter(pk=upcoming.pk).update(state=Meeting.State.RESCHEDULED)
        else:
            mentorship_move(mentorship=m, actor=m.mentee.user, to_state=change, now=SWEEP_AT)
        assert not meeting_remind_if_due(
            meeting_id=upcoming.pk, hours_before=24, starts_at=starts, now=starts - 24 * HOUR
        )
        assert meetings_sweep(now=starts - 24 * HOUR).reminders == 0
        assert nudges(Kind.MEETING_REMINDER) == []

    def test_no_day_ahead_reminder_for_a_meeting_picked_the_same_day(self):
        starts = SWEEP_AT + 10 * HOUR
        assert not reminder_due(
            starts_at=starts, hours_before=24, now=SWEEP_AT, scheduled_at=SWEEP_AT - HOUR
        )
        assert reminder_due(starts_at=starts, hours_before=24, now=SWEEP_AT, scheduled_at=None)
        assert reminder_due(
            starts_at=starts, hours_before=1, now=starts - HOUR, scheduled_at=SWEEP_AT - HOUR
        )
        assert not reminder_due(
            starts_at=starts, hours_before=1, now=starts, scheduled_at=SWEEP_AT - HOUR
        )
        # Through the database: the time was picked (a transition) two hours before.
        m = recently_met()
        upcoming = meeting_row(m, Meeting.State.SCHEDULED, starts)
        MeetingTransition.objects.create(
            meeting=upcoming, actor=m.mentor.user, from_state="proposed", to_state="scheduled",
            at=SWEEP_AT - 2 * HOUR,
        )  # fmt: skip
        assert meetings_sweep(now=SWEEP_AT).reminders == 0
        assert meetings_sweep(now=starts - 30 * timedelta(minutes=1)).reminders == 2

    def test_the_sweep_sends_the_reminders_a_worker_missed_once(self):
        m = recently_met()
        tomorrow = meeting_row(m, Meeting.State.SCHEDULED, SWEEP_AT + 20 * HOUR)
        in_an_hour = meeting_row(
            recently_met(), Meeting.State.SCHEDULED, SWEEP_AT + 40 * timedelta(minutes=1)
        )
        meeting_row(recently_met(), Meeting.State.SCHEDULED, SWEEP_AT + 30 * HOUR)  # not yet
        first = meetings_sweep(now=SWEEP_AT)
        assert first.reminders == 4
        assert meetings_sweep(now=SWEEP_AT).reminders == 0
        causes = {n.cause for n in nudges(Kind.MEETING_REMINDER)}
        assert causes == {
            f"meeting:{tomorrow.pk}:{tomorrow.starts_at.isoformat()}:remind:24",
            f"meeting:{in_an_hour.pk}:{in_an_hour.starts_at.isoformat()}:remind:1",
        }


@pytest.mark.django_db
class TestPeriodicNudges:
    def test_cadence_slipping_tells_both_sides_once_per_interval(self):
        m = ActiveMentorshipFactory(now=START, asked_at=START - DAY)  # monthly from 2 March
        meeting_row(m, Meeting.State.HELD, datetime(2026, 3, 10, 15, tzinfo=UTC))
        at = datetime(2026, 4, 25, 8, tzinfo=UTC)  # 46 days: past 1.5 intervals
        assert meetings_sweep(now=at - DAY).cadence == 0  # 45 days: not yet
        fresh_outbox()
        assert meetings_sweep(now=at).cadence == 2
        assert meetings_sweep(now=at + 5 * DAY).cadence == 0  # the same interval
        assert len(mail.outbox) == 2
        sent = nudges(Kind.CADENCE_SLIPPING)
        assert {n.recipient_id for n in sent} == {m.mentee.user_id, m.mentor.user_id}
        to_mentee = next(n for n in sent if n.recipient_id == m.mentee.user_id)
        assert (
            to_mentee.title == f"Time to plan your next meeting with {m.mentor.user.display_name}"
        )
        mentor = m.mentor.user.display_name
        assert to_mentee.body.startswith(
            f"You agreed to meet every month. Your last meeting with {mentor} was on 10 March "
            "(46 days ago), and nothing is booked yet."
        )
        assert to_mentee.url == f"/mentorships/{m.pk}/meetings/"
        assert to_mentee.cause == f"mentorship:{m.pk}:cadence:2026-03-10:1"
        # The next interval slips too: one more each; a meeting on the calendar stops them.
        assert meetings_sweep(now=at + 15 * DAY).cadence == 2
        meeting_row(m, Meeting.State.SCHEDULED, at + 20 * DAY)
        assert meetings_sweep(now=at + 16 * DAY).cadence == 0

    def test_no_reply_for_21_days_suggests_backing_off_to_the_waiting_side_only(self):
        m = ActiveMentorshipFactory(now=START, asked_at=START - DAY)
        held = meeting_row(m, Meeting.State.HELD, datetime(2026, 4, 20, 15, tzinfo=UTC))
        backdate(
            AgendaItem.objects.create(meeting=held, author=m.mentor.user, text="Next time?"),
            datetime(2026, 4, 21, 10, tzinfo=UTC),
        )
        # The mentee's last word here was proposing the agreement, on 2 March.
        at = datetime(2026, 4, 25, 8, tzinfo=UTC)
        fresh_outbox()
        first = meetings_sweep(now=at)
        assert first.quiet == 1
        assert meetings_sweep(now=at + DAY).quiet == 0
        [note] = nudges(Kind.QUIET_BACK_OFF)
        assert note.recipient_id == m.mentor.user_id
        mentee = m.mentee.user
        assert note.title == f"{mentee.display_name} has been quiet for a while"
        assert "since 2 March (54 days)" in note.body
        assert "it's rarely about you" in note.body
        assert (
            f"“Hi {mentee.first_name}, I know things get busy, so no pressure at all." in note.body
        )
        assert note.cause == f"mentorship:{m.pk}:quiet:2026-03-02"
        assert [e.to for e in mail.outbox] == [[m.mentor.user.email]]

    def test_the_term_review_comes_30_days_before_the_end_once_per_agreement(self):
        m = recently_met(datetime(2027, 2, 10, 8, tzinfo=UTC))
        agreement = Agreement.objects.get(mentorship=m)
        assert agreement.ends_on == date(2027, 3, 2)
        assert meetings_sweep(now=datetime(2027, 1, 30, 8, tzinfo=UTC)).term_reviews == 0
        first = meetings_sweep(now=datetime(2027, 1, 31, 8, tzinfo=UTC))
        assert first.term_reviews == 2
        assert meetings_sweep(now=datetime(2027, 2, 20, 8, tzinfo=UTC)).term_reviews == 0
        sent = nudges(Kind.TERM_REVIEW)
        assert {n.cause for n in sent} == {f"agreement:{agreement.pk}:term_review"}
        assert sent[0].title.endswith("ends on 2 March")
        assert "ends in 30 days" in sent[0].body

    def test_an_overdue_action_item_reminds_its_owner_once(self):
        m = recently_met()
        item = ActionItem.objects.create(
            mentorship=m, owner=m.mentee.user, text="Ask my manager for the stretch project",
            due_on=date(2026, 5, 1),
        )  # fmt: skip
        ActionItem.objects.create(
            mentorship=m, owner=m.mentee.user, text="Due today", due_on=SWEEP_AT.date()
        )
        ActionItem.objects.create(
            mentorship=m, owner=m.mentor.user, text="Send the article", due_on=date(2026, 4, 1),
            status=ActionItem.Status.DONE,
        )  # fmt: skip
        fresh_outbox()
        assert meetings_sweep(now=SWEEP_AT).overdue == 1
        assert meetings_sweep(now=SWEEP_AT + DAY).overdue == 1  # "due today" is now overdue
        assert meetings_sweep(now=SWEEP_AT + 2 * DAY).overdue == 0
        first = Notification.objects.get(cause=f"action:{item.pk}:overdue")
        assert first.recipient_id == m.mentee.user_id
        assert first.title == "Past its due date: Ask my manager for the stretch project"
        assert first.body.startswith("You planned to do this by 1 May. How did it go?")
        assert first.url == f"/mentorships/{m.pk}/actions/"
        assert len(mail.outbox) == 2

    def test_a_paused_mentorship_gets_no_nudges_at_all(self):
        # Never met, a silent mentor, items overdue, the term ending:
        m = ActiveMentorshipFactory(now=START, asked_at=START - DAY)
        ActionItem.objects.create(
            mentorship=m, owner=m.mentee.user, text="Overdue", due_on=date(2026, 4, 1)
        )
        meeting_row(m, Meeting.State.SCHEDULED, datetime(2027, 2, 10, 8, tzinfo=UTC) + 3 * HOUR)
        Agreement.objects.filter(mentorship=m).update(ends_on=date(2026, 4, 20))
        mentorship_move(mentorship=m, actor=m.mentee.user, to_state="paused", now=START + DAY)
        Notification.objects.all().delete()
        for at in (datetime(2026, 4, 10, 8, tzinfo=UTC), datetime(2027, 2, 10, 8, tzinfo=UTC)):
            assert meetings_sweep(now=at).total == 0
        assert not Notification.objects.exists()


@pytest.mark.django_db
class TestTheWholeSweep:
    def build(self) -> dict[str, Mentorship]:
        """One mentorship per nudge, a healthy one, and a paused twin of the busiest."""
        healthy = recently_met()
        meeting_row(healthy, Meeting.State.SCHEDULED, SWEEP_AT + 20 * DAY)
        reminded = recently_met()
        meeting_row(reminded, Meeting.State.SCHEDULED, SWEEP_AT + 5 * HOUR)
        # Never met since 2 March: 63 days.
        slipping = ActiveMentorshipFactory.create(now=START, asked_at=START - DAY)
        backdate(
            AgendaItem.objects.create(
                meeting=meeting_row(slipping, Meeting.State.CANCELLED, SWEEP_AT - 40 * DAY),
                author=slipping.mentor.user, text="?",
            ),
            SWEEP_AT - 3 * DAY,
        )  # fmt: skip
        overdue = recently_met()
        ActionItem.objects.create(
            mentorship=overdue, owner=overdue.mentor.user, text="Intro to Sam",
            due_on=SWEEP_AT.date() - 3 * DAY,
        )  # fmt: skip
        ending = recently_met()
        Agreement.objects.filter(mentorship=ending).update(ends_on=SWEEP_AT.date() + 12 * DAY)
        paused = ActiveMentorshipFactory.create(now=START, asked_at=START - DAY)
        Agreement.objects.filter(mentorship=paused).update(ends_on=SWEEP_AT.date() + 12 * DAY)
        ActionItem.objects.create(
            mentorship=paused, owner=paused.mentee.user, text="x", due_on=SWEEP_AT.date() - DAY
        )
        mentorship_move(
            mentorship=paused, actor=paused.mentor.user, to_state="paused", now=SWEEP_AT - DAY
        )
        return {"healthy": healthy, "slipping": slipping, "paused": paused}

    def test_running_it_twice_sends_each_nudge_once(self):
        built = self.build()
        fresh_outbox()
        before = Notification.objects.count()
        first = meetings_sweep(now=SWEEP_AT)
        emails, rows = len(mail.outbox), Notification.objects.count()
        second = meetings_sweep(now=SWEEP_AT)
        assert (first.reminders, first.cadence, first.overdue, first.quiet, first.term_reviews) == (
            2, 2, 1, 1, 2,
        )  # fmt: skip
        assert second.total == 0
        assert rows - before == emails == first.total == 8
        assert (Notification.objects.count(), len(mail.outbox)) == (rows, emails)
        touched = set(
            Notification.objects.filter(created_at=SWEEP_AT).values_list("recipient_id", flat=True)
        )
        for quiet in (built["healthy"], built["paused"]):
            assert not touched & {quiet.mentee.user_id, quiet.mentor.user_id}

    def test_the_command_runs_both_sweeps_and_reports_them(self):
        out = StringIO()
        call_command("sweep", stdout=out)  # the real clock
        words = out.getvalue()
        assert "0 follow-up(s), 0 expired ask(s)" in words
        assert "0 meeting reminder(s), 0 after-meeting prompt(s), 0 cadence nudge(s)" in words
        assert "0 back-off suggestion(s), 0 term review(s)" in words
