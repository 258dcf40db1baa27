"""The mentorship's lifecycle (PRODUCT.md §4.2): every allowed and forbidden move per role."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.mentorships.lifecycles import MENTORSHIP
from tandem.mentorships.models import Agreement, Mentorship, Transition
from tandem.mentorships.services.agreements import (
    agreement_accept,
    agreement_decline,
    agreement_propose,
    renewal_accept,
    renewal_propose,
)
from tandem.mentorships.services.asks import ask_accept
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.sides import MENTEE, MENTOR
from tandem.mentorships.tests.test_asks import NOW, make_ask

STATES = list(Mentorship.State.values)
GOALS = ["Lead my first team project", "Get better at stakeholder updates"]


def started() -> Mentorship:
    ask = make_ask()
    return ask_accept(ask=ask, actor=ask.mentor.user, now=NOW)


def in_state(state: str) -> Mentorship:
    mentorship = started()
    if state != Mentorship.State.INTRO:
        Agreement.objects.create(mentorship=mentorship, goals=GOALS)
    Mentorship.objects.filter(pk=mentorship.pk).update(state=state)
    mentorship.refresh_from_db()
    return mentorship


def attempt(mentorship: Mentorship, to_state: str, role: str):
    actor = mentorship.mentee.user if role == MENTEE else mentorship.mentor.user
    key = (mentorship.state, to_state)
    if key == (Mentorship.State.INTRO, Mentorship.State.PROPOSED):
        return agreement_propose(
            mentorship=mentorship, actor=actor, goals=GOALS, cadence="1m",
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
            mentorship=mentorship, actor=other, goals=GOALS, cadence="1m", meeting_minutes=45,
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


@pytest.mark.django_db
class TestAgreement:
    def test_accepting_sets_the_term_from_today(self):
        mentorship = started()
        agreement_propose(
            mentorship=mentorship, actor=mentorship.mentee.user, goals=GOALS, cadence="2w",
            meeting_minutes=30, now=NOW,
        )  # fmt: skip
        agreement = agreement_accept(mentorship=mentorship, actor=mentorship.mentor.user, now=NOW)
        assert (agreement.state, agreement.starts_on, agreement.ends_on) == (
            "accepted",
            date(2026, 11, 2),
            date(2027, 11, 2),
        )

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"goals": ["Only one"]}, "goals"),
            ({"goals": ["a", "b", "c", "d"]}, "goals"),
            ({"cadence": "weekly"}, "cadence"),
            ({"meeting_minutes": 90}, "meeting_minutes"),
            ({"term_months": 36}, "term_months"),
        ],
    )
    def test_a_bad_agreement_is_refused_and_nothing_moves(self, change, field):
        mentorship = started()
        data = {"goals": GOALS, "cadence": "1m", "meeting_minutes": 45, "term_months": 12}
        with pytest.raises(RuleBroken) as caught:
            agreement_propose(
                mentorship=mentorship, actor=mentorship.mentee.user, now=NOW, **(data | change)
            )
        assert caught.value.field == field
        mentorship.refresh_from_db()
        assert mentorship.state == "intro"
        assert not Agreement.objects.exists()

    def test_declining_closes_without_blame_and_marks_the_agreement(self):
        mentorship = started()
        agreement_propose(
            mentorship=mentorship, actor=mentorship.mentee.user, goals=GOALS, cadence="1m",
            meeting_minutes=45, now=NOW,
        )  # fmt: skip
        agreement_decline(mentorship=mentorship, actor=mentorship.mentor.user, now=NOW)
        assert Agreement.objects.get().state == "declined"

    def test_agreement_steps_cannot_be_skipped_through_a_plain_move(self):
        mentorship = in_state(Mentorship.State.PROPOSED)
        with pytest.raises(IllegalTransition, match="through the agreement"):
            mentorship_move(
                mentorship=mentorship, actor=mentorship.mentor.user, to_state="active", now=NOW
            )

    def test_a_stranger_cannot_touch_a_mentorship(self):
        mentorship = started()
        with pytest.raises(NotFound):
            mentorship_move(mentorship=mentorship, actor=UserFactory(), to_state="closed", now=NOW)
        mentorship.refresh_from_db()
        assert mentorship.state == "intro"
