"""The agreement (PRODUCT.md §4.2): proposing, accepting and declining terms, renewal at the
term's end, and proposals left over when a mentorship moves on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Agreement, Mentorship
from tandem.mentorships.services.agreements import (
    agreement_accept,
    agreement_decline,
    agreement_propose,
    renewal_accept,
    renewal_decline,
    renewal_propose,
)
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import GOALS, ActiveMentorshipFactory, IntroFactory

DAY = timedelta(days=1)


@pytest.mark.django_db
class TestAgreement:
    def test_accepting_sets_the_term_from_today(self):
        mentorship = IntroFactory(intro_held=True)
        agreement_propose(
            mentorship=mentorship, actor=mentorship.mentee.user, goals=list(GOALS), cadence="2w",
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
        mentorship = IntroFactory(intro_held=True)
        data = {"goals": list(GOALS), "cadence": "1m", "meeting_minutes": 45, "term_months": 12}
        with pytest.raises(RuleBroken) as caught:
            agreement_propose(
                mentorship=mentorship, actor=mentorship.mentee.user, now=NOW, **(data | change)
            )
        assert caught.value.field == field
        mentorship.refresh_from_db()
        assert mentorship.state == "intro"
        assert not Agreement.objects.exists()

    def test_declining_closes_without_blame_and_marks_the_agreement(self):
        mentorship = IntroFactory(intro_held=True)
        agreement_propose(
            mentorship=mentorship, actor=mentorship.mentee.user, goals=list(GOALS), cadence="1m",
            meeting_minutes=45, now=NOW,
        )  # fmt: skip
        agreement_decline(mentorship=mentorship, actor=mentorship.mentor.user, now=NOW)
        assert Agreement.objects.get().state == "declined"

    def test_agreement_steps_cannot_be_skipped_through_a_plain_move(self):
        mentorship = IntroFactory(intro_held=True)
        agreement_propose(
            mentorship=mentorship, actor=mentorship.mentee.user, goals=list(GOALS), cadence="1m",
            meeting_minutes=45, now=NOW,
        )  # fmt: skip
        with pytest.raises(IllegalTransition, match="through the agreement"):
            mentorship_move(
                mentorship=mentorship, actor=mentorship.mentor.user, to_state="active", now=NOW
            )

    def test_proposing_waits_for_the_intro_meeting_and_nothing_moves_before(self):
        mentorship = IntroFactory()
        with pytest.raises(RuleBroken, match="After your intro"):
            agreement_propose(
                mentorship=mentorship, actor=mentorship.mentee.user, goals=list(GOALS),
                cadence="1m", meeting_minutes=45, now=NOW,
            )  # fmt: skip
        mentorship.refresh_from_db()
        assert (mentorship.state, mentorship.agreements.count()) == ("intro", 0)

    def test_the_mentor_is_told_proposing_is_the_mentees_move_even_before_the_intro(self):
        mentorship = IntroFactory()
        with pytest.raises(IllegalTransition, match="other side"):
            agreement_propose(
                mentorship=mentorship, actor=mentorship.mentor.user, goals=list(GOALS),
                cadence="1m", meeting_minutes=45, now=NOW,
            )  # fmt: skip

    def test_a_stranger_cannot_touch_a_mentorship(self):
        mentorship = IntroFactory()
        with pytest.raises(NotFound):
            mentorship_move(mentorship=mentorship, actor=UserFactory(), to_state="closed", now=NOW)
        mentorship.refresh_from_db()
        assert mentorship.state == "intro"


def renew(mentorship: Mentorship, actor, *, now, term_months: int = 6) -> Agreement:
    return renewal_propose(
        mentorship=mentorship, actor=actor, goals=["Own the roadmap", "Mentor someone"],
        cadence="6w", meeting_minutes=30, term_months=term_months, now=now,
    )  # fmt: skip


@pytest.mark.django_db
class TestRenewal:
    def test_renewal_opens_sixty_days_before_the_end(self):
        mentorship = ActiveMentorshipFactory(term_months=6)  # ends 2027-05-02
        with pytest.raises(RuleBroken):
            renew(mentorship, mentorship.mentee.user, now=NOW + 100 * DAY)
        assert renew(mentorship, mentorship.mentee.user, now=NOW + 130 * DAY).version == 2

    def test_the_other_side_accepts_and_the_new_term_follows_the_old(self):
        mentorship = ActiveMentorshipFactory(term_months=6)
        renew(mentorship, mentorship.mentor.user, now=NOW + 150 * DAY)
        agreement = renewal_accept(
            mentorship=mentorship, actor=mentorship.mentee.user, now=NOW + 160 * DAY
        )
        assert (agreement.version, agreement.state) == (2, Agreement.State.ACCEPTED)
        assert agreement.starts_on == date(2027, 5, 2)
        assert agreement.ends_on == date(2027, 11, 2)
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.ACTIVE
        last = mentorship.transitions.last()
        assert (last.from_state, last.to_state, last.actor) == (
            "active", "active", mentorship.mentee.user
        )  # fmt: skip

    def test_a_late_renewal_starts_today(self):
        mentorship = ActiveMentorshipFactory(term_months=1)
        renew(mentorship, mentorship.mentee.user, now=NOW + 60 * DAY)
        agreement = renewal_accept(
            mentorship=mentorship, actor=mentorship.mentor.user, now=NOW + 61 * DAY
        )
        assert agreement.starts_on == (NOW + 61 * DAY).date()

    def test_the_proposer_cannot_accept_their_own_renewal(self):
        mentorship = ActiveMentorshipFactory(term_months=1)
        renew(mentorship, mentorship.mentee.user, now=NOW + 10 * DAY)
        with pytest.raises(IllegalTransition):
            renewal_accept(mentorship=mentorship, actor=mentorship.mentee.user, now=NOW + 11 * DAY)

    def test_one_renewal_at_a_time(self):
        mentorship = ActiveMentorshipFactory(term_months=1)
        renew(mentorship, mentorship.mentee.user, now=NOW + 10 * DAY)
        with pytest.raises(RuleBroken):
            renew(mentorship, mentorship.mentor.user, now=NOW + 11 * DAY)

    def test_declining_keeps_the_current_term(self):
        mentorship = ActiveMentorshipFactory(term_months=1)
        renew(mentorship, mentorship.mentee.user, now=NOW + 10 * DAY)
        renewal_decline(mentorship=mentorship, actor=mentorship.mentor.user, now=NOW + 11 * DAY)
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.ACTIVE
        assert list(mentorship.agreements.values_list("version", "state")) == [
            (1, "accepted"), (2, "declined"),
        ]  # fmt: skip

    def test_a_paused_mentorship_cannot_renew(self):
        mentorship = ActiveMentorshipFactory(term_months=1)
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user, to_state="paused", now=NOW
        )
        with pytest.raises(IllegalTransition):
            renew(mentorship, mentorship.mentee.user, now=NOW + 10 * DAY)

    def test_renewal_is_not_a_plain_move(self):
        mentorship = ActiveMentorshipFactory()
        with pytest.raises(IllegalTransition):
            mentorship_move(
                mentorship=mentorship, actor=mentorship.mentee.user, to_state="active", now=NOW
            )


@pytest.mark.django_db
class TestLeftoverProposals:
    def test_the_mentee_may_close_while_waiting_and_the_proposal_lapses(self):
        mentorship = IntroFactory(intro_held=True)
        mentee = mentorship.mentee.user
        agreement_propose(
            mentorship=mentorship, actor=mentee, goals=list(GOALS), cadence="1m",
            meeting_minutes=45, now=NOW,
        )  # fmt: skip
        mentorship_move(mentorship=mentorship, actor=mentee, to_state="closed", now=NOW)
        assert Agreement.objects.get().state == Agreement.State.DECLINED

    def test_pausing_lets_a_waiting_renewal_lapse(self):
        mentorship = ActiveMentorshipFactory(term_months=1)
        renewal_propose(
            mentorship=mentorship, actor=mentorship.mentee.user, goals=list(GOALS), cadence="1m",
            meeting_minutes=45, now=NOW + 10 * DAY,
        )  # fmt: skip
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentor.user, to_state="paused", now=NOW
        )
        assert list(mentorship.agreements.values_list("state", flat=True)) == [
            "accepted", "declined",
        ]  # fmt: skip
