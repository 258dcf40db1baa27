"""The block and mute buttons on a profile page, and what a block does to the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.moderation.blocks import block_set
from tandem.moderation.models import Block
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

LIST = reverse("moderation:blocks")


def _block_url(user) -> str:
    return reverse("moderation:block", args=[user.pk])


@pytest.mark.django_db
class TestBlockButtons:
    def test_block_from_the_profile_page_then_undo_from_the_list(self, client):
        me, mentor = ProfileFactory(), MentorProfileFactory(user__first_name="Rafa")
        client.force_login(me.user)
        page = client.get(mentor.get_absolute_url()).content.decode()
        assert f'action="{_block_url(mentor.user)}"' in page
        response = client.post(_block_url(mentor.user), {"kind": "block"}, follow=True)
        assert response.redirect_chain[-1][0] == LIST
        body = response.content.decode()
        assert "You&#x27;ve blocked Rafa" in body
        assert "Unblock" in body
        # Blocked: the profile is gone for both, as a hidden one would be.
        assert client.get(mentor.get_absolute_url()).status_code == 404
        client.force_login(mentor.user)
        assert client.get(me.get_absolute_url()).status_code == 404
        client.force_login(me.user)
        client.post(reverse("moderation:unblock", args=[mentor.user.pk]))
        assert not Block.objects.exists()
        assert client.get(mentor.get_absolute_url()).status_code == 200

    def test_a_muted_profile_stays_open_and_offers_unmute(self, client):
        me, them = ProfileFactory(), ProfileFactory()
        block_set(owner=me.user, other_id=them.user_id, kind=Block.Kind.MUTE)
        client.force_login(me.user)
        page = client.get(them.get_absolute_url()).content.decode()
        assert "Unmute" in page

    def test_ones_own_profile_has_no_buttons(self, client):
        me = ProfileFactory()
        client.force_login(me.user)
        assert "moderation/people" not in client.get(me.get_absolute_url()).content.decode()
