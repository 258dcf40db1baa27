"""Intros a program arranges, in bulk: accepted asks and mentorships in intro, places counted,
both sides told in their own words; all or none; a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.mentorships.models import Ask, Mentorship, Transition
from tandem.mentorships.rules import AtCapacity
from tandem.mentorships.services.arranged import Arranged, intros_arrange
from tandem.mentorships.tests.factories import IntroFactory
from tandem.notifications.models import Notification
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def _intros(n: int, *, capacity: int = 3) -> list[Arranged]:
    mentors = [MentorProfileFactory(capacity=capacity) for _ in range(max(1, n // 2))]
    return [
        Arranged(
            mentee=ProfileFactory(),
            mentor=mentors[i % len(mentors)],
            note="Acme paired you: knows Python.",
            mentor_note="Acme paired you with a mentee.",
            suggested_terms={"cadence": "2w", "colour": "red"},
        )
        for i in range(n)
    ]


def test_each_pair_starts_in_intro_with_an_accepted_ask_and_places_counted(now) -> None:
    intros = _intros(4)
    before = {i.mentor.pk: i.mentor.updated_at for i in intros}
    mentorships = intros_arrange(intros, now=now)
    assert [(m.mentee, m.mentor) for m in mentorships] == [(i.mentee, i.mentor) for i in intros]
    for m in Mentorship.objects.select_related("ask"):
        assert m.state == Mentorship.State.INTRO
        assert m.ask.state == Ask.State.ACCEPTED
        assert m.ask.note == "Acme paired you with a mentee."
        assert m.suggested_terms == {"cadence": "2w"}  # only the agreement's own terms
    assert Transition.objects.count() == 8
    for mentor in {i.mentor for i in intros}:
        mentor.refresh_from_db()
        assert mentor.places_taken == 2
        assert mentor.updated_at == now != before[mentor.pk]  # the mentor index sees it


def test_each_side_is_told_in_their_own_words(now) -> None:
    (intro,) = _intros(1)
    intros_arrange([intro], now=now)
    to_mentee = Notification.objects.get(recipient=intro.mentee.user)
    to_mentor = Notification.objects.get(recipient=intro.mentor.user)
    assert to_mentee.body.startswith("Acme paired you: knows Python.")
    assert to_mentor.body.startswith("Acme paired you with a mentee.")
    assert to_mentee.title == f"Meet {intro.mentor.user.display_name}, your mentor"


def test_a_full_mentor_or_a_live_pair_refuses_them_all(now) -> None:
    intros = _intros(4, capacity=1)  # two mentors, two mentees each: one too many
    with pytest.raises(AtCapacity, match="no free mentoring place"):
        intros_arrange(intros, now=now)
    live = IntroFactory()
    again = Arranged(mentee=live.mentee, mentor=live.mentor, note="Again.")
    with pytest.raises(AtCapacity, match="already have a mentorship"):
        intros_arrange([*_intros(2), again], now=now)
    assert Mentorship.objects.count() == 1  # only the factory's
    assert Ask.objects.count() == 1


def test_the_queries_do_not_grow_with_the_pairs(now) -> None:
    small, large = _intros(4), _intros(40)
    with CaptureQueriesContext(connection) as few:
        intros_arrange(small, now=now)
    with CaptureQueriesContext(connection) as many:
        intros_arrange(large, now=now)
    assert len(many) <= len(few) + 2  # batches of notices, not rows
