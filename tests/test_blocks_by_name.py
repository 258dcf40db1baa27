"""Blocking by id names and confirms no one (issue 13, item 12): a person blocks or mutes only
someone whose profile they may see, or a counterpart (an ask, a mentorship, a program match);
anyone else gets the same 404 as an id nobody has, with no name in it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.mentorships.tests.factories import AskFactory
from tandem.moderation.blocks import block_set
from tandem.moderation.models import Block
from tandem.profiles.services import profile_update
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory
from tandem.programs.tests.factories import ParticipantFactory
from tandem.programs.tests.worlds import match_of

LIST = reverse("moderation:blocks")
NOBODY = 987_654_321


def _block(client, user_id: int, kind: str = "block"):
    return client.post(reverse("moderation:block", args=[user_id]), {"kind": kind})


def _hidden():
    profile = MentorProfileFactory(user__first_name="Quentin", user__last_name="Hiddenbury")
    profile_update(profile=profile, fields={"visibility": "hidden"})
    return profile


@pytest.mark.django_db
class TestStrangers:
    def test_a_hidden_profile_is_a_404_naming_no_one_like_an_id_nobody_has(self, client):
        hidden = _hidden()
        client.force_login(ProfileFactory().user)
        response = _block(client, hidden.user_id)
        assert response.status_code == 404
        body = response.content.decode()
        assert "Quentin" not in body
        assert "Hiddenbury" not in body
        assert not Block.objects.exists()
        # The same answer as for an id nobody has (but for the page's nonce and token, of the
        # same length): walking ids tells nothing apart.
        nobody = _block(client, NOBODY)
        assert nobody.status_code == 404
        assert len(nobody.content) == len(response.content)
        assert "Quentin" not in client.get(LIST).content.decode()

    def test_staff_without_a_listed_profile_cannot_be_named_by_id(self, client):
        staff = UserFactory(is_staff=True, first_name="Stella")
        client.force_login(ProfileFactory().user)
        for kind in ("block", "mute"):
            response = _block(client, staff.pk, kind)
            assert response.status_code == 404
            assert "Stella" not in response.content.decode()
        assert not Block.objects.exists()

    def test_someone_whose_profile_they_may_see_can_be_blocked(self, client):
        them = MentorProfileFactory(user__first_name="Rafa")
        client.force_login(ProfileFactory().user)
        assert _block(client, them.user_id).status_code == 302
        assert Block.objects.filter(other=them.user).exists()


@pytest.mark.django_db
class TestCounterparts:
    def test_a_mentor_who_hid_and_blocked_their_mentee_can_still_be_blocked_back(self, client):
        ask = AskFactory()
        mentor, mentee = ask.mentor.user, ask.mentee.user
        profile_update(profile=ask.mentor, fields={"visibility": "hidden"})
        block_set(owner=mentor, other_id=mentee.pk, kind=Block.Kind.BLOCK)
        client.force_login(mentee)
        assert _block(client, mentor.pk).status_code == 302
        assert Block.objects.filter(owner=mentee, other=mentor).exists()

    def test_a_program_match_can_be_blocked_after_they_hid_their_profile(self, client):
        first = ParticipantFactory()
        second = ParticipantFactory(program=first.program, role="mentor")
        match_of(first, second)
        profile_update(profile=second.profile, fields={"visibility": "hidden"})
        client.force_login(first.profile.user)
        assert _block(client, second.profile.user_id, "mute").status_code == 302
        assert Block.objects.filter(owner=first.profile.user, kind="mute").exists()

    def test_someone_already_blocked_can_be_switched_to_a_mute(self, client):
        me, them = ProfileFactory(), MentorProfileFactory()
        client.force_login(me.user)
        assert _block(client, them.user_id).status_code == 302
        # The block hides their profile from me now; switching to a mute still works.
        assert _block(client, them.user_id, "mute").status_code == 302
        assert Block.objects.get(owner=me.user).kind == Block.Kind.MUTE
