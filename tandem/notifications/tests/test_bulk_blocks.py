"""Bulk notices with an actor pass the same block and mute check as `notify`: someone who
blocked or muted the actor hears nothing from them, everyone else is told as before."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.accounts.tests.factories import UserFactory
from tandem.moderation.blocks import block_set
from tandem.moderation.models import Block
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification
from tandem.notifications.services import Notice, notify_many

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


def _notice(recipient, actor=None, cause="match:1:proposed") -> Notice:
    return Notice(
        recipient_id=recipient.pk, kind=Kind.PROGRAM_MATCH, cause=cause,
        title="Meet someone new", body="Open the match to confirm.", url="/programs/",
        actor_id=actor.pk if actor else None,
    )  # fmt: skip


@pytest.mark.parametrize("kind", [Block.Kind.BLOCK, Block.Kind.MUTE])
def test_a_recipient_who_blocked_or_muted_the_actor_is_not_told(kind) -> None:
    actor, blocker, other = UserFactory(), UserFactory(), UserFactory()
    block_set(owner=blocker, other_id=actor.pk, kind=kind)
    made = notify_many([_notice(blocker, actor), _notice(other, actor)], now=NOW)
    assert made == 1
    told = Notification.objects.get()
    assert (told.recipient_id, told.actor_id) == (other.pk, actor.pk)


def test_only_the_recipients_own_block_counts_and_tandems_notices_pass() -> None:
    actor, recipient = UserFactory(), UserFactory()
    # The actor blocked the recipient: the recipient's choice is what silences, as in `notify`.
    block_set(owner=actor, other_id=recipient.pk, kind=Block.Kind.BLOCK)
    bystander = UserFactory()
    block_set(owner=recipient, other_id=bystander.pk, kind=Block.Kind.BLOCK)
    made = notify_many(
        [_notice(recipient, actor), _notice(recipient, None, cause="match:2:proposed")], now=NOW
    )
    assert made == 2


def test_one_query_for_the_blocks_of_a_batch() -> None:
    actor = UserFactory()
    recipients = [UserFactory() for _ in range(5)]
    block_set(owner=recipients[0], other_id=actor.pk, kind=Block.Kind.MUTE)
    with CaptureQueriesContext(connection) as queries:
        made = notify_many([_notice(r, actor) for r in recipients], now=NOW)
    assert made == 4
    reads = [q["sql"] for q in queries.captured_queries if "moderation_block" in q["sql"]]
    assert len(reads) == 1
