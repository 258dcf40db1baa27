"""Blocking and muting: the writes, the list page with undo, and the profile page's buttons."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import DomainError, NotFound
from tandem.moderation.blocks import (
    block_remove,
    block_set,
    blocked_between,
    blocked_user_ids,
    silenced,
)
from tandem.moderation.models import Block

LIST = reverse("moderation:blocks")


def _block_url(user) -> str:
    return reverse("moderation:block", args=[user.pk])


@pytest.mark.django_db
class TestServices:
    def test_block_and_switch_to_mute_keeps_one_row(self):
        me, them = UserFactory(), UserFactory()
        block_set(owner=me, other_id=them.pk, kind=Block.Kind.BLOCK)
        assert blocked_between(user_id=them.pk, other_id=me.pk)
        block_set(owner=me, other_id=them.pk, kind=Block.Kind.MUTE)
        assert Block.objects.get(owner=me).kind == Block.Kind.MUTE
        assert not blocked_between(user_id=me.pk, other_id=them.pk)  # a mute hides nothing
        assert silenced(recipient_id=me.pk, actor_id=them.pk)
        assert not silenced(recipient_id=them.pk, actor_id=me.pk)

    def test_a_block_counts_both_ways(self):
        me, them, stranger = UserFactory(), UserFactory(), UserFactory()
        block_set(owner=me, other_id=them.pk, kind=Block.Kind.BLOCK)
        assert blocked_user_ids(user_id=me.pk) == {them.pk}
        assert blocked_user_ids(user_id=them.pk) == {me.pk}
        assert blocked_user_ids(user_id=stranger.pk) == set()

    def test_oneself_or_nobody_cannot_be_blocked(self):
        me = UserFactory()
        with pytest.raises(NotFound):
            block_set(owner=me, other_id=me.pk, kind=Block.Kind.BLOCK)
        with pytest.raises(NotFound):
            block_set(owner=me, other_id=987654, kind=Block.Kind.BLOCK)
        with pytest.raises(DomainError):
            block_set(owner=me, other_id=UserFactory().pk, kind="shun")
        assert not Block.objects.exists()

    def test_undo_twice_is_harmless(self):
        me, them = UserFactory(), UserFactory()
        block_set(owner=me, other_id=them.pk, kind=Block.Kind.MUTE)
        assert block_remove(owner=me, other_id=them.pk) is True
        assert block_remove(owner=me, other_id=them.pk) is False


@pytest.mark.django_db
class TestPages:
    def test_writes_are_posts_with_csrf(self):
        me, them = UserFactory(), UserFactory()
        client = Client(enforce_csrf_checks=True)
        client.force_login(me)
        assert client.get(_block_url(them)).status_code == 405
        assert client.post(_block_url(them), {"kind": "block"}).status_code == 403
        assert not Block.objects.exists()

    def test_signed_out_people_are_sent_to_log_in(self, client):
        response = client.post(_block_url(UserFactory()), {"kind": "block"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert client.get(LIST).status_code == 302

    def test_the_list_shows_only_ones_own(self, client):
        me, them, other = UserFactory(), UserFactory(first_name="Zed"), UserFactory()
        block_set(owner=other, other_id=them.pk, kind=Block.Kind.BLOCK)
        client.force_login(me)
        body = client.get(LIST).content.decode()
        assert "Zed" not in body
        assert "You haven't blocked or muted anyone" in body
