"""The mentorship's lifecycle (PRODUCT.md §4.2): every allowed and forbidden move per role."""

from __future__ import annotations

import pytest

from tandem.core.errors import IllegalTransition
from tandem.core.tests.clock import NOW
from tandem.mentorships.lifecycles import MENTORSHIP
from tandem.mentorships.models import Agreement, Mentorship, Transition
from tandem.mentorships.services.agreements import (
    agreement_accept,
    agreement_decline,
    agreement_propose,
    renewal_accept,
    renewal_propose,
)
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.sides import MENTEE, MENTOR
from tandem.mentorships.tests.factories import GOALS, IntroFactory

STATES = list(Mentorship.State.values)


def in_state(state: str) -> Mentorship:
    """An intro put in `state` directly (the table is under test), with an agreement past intro.
    The intro meeting is behind them, so only the table decides whether the mentee may propose."""
    mentorship = IntroFactory.create(intro_held=True)
    if state != Mentorship.State.INTRO:
        Agreement.objects.create(mentorship=mentorship, goals=list(GOALS))
    Mentorship.objects.filter(pk=mentorship.pk).update(state=state)
    mentorship.refresh_from_db()
    return mentorship


def attempt(mentorship: Mentorship, to_state: str, role: str):
    actor = mentorship.mentee.user if role == MENTEE else mentorship.mentor.user
    key = (mentorship.state, to_state)
    if key == (Mentorship.State.INTRO, Mentorship.State.PROPOSED):
        return agreement_propose(
            mentorship=mentorship, actor=actor, goals=list(GOALS), cadence="1m",
            meeting_minutes=45, now=NOW,
        )  # fmt: skip
    if key == (Mentorship.State.PROPOSED, Mentorship.State.ACTIVE):
        return agreement_accept(mentorship=mentorship, actor=actor, now=NOW)
    if key == (Mentorship.State.PROPOSED, Mentorship.State.CLOSED) and role == MENTOR:
        return agreement_decline(mentorship=mentorship, actor=actor, now=NOW)
    if key == (Mentorship.State.ACTIVE, Mentorship.State.ACTIVE):
        # Renewal: the other side proposes near the term's end, this side accepts.
        Agreement.objects.filter(mentorship=mentorship).update(
            state="accepted", starts_on=NOW.date(), ends_on=NOW.date()
        )
        other = mentorship.mentor.user if role == MENTEE else mentorship.mentee.user
        renewal_propose(
            mentorship=mentorship, actor=other, goals=list(GOALS), cadence="1m", meeting_minutes=45,
            now=NOW,
        )  # fmt: skip
        return renewal_accept(mentorship=mentorship, actor=actor, now=NOW)
    return mentorship_move(mentorship=mentorship, actor=actor, to_state=to_state, now=NOW)


CASES = [
    (source, target, role) for source in STATES for target in STATES for role in (MENTEE, MENTOR)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target", "role"), CASES)
def test_every_move_is_allowed_exactly_when_the_table_says_so(source, target, role):
    mentorship = in_state(source)
    allowed = role in MENTORSHIP.table.get((source, target), frozenset())
    if allowed:
        attempt(mentorship, target, role)
        mentorship.refresh_from_db()
        assert mentorship.state == target
        last = Transition.objects.filter(mentorship=mentorship).last()
        assert (last.from_state, last.to_state) == (source, target)
    else:
        before = Transition.objects.count()
        with pytest.raises(IllegalTransition):
            attempt(mentorship, target, role)
        mentorship.refresh_from_db()
        assert mentorship.state == source
        assert Transition.objects.count() == before
