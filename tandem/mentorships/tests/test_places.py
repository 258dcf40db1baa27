"""Places held by mentorships, who matching offers a mentee, one live mentorship per pair, and
when contact details show."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from tandem.core.errors import RuleBroken
from tandem.core.tests.clock import NOW
from tandem.matching.availability import availability_for, load_for
from tandem.mentorships.models import Mentorship
from tandem.mentorships.selectors.mentorships import contact_visible
from tandem.mentorships.services.asks import ask_accept, ask_decline
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, AskFactory, IntroFactory
from tandem.profiles.models import ACCEPTING_REQUESTS, Profile
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

DAY = timedelta(days=1)


@pytest.mark.django_db
class TestPlaces:
    def test_the_profile_counts_places_as_mentorships_start_and_end(self):
        mentor = MentorProfileFactory(capacity=1)
        ask = AskFactory(mentor=mentor)
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
        mentorship = ActiveMentorshipFactory()
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentor.user, to_state="paused", now=NOW
        )
        mentorship.mentor.refresh_from_db()
        assert mentorship.mentor.places_taken == 1

    def test_completing_frees_the_place(self):
        mentorship = ActiveMentorshipFactory()
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentor.user, to_state="completed", now=NOW
        )
        mentorship.mentor.refresh_from_db()
        assert mentorship.mentor.places_taken == 0


@pytest.mark.django_db
class TestWhoMatchingOffers:
    def test_waiting_declined_and_current_mentors_are_not_offered(self):
        mentee = ProfileFactory()
        waiting = AskFactory(mentee=mentee).mentor
        declined_ask = AskFactory(mentee=mentee)
        ask_decline(ask=declined_ask, actor=declined_ask.mentor.user, now=NOW)
        together = IntroFactory(mentee=mentee)
        free = MentorProfileFactory()
        availability = availability_for(mentee)
        assert availability.unavailable >= {
            waiting.pk, declined_ask.mentor_id, together.mentor_id
        }  # fmt: skip
        assert free.pk not in availability.unavailable

    def test_the_cool_down_ends_after_ninety_days(self):
        from tandem.mentorships.selectors.availability import mentor_availability_for

        mentee = ProfileFactory()
        ask = AskFactory(mentee=mentee)
        ask_decline(ask=ask, actor=ask.mentor.user, now=NOW)
        later = mentor_availability_for(mentee, now=NOW + 91 * DAY)
        assert ask.mentor_id not in later.unavailable

    def test_waiting_asks_count_as_load(self):
        mentor = MentorProfileFactory(capacity=2)
        AskFactory(mentor=mentor)
        assert load_for([mentor.pk]) == {mentor.pk: pytest.approx(0.5)}

    def test_load_is_read_for_the_mentors_asked_about_only(self):
        mentor, other = MentorProfileFactory(capacity=2), MentorProfileFactory(capacity=1)
        AskFactory(mentor=mentor)
        AskFactory(mentor=other)
        assert load_for([other.pk]) == {other.pk: pytest.approx(1.0)}


@pytest.mark.django_db
class TestContactVisibility:
    def test_only_after_acceptance_and_not_after_a_close(self):
        ask = AskFactory()
        mentee, mentor = ask.mentee, ask.mentor
        assert not contact_visible(viewer=mentee, other=mentor)
        mentorship = ask_accept(ask=ask, actor=mentor.user, now=NOW)
        assert contact_visible(viewer=mentee, other=mentor)
        assert contact_visible(viewer=mentor, other=mentee)
        assert not contact_visible(viewer=ProfileFactory(), other=mentor)
        mentorship_move(mentorship=mentorship, actor=mentee.user, to_state="closed", now=NOW)
        assert not contact_visible(viewer=mentee, other=mentor)


@pytest.mark.django_db
class TestOneLiveMentorshipPerPair:
    def test_no_new_ask_while_together(self):
        mentorship = ActiveMentorshipFactory()
        with pytest.raises(RuleBroken, match="already have a mentorship"):
            AskFactory(mentee=mentorship.mentee, mentor=mentorship.mentor)

    def test_after_completing_they_may_start_again(self):
        mentorship = ActiveMentorshipFactory()
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user, to_state="completed", now=NOW
        )
        assert AskFactory(mentee=mentorship.mentee, mentor=mentorship.mentor, now=NOW + DAY)

    def test_the_database_refuses_a_second_live_one(self):
        mentorship = ActiveMentorshipFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Mentorship.objects.create(mentee=mentorship.mentee, mentor=mentorship.mentor)
