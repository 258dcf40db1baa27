"""A match's answers are the answering person's notices (issue 13, item 12): someone who
blocked or muted them hears neither their yes nor their no."""

from __future__ import annotations

import pytest

from tandem.core.tests.clock import NOW
from tandem.moderation.blocks import block_set
from tandem.moderation.models import Block
from tandem.notifications.models import Notification
from tandem.programs.services.matches import match_confirm, match_decline
from tandem.programs.tests.factories import ParticipantFactory
from tandem.programs.tests.worlds import match_of


def _matched():
    first = ParticipantFactory()
    second = ParticipantFactory(program=first.program, role="mentor")
    return match_of(first, second, now=NOW), first.profile.user, second.profile.user


@pytest.mark.django_db
@pytest.mark.parametrize("answer", [match_confirm, match_decline])
def test_an_answer_does_not_reach_someone_who_blocked_the_one_answering(answer):
    match, me, them = _matched()
    block_set(owner=them, other_id=me.pk, kind=Block.Kind.BLOCK, now=NOW)
    answer(slug=match.program.slug, match_id=match.pk, user=me, now=NOW)
    assert not Notification.objects.filter(recipient=them).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("answer", [match_confirm, match_decline])
def test_an_answer_still_reaches_everyone_else(answer):
    match, me, them = _matched()
    answer(slug=match.program.slug, match_id=match.pk, user=me, now=NOW)
    assert Notification.objects.filter(recipient=them, kind="program_match").exists()
