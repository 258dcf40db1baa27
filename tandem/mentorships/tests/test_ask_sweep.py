"""The ask sweep in bulk (issue 14): chunks of asks, a fixed number of queries per chunk, the
same words and the same once-only as each ask's own job, even when a stamp is lost."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from tandem.core.tests.clock import NOW
from tandem.mentorships import nudges
from tandem.mentorships.models import Ask, Transition
from tandem.mentorships.notices import WaitingAsk, ask_expired_notices, ask_follow_up_notices
from tandem.mentorships.nudges import asks_sweep
from tandem.mentorships.services.asks import ask_decline
from tandem.mentorships.tests.factories import AskFactory
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification

DAY = timedelta(days=1)
SWEEP_AT = NOW + 15 * DAY
FOLLOW_UP_SENT = NOW + 7 * DAY  # day 8 at SWEEP_AT: the follow-up is due
LAPSE_SENT = NOW  # day 15 at SWEEP_AT: the ask lapses


def told(kind: str) -> list[tuple[int, str, str, str, str]]:
    return sorted(
        Notification.objects.filter(kind=kind).values_list(
            "recipient_id", "cause", "title", "body", "url"
        )
    )


def as_rows(notices) -> list[tuple[int, str, str, str, str]]:
    return sorted((n.recipient_id, n.cause, n.title, n.body, n.url) for n in notices)


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(nudges, "SWEEP_CHUNK", 2)


@pytest.mark.django_db
class TestInChunks:
    def test_every_due_ask_across_chunks_is_handled_once(self, small_chunks):
        following = [AskFactory(now=FOLLOW_UP_SENT) for _ in range(3)]
        lapsing = [AskFactory(now=LAPSE_SENT) for _ in range(3)]
        fresh = AskFactory(now=SWEEP_AT - 2 * DAY)
        mail.outbox.clear()
        report = asks_sweep(now=SWEEP_AT)
        assert (report.followed_up, report.expired) == (3, 3)
        states = dict(Ask.objects.values_list("pk", "state"))
        assert {states[a.pk] for a in following} == {"pending"}
        assert {states[a.pk] for a in lapsing} == {"expired"}
        assert states[fresh.pk] == "pending"
        stamped = Ask.objects.filter(followed_up_at=SWEEP_AT).values_list("pk", flat=True)
        assert sorted(stamped) == sorted(a.pk for a in following)
        decided = Ask.objects.filter(decided_at=SWEEP_AT).values_list("pk", flat=True)
        assert sorted(decided) == sorted(a.pk for a in lapsing)
        assert len(told(Kind.ASK_FOLLOW_UP)) == len(told(Kind.ASK_EXPIRED)) == 6
        assert len(mail.outbox) == 12  # both sides of each ask, immediately by default

    def test_the_lapse_is_audited_as_the_systems_move(self, small_chunks):
        lapsing = [AskFactory(now=LAPSE_SENT) for _ in range(3)]
        asks_sweep(now=SWEEP_AT)
        audit = Transition.objects.filter(ask__in=lapsing, to_state="expired")
        assert sorted(audit.values_list("ask_id", "actor_id", "from_state", "reason", "at")) == [
            (ask.pk, None, "pending", "no answer in 14 days", SWEEP_AT) for ask in lapsing
        ]

    def test_the_notices_say_what_the_asks_own_jobs_say(self):
        following, lapsing = AskFactory(now=FOLLOW_UP_SENT), AskFactory(now=LAPSE_SENT)
        asks_sweep(now=SWEEP_AT)
        assert told(Kind.ASK_FOLLOW_UP) == as_rows(ask_follow_up_notices(WaitingAsk.of(following)))
        assert told(Kind.ASK_EXPIRED) == as_rows(ask_expired_notices(WaitingAsk.of(lapsing)))

    def test_an_ask_answered_since_it_was_listed_is_left_alone(self, monkeypatch):
        answered = AskFactory(now=LAPSE_SENT)
        listed = nudges._due_ids

        def listed_then_answered(due):
            ids = listed(due)
            if answered.pk in ids and Ask.objects.get(pk=answered.pk).state == "pending":
                ask_decline(ask=answered, actor=answered.mentor.user, now=SWEEP_AT)
            return ids

        monkeypatch.setattr(nudges, "_due_ids", listed_then_answered)
        report = asks_sweep(now=SWEEP_AT)
        assert report.expired == 0
        assert Ask.objects.get(pk=answered.pk).state == "declined"
        assert told(Kind.ASK_EXPIRED) == []

    def test_the_queries_do_not_grow_with_the_asks(self):
        """Set-based: a chunk of twelve asks costs what a chunk of two does."""

        def sweep_queries(asks: int, at) -> int:
            for _ in range(asks):
                AskFactory(now=at - 8 * DAY)
                AskFactory(now=at - 15 * DAY)
            with CaptureQueriesContext(connection) as captured:
                asks_sweep(now=at)
            return len(captured)

        assert sweep_queries(2, SWEEP_AT) == sweep_queries(12, SWEEP_AT + 30 * DAY)


@pytest.mark.django_db
class TestOnce:
    def test_a_second_sweep_sends_nothing(self, small_chunks):
        for _ in range(3):
            AskFactory(now=FOLLOW_UP_SENT)
            AskFactory(now=LAPSE_SENT)
        asks_sweep(now=SWEEP_AT)
        notified, audited = Notification.objects.count(), Transition.objects.count()
        mail.outbox.clear()
        again = asks_sweep(now=SWEEP_AT + timedelta(hours=1))
        assert (again.followed_up, again.expired) == (0, 0)
        assert (Notification.objects.count(), Transition.objects.count()) == (notified, audited)
        assert mail.outbox == []

    def test_the_notification_constraint_holds_if_the_stamps_are_lost(self, small_chunks):
        """As if the asks' writes were lost after their notices went in: the sweep does them
        again, and the unique cause of each notice lets none through twice, without an error."""
        following = [AskFactory(now=FOLLOW_UP_SENT) for _ in range(3)]
        lapsing = [AskFactory(now=LAPSE_SENT) for _ in range(3)]
        asks_sweep(now=SWEEP_AT)
        before = told(Kind.ASK_FOLLOW_UP) + told(Kind.ASK_EXPIRED)
        Ask.objects.filter(pk__in=[a.pk for a in following]).update(followed_up_at=None)
        Ask.objects.filter(pk__in=[a.pk for a in lapsing]).update(state="pending", decided_at=None)
        mail.outbox.clear()
        again = asks_sweep(now=SWEEP_AT + timedelta(hours=1))
        assert (again.followed_up, again.expired) == (3, 3)  # the asks' own state is redone
        assert told(Kind.ASK_FOLLOW_UP) + told(Kind.ASK_EXPIRED) == before
        assert mail.outbox == []


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; .ci/run runs this file on PostgreSQL",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sweeps_and_the_asks_own_jobs_at_once_do_each_ask_once(monkeypatch):
    """Four sweeps and every ask's own jobs run together: each ask is reminded or lapses once,
    with one audit row, and each notice goes in once; nobody deadlocks or fails."""
    monkeypatch.setattr(nudges, "SWEEP_CHUNK", 3)
    following = [AskFactory(now=FOLLOW_UP_SENT) for _ in range(6)]
    lapsing = [AskFactory(now=LAPSE_SENT) for _ in range(6)]
    runs = [lambda: asks_sweep(now=SWEEP_AT) for _ in range(4)]
    runs += [
        lambda pk=ask.pk: nudges.ask_follow_up_if_due(ask_id=pk, now=SWEEP_AT) for ask in following
    ]
    runs += [lambda pk=ask.pk: nudges.ask_expire_if_due(ask_id=pk, now=SWEEP_AT) for ask in lapsing]
    start = threading.Barrier(len(runs))
    errors: list[BaseException] = []

    def run(job) -> None:
        try:
            start.wait()
            job()
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert (
        Ask.objects.filter(pk__in=[a.pk for a in following], followed_up_at=SWEEP_AT).count() == 6
    )
    assert Ask.objects.filter(pk__in=[a.pk for a in lapsing], state="expired").count() == 6
    assert Transition.objects.filter(to_state="expired").count() == 6
    assert len(told(Kind.ASK_FOLLOW_UP)) == len(told(Kind.ASK_EXPIRED)) == 12
