"""Feedback on a mentorship: once per side when it ends, and the term review in the last 30
days of a term."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Feedback, Mentorship
from tandem.mentorships.services.feedback import feedback_give
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory
from tandem.profiles.tests.factories import ProfileFactory

DAY = timedelta(days=1)


@pytest.mark.django_db
class TestEndingFeedback:
    def ended(self) -> Mentorship:
        mentorship = ActiveMentorshipFactory.create()
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
        mentorship = ActiveMentorshipFactory()
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
        mentorship = ActiveMentorshipFactory(term_months=6)  # ends 2 May 2027
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
