"""Renewal at term end, places held by mentorships, who matching offers, graduating to mentor,
and what the emails say."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail

from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.matching.availability import availability_for
from tandem.mentorships.models import Agreement, Ask, Feedback, Mentorship
from tandem.mentorships.selectors.mentorships import contact_visible
from tandem.mentorships.services.agreements import (
    agreement_accept,
    agreement_propose,
    renewal_accept,
    renewal_decline,
    renewal_propose,
)
from tandem.mentorships.services.asks import ask_accept, ask_decline
from tandem.mentorships.services.feedback import feedback_give
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.test_asks import NOW, make_ask
from tandem.profiles.models import ACCEPTING_REQUESTS, Profile
from tandem.profiles.services import profile_become_mentor
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory
from tandem.skills.models import Skill

GOALS = ["Lead a project end to end", "Give feedback that lands"]
DAY = timedelta(days=1)


def active(term_months: int = 12) -> Mentorship:
    ask = make_ask()
    mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=NOW)
    agreement_propose(
        mentorship=mentorship, actor=mentorship.mentee.user, goals=GOALS, cadence="1m",
        meeting_minutes=45, term_months=term_months, now=NOW,
    )  # fmt: skip
    agreement_accept(mentorship=mentorship, actor=mentorship.mentor.user, now=NOW)
    mentorship.refresh_from_db()
    return mentorship


def renew(mentorship: Mentorship, actor, *, now, term_months: int = 6) -> Agreement:
    return renewal_propose(
        mentorship=mentorship, actor=actor, goals=["Own the roadmap", "Mentor someone"],
        cadence="6w", meeting_minutes=30, term_months=term_months, now=now,
    )  # fmt: skip


@pytest.mark.django_db
class TestRenewal:
    def test_renewal_opens_sixty_days_before_the_end(self):
        mentorship = active(term_months=6)  # ends 2027-05-02
        with pytest.raises(RuleBroken):
            renew(mentorship, mentorship.mentee.user, now=NOW + 100 * DAY)
        assert renew(mentorship, mentorship.mentee.user, now=NOW + 130 * DAY).version == 2

    def test_the_other_side_accepts_and_the_new_term_follows_the_old(self):
        mentorship = active(term_months=6)
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
        mentorship = active(term_months=1)
        renew(mentorship, mentorship.mentee.user, now=NOW + 60 * DAY)
        agreement = renewal_accept(
            mentorship=mentorship, actor=mentorship.mentor.user, now=NOW + 61 * DAY
        )
        assert agreement.starts_on == (NOW + 61 * DAY).date()

    def test_the_proposer_cannot_accept_their_own_renewal(self):
        mentorship = active(term_months=1)
        renew(mentorship, mentorship.mentee.user, now=NOW + 10 * DAY)
        with pytest.raises(IllegalTransition):
            renewal_accept(mentorship=mentorship, actor=mentorship.mentee.user, now=NOW + 11 * DAY)

    def test_one_renewal_at_a_time(self):
        mentorship = active(term_months=1)
        renew(mentorship, mentorship.mentee.user, now=NOW + 10 * DAY)
        with pytest.raises(RuleBroken):
            renew(mentorship, mentorship.mentor.user, now=NOW + 11 * DAY)

    def test_declining_keeps_the_current_term(self):
        mentorship = active(term_months=1)
        renew(mentorship, mentorship.mentee.user, now=NOW + 10 * DAY)
        renewal_decline(mentorship=mentorship, actor=mentorship.mentor.user, now=NOW + 11 * DAY)
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.ACTIVE
        assert list(mentorship.agreements.values_list("version", "state")) == [
            (1, "accepted"), (2, "declined"),
        ]  # fmt: skip

    def test_a_paused_mentorship_cannot_renew(self):
        mentorship = active(term_months=1)
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user, to_state="paused", now=NOW
        )
        with pytest.raises(IllegalTransition):
            renew(mentorship, mentorship.mentee.user, now=NOW + 10 * DAY)

    def test_renewal_is_not_a_plain_move(self):
        mentorship = active()
        with pytest.raises(IllegalTransition):
            mentorship_move(
                mentorship=mentorship, actor=mentorship.mentee.user, to_state="active", now=NOW
            )


@pytest.mark.django_db
class TestPlaces:
    def test_the_profile_counts_places_as_mentorships_start_and_end(self):
        mentor = MentorProfileFactory(capacity=1)
        ask = make_ask(mentor=mentor)
        mentorship = ask_accept(ask=ask, actor=mentor.user, now=NOW)
        mentor.refresh_from_db()
        assert mentor.places_taken == 1
        assert not mentor.accepts_requests
        assert not Profile.objects.filter(ACCEPTING_REQUESTS, pk=mentor.pk).exists()
        mentorship_move(mentorship=mentorship, actor=mentor.user, to_state="closed", now=NOW)
        mentor.refresh_from_db()
        assert mentor.places_taken == 0
        assert Profile.objects.filter(ACCEPTING_REQUESTS, pk=mentor.pk).exists()

    def test_pausing_keeps_the_place(self):
        mentorship = active()
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentor.user, to_state="paused", now=NOW
        )
        mentorship.mentor.refresh_from_db()
        assert mentorship.mentor.places_taken == 1

    def test_completing_frees_the_place(self):
        mentorship = active()
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentor.user, to_state="completed", now=NOW
        )
        mentorship.mentor.refresh_from_db()
        assert mentorship.mentor.places_taken == 0


@pytest.mark.django_db
class TestWhoMatchingOffers:
    def test_waiting_declined_and_current_mentors_are_not_offered(self):
        mentee = ProfileFactory()
        waiting = make_ask(mentee=mentee).mentor
        declined_ask = make_ask(mentee=mentee)
        ask_decline(ask=declined_ask, actor=declined_ask.mentor.user, now=NOW)
        together_ask = make_ask(mentee=mentee)
        ask_accept(ask=together_ask, actor=together_ask.mentor.user, now=NOW)
        free = MentorProfileFactory()
        availability = availability_for(mentee)
        assert availability.unavailable >= {
            waiting.pk, declined_ask.mentor_id, together_ask.mentor_id
        }  # fmt: skip
        assert free.pk not in availability.unavailable

    def test_the_cool_down_ends_after_ninety_days(self):
        from tandem.mentorships.selectors.availability import mentor_availability_for

        mentee = ProfileFactory()
        ask = make_ask(mentee=mentee)
        ask_decline(ask=ask, actor=ask.mentor.user, now=NOW)
        later = mentor_availability_for(mentee, now=NOW + 91 * DAY)
        assert ask.mentor_id not in later.unavailable

    def test_waiting_asks_count_as_load(self):
        mentor = MentorProfileFactory(capacity=2)
        make_ask(mentor=mentor)
        load = availability_for(ProfileFactory()).load
        assert load[mentor.pk] == pytest.approx(0.5)


@pytest.mark.django_db
class TestContactVisibility:
    def test_only_after_acceptance_and_not_after_a_close(self):
        ask = make_ask()
        mentee, mentor = ask.mentee, ask.mentor
        assert not contact_visible(viewer=mentee, other=mentor)
        mentorship = ask_accept(ask=ask, actor=mentor.user, now=NOW)
        assert contact_visible(viewer=mentee, other=mentor)
        assert contact_visible(viewer=mentor, other=mentee)
        assert not contact_visible(viewer=ProfileFactory(), other=mentor)
        mentorship_move(mentorship=mentorship, actor=mentee.user, to_state="closed", now=NOW)
        assert not contact_visible(viewer=mentee, other=mentor)


@pytest.mark.django_db
class TestBecomeMentor:
    def test_one_click_copies_what_fits(self):
        mentee = ProfileFactory(
            focus_areas_sought=["promotion", "leadership"],
            mentoring_types_sought=["developmental", "sponsorship"],
        )
        skills = list(Skill.objects.all()[:2])
        mentee.skills_wanted.add(*skills)
        profile_become_mentor(profile=mentee)
        mentee.refresh_from_db()
        assert mentee.is_mentor
        assert mentee.is_mentee
        assert mentee.focus_areas_offered == ["promotion", "leadership"]
        assert mentee.mentoring_types_offered == ["developmental"]  # no sponsorship yet
        assert mentee.capacity == 1
        assert mentee.is_paused  # nobody can ask until they have checked it
        assert {o.skill for o in mentee.skills_offered.all()} == set(skills)


@pytest.mark.django_db
class TestEmails:
    def test_acceptance_email_has_recipient_subject_link_and_both_parts(self):
        ask = make_ask()
        mail.outbox.clear()
        mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=NOW)
        [email] = mail.outbox
        assert email.to == [ask.mentee.user.email]
        assert email.subject == f"[Tandem] {ask.mentor.user.display_name} said yes to an intro"
        link = f"http://testserver/mentorships/{mentorship.pk}/"
        assert link in email.body  # the plain-text part
        [(html, mimetype)] = email.alternatives
        assert mimetype == "text/html"
        assert link in html

    def test_decline_email_names_the_referral_and_not_the_reason(self):
        ask = make_ask()
        other = MentorProfileFactory()
        mail.outbox.clear()
        ask_decline(ask=ask, actor=ask.mentor.user, now=NOW, reason="too busy", refer_to=other)
        [email] = mail.outbox
        assert email.to == [ask.mentee.user.email]
        assert other.user.display_name in email.body
        assert "too busy" not in email.body
        assert f"http://testserver/asks/{ask.pk}/" in email.body

    def test_agreement_proposal_tells_the_mentor(self):
        ask = make_ask()
        mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=NOW)
        mail.outbox.clear()
        agreement_propose(
            mentorship=mentorship, actor=ask.mentee.user, goals=GOALS, cadence="1m",
            meeting_minutes=45, now=NOW,
        )  # fmt: skip
        [email] = mail.outbox
        assert email.to == [ask.mentor.user.email]
        assert "proposed a mentoring agreement" in email.subject
        assert Ask.objects.get().state == "accepted"


@pytest.mark.django_db
class TestEndingFeedback:
    def ended(self) -> Mentorship:
        mentorship = active()
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user, to_state="completed", now=NOW
        )
        return mentorship

    def test_each_side_gives_it_once_and_the_other_side_is_told(self):
        mentorship = self.ended()
        mail.outbox.clear()
        feedback = feedback_give(
            mentorship=mentorship, actor=mentorship.mentee.user, rating=5, now=NOW,
            helped="Your hiring checklist", appreciated="Honest answers",
        )  # fmt: skip
        assert feedback.rating == 5
        [email] = mail.outbox
        assert email.to == [mentorship.mentor.user.email]
        with pytest.raises(RuleBroken):
            feedback_give(mentorship=mentorship, actor=mentorship.mentee.user, rating=4, now=NOW)
        feedback_give(mentorship=mentorship, actor=mentorship.mentor.user, rating=4, now=NOW)
        assert Feedback.objects.count() == 2

    def test_not_before_the_end_and_not_by_strangers(self):
        mentorship = active()
        with pytest.raises(IllegalTransition):
            feedback_give(mentorship=mentorship, actor=mentorship.mentee.user, rating=5, now=NOW)
        ended = self.ended()
        with pytest.raises(NotFound):
            feedback_give(mentorship=ended, actor=ProfileFactory().user, rating=5, now=NOW)
        assert not Feedback.objects.exists()

    @pytest.mark.parametrize("rating", [0, 6])
    def test_the_rating_is_one_to_five(self, rating):
        mentorship = self.ended()
        with pytest.raises(RuleBroken):
            feedback_give(
                mentorship=mentorship, actor=mentorship.mentee.user, rating=rating, now=NOW
            )


@pytest.mark.django_db
class TestTermReview:
    def test_open_in_the_last_thirty_days_once_per_side(self):
        mentorship = active(term_months=6)  # ends 2 May 2027
        mentee = mentorship.mentee.user
        with pytest.raises(IllegalTransition):
            feedback_give(
                mentorship=mentorship, actor=mentee, rating=4, now=NOW + 100 * DAY,
                occasion=Feedback.Occasion.TERM_REVIEW,
            )  # fmt: skip
        feedback_give(
            mentorship=mentorship, actor=mentee, rating=4, now=NOW + 160 * DAY,
            occasion=Feedback.Occasion.TERM_REVIEW, helped="Planning",
        )  # fmt: skip
        with pytest.raises(RuleBroken):
            feedback_give(
                mentorship=mentorship, actor=mentee, rating=5, now=NOW + 161 * DAY,
                occasion=Feedback.Occasion.TERM_REVIEW,
            )  # fmt: skip
        feedback_give(
            mentorship=mentorship, actor=mentorship.mentor.user, rating=5, now=NOW + 161 * DAY,
            occasion=Feedback.Occasion.TERM_REVIEW,
        )  # fmt: skip
        assert Feedback.objects.filter(occasion="term").count() == 2
