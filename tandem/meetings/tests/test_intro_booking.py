"""Accepting an ask by picking one of the mentee's times (issue 10, item 7): one step that
accepts the ask and books the intro, the refusals that change nothing, and the intro that
comes before the agreement."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.db import IntegrityError
from icalendar import Calendar

from tandem.core.errors import DomainError, IllegalTransition, NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.meetings import services
from tandem.meetings.models import Meeting
from tandem.meetings.services import intros
from tandem.meetings.tasks import meeting_ended, meeting_remind
from tandem.meetings.tests.factories import HeldMeetingFactory
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.rules import AtCapacity
from tandem.mentorships.services.agreements import agreement_propose
from tandem.mentorships.tests.factories import GOALS, AskFactory, IntroFactory
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
ASKED_AT = NOW - 2 * DAY
TIMES = [NOW + 2 * DAY, NOW + 3 * DAY + 10.5 * HOUR]  # Wed 4 Nov 09:00, Thu 5 Nov 19:30 UTC


def ask_with_times(**kwargs) -> Ask:
    """A waiting 20-minute ask from a mentee in Tokyo suggesting two times, to a mentor in
    Lisbon."""
    kwargs.setdefault("mentee", ProfileFactory(timezone="Asia/Tokyo", user__first_name="Aiko"))
    kwargs.setdefault("mentor", MentorProfileFactory(timezone="Europe/Lisbon"))
    return AskFactory.create(proposed_times=[t.isoformat() for t in TIMES], now=ASKED_AT, **kwargs)


def nothing_changed(ask: Ask) -> None:
    ask.refresh_from_db()
    assert ask.state == Ask.State.PENDING
    assert not Mentorship.objects.exists()
    assert not Meeting.objects.exists()


@pytest.mark.django_db
class TestAcceptByPickingATime:
    def test_the_ask_is_accepted_and_the_intro_scheduled_as_if_offered_and_picked(self):
        ask = ask_with_times()
        meeting = services.ask_accept_with_time(
            ask=ask, actor=ask.mentor.user, starts_at=TIMES[1], now=NOW
        )
        ask.refresh_from_db()
        mentorship = meeting.mentorship
        assert (ask.state, mentorship.state, mentorship.ask_id) == ("accepted", "intro", ask.pk)
        assert (meeting.state, meeting.starts_at, meeting.minutes) == ("scheduled", TIMES[1], 20)
        assert (meeting.sequence, meeting.proposed_by) == (0, ask.mentee.user)
        assert sorted(meeting.slots.values_list("starts_at", flat=True)) == TIMES
        steps = list(meeting.transitions.values_list("actor", "from_state", "to_state", "at"))
        assert steps == [
            (ask.mentee.user_id, "", "proposed", ASKED_AT),
            (ask.mentor.user_id, "proposed", "scheduled", NOW),
        ]
        ask.mentor.refresh_from_db()
        assert ask.mentor.places_taken == 1

    def test_both_get_the_calendar_invite_for_the_picked_time(self):
        ask = ask_with_times()
        mail.outbox.clear()
        meeting = services.ask_accept_with_time(
            ask=ask, actor=ask.mentor.user, starts_at=TIMES[0], now=NOW
        )
        invites = [m for m in mail.outbox if m.attachments]
        assert sorted(m.to[0] for m in invites) == sorted(
            [ask.mentee.user.email, ask.mentor.user.email]
        )
        for message in invites:
            [(ics)] = [a for a in message.attachments if "calendar" in a.get_content_type()]
            event = next(iter(Calendar.from_ical(ics.get_payload(decode=True)).walk("VEVENT")))
            assert event.decoded("DTSTART") == TIMES[0]
            assert event.decoded("DTEND") == TIMES[0] + 20 * timedelta(minutes=1)
            assert str(event["UID"]).startswith(f"meeting-{meeting.pk}@")
            assert int(event["SEQUENCE"]) == 0

    def test_the_reminders_and_the_after_meeting_prompt_are_enqueued(self, deferred_tasks):
        ask = ask_with_times()
        deferred_tasks.clear()  # the ask's own day-7 and day-14 jobs
        meeting = services.ask_accept_with_time(
            ask=ask, actor=ask.mentor.user, starts_at=TIMES[0], now=NOW
        )
        jobs = {(r.task.func, r.task.run_after) for r in deferred_tasks}
        assert jobs == {
            (meeting_remind.func, TIMES[0] - 24 * HOUR),
            (meeting_remind.func, TIMES[0] - HOUR),
            (meeting_ended.func, meeting.ends_at),
        }

    def test_the_mentee_hears_once_with_the_time_on_their_own_clock(self):
        ask = ask_with_times()
        services.ask_accept_with_time(ask=ask, actor=ask.mentor.user, starts_at=TIMES[1], now=NOW)
        [notice] = Notification.objects.filter(recipient=ask.mentee.user)
        assert notice.kind == Kind.ASK_ACCEPTED
        # 19:30 UTC is 04:30 the next morning in Tokyo.
        assert "Friday 6 November at 04:30 (Asia/Tokyo)" in notice.body
        assert "calendar invite is in your email" in notice.body
        assert not Notification.objects.filter(kind=Kind.MEETING_SCHEDULED).exists()


@pytest.mark.django_db
class TestRefusals:
    def test_a_time_the_mentee_did_not_suggest_is_refused_and_nothing_changes(self):
        ask = ask_with_times()
        mail.outbox.clear()
        with pytest.raises(DomainError) as caught:
            services.ask_accept_with_time(
                ask=ask, actor=ask.mentor.user, starts_at=TIMES[0] + HOUR, now=NOW
            )
        assert (caught.value.status, caught.value.field) == (400, "time")
        nothing_changed(ask)
        assert mail.outbox == []

    def test_a_time_that_has_passed_is_refused_and_nothing_changes(self):
        ask = ask_with_times()
        with pytest.raises(RuleBroken) as caught:
            services.ask_accept_with_time(
                ask=ask, actor=ask.mentor.user, starts_at=TIMES[0], now=TIMES[0] + HOUR
            )
        assert caught.value.status == 409
        nothing_changed(ask)

    def test_a_mentor_at_capacity_cannot_book_either(self):
        mentor = MentorProfileFactory(capacity=1, timezone="Europe/Lisbon")
        ask = ask_with_times(mentor=mentor)
        IntroFactory(mentor=mentor)  # another mentee took the last place since
        with pytest.raises(AtCapacity):
            services.ask_accept_with_time(ask=ask, actor=mentor.user, starts_at=TIMES[0], now=NOW)
        ask.refresh_from_db()
        assert ask.state == Ask.State.PENDING
        assert not Meeting.objects.exists()
        assert Mentorship.objects.count() == 1  # only the other mentee's

    def test_only_the_mentor_books_and_only_a_waiting_ask(self):
        ask = ask_with_times()
        with pytest.raises(NotFound):
            services.ask_accept_with_time(
                ask=ask, actor=ProfileFactory().user, starts_at=TIMES[0], now=NOW
            )
        with pytest.raises(IllegalTransition):
            services.ask_accept_with_time(
                ask=ask, actor=ask.mentee.user, starts_at=TIMES[0], now=NOW
            )
        nothing_changed(ask)
        services.ask_accept_with_time(ask=ask, actor=ask.mentor.user, starts_at=TIMES[0], now=NOW)
        with pytest.raises(IllegalTransition):
            services.ask_accept_with_time(
                ask=ask, actor=ask.mentor.user, starts_at=TIMES[1], now=NOW
            )
        assert Meeting.objects.count() == 1

    def test_it_is_one_transaction_a_failure_while_booking_leaves_the_ask_waiting(
        self, monkeypatch
    ):
        ask = ask_with_times()

        def broken_book(*args, **kwargs):
            raise IntegrityError("the calendar step failed")

        monkeypatch.setattr(intros, "meeting_book", broken_book)
        with pytest.raises(IntegrityError):
            services.ask_accept_with_time(
                ask=ask, actor=ask.mentor.user, starts_at=TIMES[0], now=NOW
            )
        nothing_changed(ask)
        ask.mentor.refresh_from_db()
        assert ask.mentor.places_taken == 0


@pytest.mark.django_db
class TestTheIntroComesFirst:
    def test_the_agreement_waits_until_the_intro_meeting_is_marked_held(self):
        ask = ask_with_times()
        meeting = services.ask_accept_with_time(
            ask=ask, actor=ask.mentor.user, starts_at=TIMES[0], now=NOW
        )
        mentorship, mentee = meeting.mentorship, ask.mentee.user
        terms = {"goals": list(GOALS), "cadence": "1m", "meeting_minutes": 45}
        with pytest.raises(RuleBroken, match="After your intro"):
            agreement_propose(mentorship=mentorship, actor=mentee, now=NOW, **terms)
        held_at = TIMES[0] + 25 * timedelta(minutes=1)
        services.meeting_mark(meeting=meeting, actor=mentee, to_state="held", now=held_at)
        mentorship.refresh_from_db()
        assert mentorship.intro_held_at == held_at
        agreement_propose(mentorship=mentorship, actor=mentee, now=held_at, **terms)
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.PROPOSED

    def test_a_missed_intro_does_not_count_as_held(self):
        ask = ask_with_times()
        meeting = services.ask_accept_with_time(
            ask=ask, actor=ask.mentor.user, starts_at=TIMES[0], now=NOW
        )
        services.meeting_mark(
            meeting=meeting, actor=ask.mentor.user, to_state="no_show", now=TIMES[0] + HOUR
        )
        meeting.mentorship.refresh_from_db()
        assert meeting.mentorship.intro_held_at is None

    def test_pairs_that_held_a_meeting_before_the_rule_keep_their_right_to_propose(self):
        migration = import_module("tandem.meetings.migrations.0003_intro_held_from_meetings")
        held = HeldMeetingFactory(mentorship=IntroFactory(asked_at=ASKED_AT, now=NOW - DAY))
        waiting = IntroFactory()
        Mentorship.objects.update(intro_held_at=None)  # as they were before the field existed
        migration.intro_held_from_meetings(apps, None)
        marked_at = held.transitions.get(to_state="held").at
        held.mentorship.refresh_from_db()
        waiting.refresh_from_db()
        assert (held.mentorship.intro_held_at, waiting.intro_held_at) == (marked_at, None)
