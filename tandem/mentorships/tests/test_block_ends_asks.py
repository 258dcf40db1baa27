"""Blocking someone ends the asks waiting between the two, either way, through the ordinary
moves (withdraw, decline), so the other person sees an answer like any other and never the
block; a mute ends nothing, and a live mentorship is left alone (issue 13, item 12)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Ask, Mentorship, Transition
from tandem.mentorships.tests.factories import AskFactory, IntroFactory
from tandem.moderation.blocks import block_set
from tandem.moderation.models import Block
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def _block(owner, other, kind=Block.Kind.BLOCK):
    block_set(owner=owner.user, other_id=other.user_id, kind=kind, now=NOW)


def _said_to(profile) -> str:
    return " ".join(
        f"{n.title} {n.body}" for n in Notification.objects.filter(recipient=profile.user)
    ).lower()


def test_the_blockers_own_ask_is_withdrawn() -> None:
    ask = AskFactory()
    _block(ask.mentee, ask.mentor)
    ask.refresh_from_db()
    assert ask.state == Ask.State.WITHDRAWN
    last = Transition.objects.filter(ask=ask).latest("id")
    assert (last.actor_id, last.reason) == (ask.mentee.user_id, "")
    told = Notification.objects.filter(recipient=ask.mentor.user, kind=Kind.ASK_WITHDRAWN)
    assert told.count() == 1  # what any withdrawal says
    assert "block" not in _said_to(ask.mentor)


def test_an_ask_from_the_blocked_person_is_declined_without_a_reason() -> None:
    ask = AskFactory()
    _block(ask.mentor, ask.mentee)
    ask.refresh_from_db()
    assert ask.state == Ask.State.DECLINED
    assert (ask.decline_reason, ask.referred_to_id) == ("", None)
    assert (
        Notification.objects.filter(recipient=ask.mentee.user, kind=Kind.ASK_DECLINED).count() == 1
    )
    assert "block" not in _said_to(ask.mentee)


def test_asks_both_ways_end_and_others_stay() -> None:
    ann = MentorProfileFactory(is_mentee=True)
    bob = MentorProfileFactory(is_mentee=True)
    to_bob, to_ann = AskFactory(mentee=ann, mentor=bob), AskFactory(mentee=bob, mentor=ann)
    elsewhere = AskFactory(mentee=ann)  # to a third person
    _block(ann, bob)
    states = {a.pk: a.state for a in Ask.objects.all()}
    assert states[to_bob.pk] == Ask.State.WITHDRAWN
    assert states[to_ann.pk] == Ask.State.DECLINED
    assert states[elsewhere.pk] == Ask.State.PENDING


def test_a_mute_ends_nothing_and_switching_it_to_a_block_does() -> None:
    ask = AskFactory()
    _block(ask.mentor, ask.mentee, Block.Kind.MUTE)
    ask.refresh_from_db()
    assert ask.state == Ask.State.PENDING
    _block(ask.mentor, ask.mentee)
    ask.refresh_from_db()
    assert ask.state == Ask.State.DECLINED


def test_a_live_mentorship_is_left_alone() -> None:
    mentorship = IntroFactory()
    _block(mentorship.mentee, mentorship.mentor)
    mentorship.refresh_from_db()
    assert mentorship.state == Mentorship.State.INTRO


def test_blocking_on_the_page_ends_the_ask(client) -> None:
    mentor = MentorProfileFactory()
    ask = AskFactory(mentee=ProfileFactory(), mentor=mentor)
    client.force_login(mentor.user)
    response = client.post(
        reverse("moderation:block", args=[ask.mentee.user_id]), {"kind": "block"}
    )
    assert response.status_code == 302
    ask.refresh_from_db()
    assert ask.state == Ask.State.DECLINED
