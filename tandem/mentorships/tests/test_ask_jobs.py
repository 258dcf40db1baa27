"""The ask's day-7 follow-up, day-14 expiry and the sweep: due once, sent once, time injected."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Ask
from tandem.mentorships.nudges import ask_expire_if_due, ask_follow_up_if_due, asks_sweep
from tandem.mentorships.services.asks import ask_accept
from tandem.mentorships.tasks import ask_expire_unanswered, ask_follow_up
from tandem.mentorships.tests.factories import AskFactory
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification

DAY = timedelta(days=1)


def nudges(kind: str) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind).select_related("recipient"))


@pytest.mark.django_db
class TestDeferredJobs:
    def test_sending_an_ask_enqueues_the_day_7_and_day_14_jobs(self, deferred_tasks):
        ask = AskFactory()
        jobs = {(r.task.func, r.task.run_after, tuple(r.args)) for r in deferred_tasks}
        assert jobs == {
            (ask_follow_up.func, NOW + 7 * DAY, (ask.pk,)),
            (ask_expire_unanswered.func, NOW + 14 * DAY, (ask.pk,)),
        }

    def test_the_jobs_run_their_services_with_the_clock(self, deferred_tasks):
        ask = AskFactory(now=timezone.now() - 10 * DAY)  # the follow-up is due, the lapse is not
        for result in deferred_tasks:
            result.task.call(*result.args)
        ask.refresh_from_db()
        assert ask.state == Ask.State.PENDING
        assert len(nudges(Kind.ASK_FOLLOW_UP)) == 2


@pytest.mark.django_db
class TestFollowUp:
    def test_nothing_before_day_7(self):
        ask = AskFactory()
        assert not ask_follow_up_if_due(ask_id=ask.pk, now=NOW + 7 * DAY - timedelta(minutes=1))
        assert nudges(Kind.ASK_FOLLOW_UP) == []

    def test_day_7_reminds_the_mentor_and_reassures_the_mentee_once(self):
        ask = AskFactory()
        mail.outbox.clear()
        assert ask_follow_up_if_due(ask_id=ask.pk, now=NOW + 7 * DAY)
        assert not ask_follow_up_if_due(ask_id=ask.pk, now=NOW + 8 * DAY)
        sent = {n.recipient_id: n for n in nudges(Kind.ASK_FOLLOW_UP)}
        assert set(sent) == {ask.mentor.user_id, ask.mentee.user_id}
        assert "no need to chase" in sent[ask.mentee.user_id].body
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [ask.mentor.user.email, ask.mentee.user.email]
        )

    def test_an_answered_ask_gets_no_follow_up(self):
        ask = AskFactory()
        ask_accept(ask=ask, actor=ask.mentor.user, now=NOW + DAY)
        assert not ask_follow_up_if_due(ask_id=ask.pk, now=NOW + 7 * DAY)
        assert nudges(Kind.ASK_FOLLOW_UP) == []


@pytest.mark.django_db
class TestExpiry:
    def test_day_14_lets_it_lapse(self):
        ask = AskFactory()
        assert not ask_expire_if_due(ask_id=ask.pk, now=NOW + 13 * DAY)
        assert ask_expire_if_due(ask_id=ask.pk, now=NOW + 14 * DAY)
        ask.refresh_from_db()
        assert ask.state == Ask.State.EXPIRED
        assert ask.decided_at == NOW + 14 * DAY
        # A follow-up missed until now isn't sent late next to the lapse notice.
        assert not ask_follow_up_if_due(ask_id=ask.pk, now=NOW + 14 * DAY)
        assert nudges(Kind.ASK_FOLLOW_UP) == []
        [to_mentee] = [n for n in nudges(Kind.ASK_EXPIRED) if n.recipient_id == ask.mentee.user_id]
        assert "isn't personal" in to_mentee.body
        assert ask.transitions.last().actor is None  # the system's move

    def test_an_accepted_ask_never_expires(self):
        ask = AskFactory()
        ask_accept(ask=ask, actor=ask.mentor.user, now=NOW + 13 * DAY)
        assert not ask_expire_if_due(ask_id=ask.pk, now=NOW + 20 * DAY)
        ask.refresh_from_db()
        assert ask.state == Ask.State.ACCEPTED


@pytest.mark.django_db
class TestSweep:
    def test_running_the_sweep_twice_sends_each_nudge_once(self):
        fresh = AskFactory(now=NOW + 10 * DAY)  # day 5 at sweep time: nothing due
        week_old = AskFactory(now=NOW + 7 * DAY)  # day 8: follow-up due
        old = AskFactory(now=NOW)  # day 15: it lapses (its follow-up went unsent, worker down)
        mail.outbox.clear()
        first = asks_sweep(now=NOW + 15 * DAY)
        emails_after_first = len(mail.outbox)
        second = asks_sweep(now=NOW + 15 * DAY)
        assert (first.followed_up, first.expired) == (1, 1)
        assert (second.followed_up, second.expired) == (0, 0)
        assert len(mail.outbox) == emails_after_first == 2 + 2  # to both sides of each ask
        states = dict(Ask.objects.values_list("pk", "state"))
        assert states == {fresh.pk: "pending", week_old.pk: "pending", old.pk: "expired"}

    def test_the_notification_constraint_holds_even_if_the_flag_is_lost(self):
        ask = AskFactory()
        ask_follow_up_if_due(ask_id=ask.pk, now=NOW + 7 * DAY)
        Ask.objects.filter(pk=ask.pk).update(followed_up_at=None)  # as if a write was lost
        mail.outbox.clear()
        ask_follow_up_if_due(ask_id=ask.pk, now=NOW + 8 * DAY)
        assert len(nudges(Kind.ASK_FOLLOW_UP)) == 2
        assert mail.outbox == []

    def test_the_command_reports_what_it_did(self):
        AskFactory(now=timezone.now() - 8 * DAY)
        AskFactory(now=timezone.now() - 15 * DAY)
        out = StringIO()
        call_command("sweep", stdout=out)  # the real clock
        assert "1 follow-up(s), 1 expired ask(s)" in out.getvalue()
