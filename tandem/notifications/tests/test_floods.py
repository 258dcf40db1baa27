"""Blocks, mutes and flood control in `notify`: what one person's doing may raise for another."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from tandem.accounts.tests.factories import UserFactory
from tandem.moderation.blocks import block_set
from tandem.moderation.models import Block
from tandem.notifications.floods import COALESCE_WINDOW, DAILY_ASK_EMAILS
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification
from tandem.notifications.services import emails_retry, notify, pending_emails_send
from tandem.notifications.tests.factories import NOW


def _notify(recipient, actor, *, n=1, kind=Kind.ASK_RECEIVED, now=NOW, title=None):
    return notify(
        recipient=recipient, actor=actor, kind=kind, cause=f"ask:{n}:{kind}",
        title=title or f"Ask number {n}", body="", url=f"/asks/{n}/", now=now,
    )  # fmt: skip


@pytest.fixture
def pair():
    return UserFactory(), UserFactory()


@pytest.mark.django_db
class TestBlocksAndMutes:
    @pytest.mark.parametrize("kind", [Block.Kind.BLOCK, Block.Kind.MUTE])
    def test_nothing_reaches_someone_who_blocked_or_muted_the_actor(self, pair, kind):
        mentor, mentee = pair
        block_set(owner=mentor, other_id=mentee.pk, kind=kind)
        assert _notify(mentor, mentee) is None
        assert not Notification.objects.exists()
        assert mail.outbox == []

    def test_a_mute_is_one_way(self, pair):
        mentor, mentee = pair
        block_set(owner=mentor, other_id=mentee.pk, kind=Block.Kind.MUTE)
        assert _notify(mentee, mentor, kind=Kind.ASK_ACCEPTED) is not None

    def test_tandems_own_notices_still_arrive(self, pair):
        mentor, mentee = pair
        block_set(owner=mentor, other_id=mentee.pk, kind=Block.Kind.BLOCK)
        notify(
            recipient=mentor, kind=Kind.ASK_FOLLOW_UP, cause="ask:1:follow_up",
            title="A request is waiting", body="", url="/asks/1/", now=NOW,
        )  # fmt: skip
        assert Notification.objects.filter(recipient=mentor).count() == 1


@pytest.mark.django_db
class TestCoalescing:
    def test_a_second_notice_within_minutes_updates_the_first(self, pair):
        mentor, mentee = pair
        first = _notify(mentor, mentee, n=1)
        later = NOW + COALESCE_WINDOW - timedelta(seconds=1)
        assert _notify(mentor, mentee, n=2, now=later, title="The newer ask") is None
        row = Notification.objects.get()
        assert (row.pk, row.title, row.url, row.created_at) == (
            first.pk, "The newer ask", "/asks/2/", later,
        )  # fmt: skip
        assert len(mail.outbox) == 1  # one email, not two
        # A retry of the newer notice is still told once.
        assert _notify(mentor, mentee, n=2, now=later) is None
        assert Notification.objects.count() == 1

    def test_after_the_window_or_once_read_it_is_news_again(self, pair):
        mentor, mentee = pair
        _notify(mentor, mentee, n=1)
        assert _notify(mentor, mentee, n=2, now=NOW + COALESCE_WINDOW) is not None
        Notification.objects.update(read_at=NOW)
        assert _notify(mentor, mentee, n=3, now=NOW + COALESCE_WINDOW) is not None
        assert Notification.objects.count() == 3

    def test_other_people_and_other_kinds_are_not_folded_in(self, pair):
        mentor, mentee = pair
        _notify(mentor, mentee, n=1)
        _notify(mentor, UserFactory(), n=2)
        _notify(mentor, mentee, n=3, kind=Kind.ASK_WITHDRAWN)
        assert Notification.objects.count() == 3


@pytest.mark.django_db
class TestDailyAskEmails:
    def test_an_ask_withdraw_loop_emails_a_few_times_a_day_at_most(self, pair):
        mentor, mentee = pair
        kinds = [Kind.ASK_RECEIVED, Kind.ASK_WITHDRAWN] * 4
        for n, kind in enumerate(kinds):
            _notify(mentor, mentee, n=n, kind=kind, now=NOW + n * COALESCE_WINDOW)
        assert Notification.objects.count() == len(kinds)  # all in the centre
        assert len(mail.outbox) == DAILY_ASK_EMAILS
        assert Notification.objects.filter(email_held=True).count() == len(kinds) - 3
        # No sweep sends the held ones later.
        later = NOW + timedelta(hours=3)
        assert pending_emails_send(created_from=NOW - timedelta(days=1), now=later) == 0
        assert emails_retry(now=later) == 0
        assert len(mail.outbox) == DAILY_ASK_EMAILS

    def test_the_next_day_emails_again(self, pair):
        mentor, mentee = pair
        for n in range(DAILY_ASK_EMAILS + 1):
            _notify(mentor, mentee, n=n, now=NOW + n * COALESCE_WINDOW)
        assert len(mail.outbox) == DAILY_ASK_EMAILS
        _notify(mentor, mentee, n=99, now=NOW + timedelta(days=1, hours=1))
        assert len(mail.outbox) == DAILY_ASK_EMAILS + 1
