"""Writes for the feedback on a whole mentorship (P11): the term review and the ending review."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.errors import IllegalTransition, RuleBroken
from tandem.mentorships import notices
from tandem.mentorships.models import Feedback, Mentorship
from tandem.mentorships.rules import ENDED, feedback_check, term_review_open
from tandem.mentorships.services.mentorships import MISSING, mentorship_lock
from tandem.mentorships.sides import sides_of


@transaction.atomic
def feedback_give(
    *,
    mentorship: Mentorship,
    actor: User,
    rating: int,
    now: datetime,
    helped: str = "",
    better: str = "",
    appreciated: str = "",
    occasion: str = Feedback.Occasion.ENDING,
) -> Feedback:
    """One side tells the other how it went, once per occasion: the term review in the
    last 30 days of the term, and the review when the mentorship has ended."""
    mentorship = mentorship_lock(mentorship)
    sides_of(mentorship, actor, missing=MISSING)
    if occasion == Feedback.Occasion.TERM_REVIEW:
        if not term_review_open(mentorship, now=now):
            raise IllegalTransition("The term review opens 30 days before the term ends.")
    elif mentorship.state not in ENDED:
        raise IllegalTransition("Feedback on the whole mentorship comes once it has ended.")
    texts = feedback_check(rating=rating, helped=helped, better=better, appreciated=appreciated)
    if Feedback.objects.filter(mentorship=mentorship, author=actor, occasion=occasion).exists():
        raise RuleBroken("You've already shared your feedback. Thank you!")
    feedback = Feedback.objects.create(
        mentorship=mentorship, author=actor, occasion=occasion, rating=rating, **texts
    )
    notices.feedback_received(feedback, now=now)
    return feedback
