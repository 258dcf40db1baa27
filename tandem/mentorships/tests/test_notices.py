"""What people are told: each email's recipient, subject, link and both parts, for every
notice-raising event, and the invite to pass it on when a mentorship completes."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core import mail

from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Ask
from tandem.mentorships.services.agreements import agreement_propose
from tandem.mentorships.services.asks import ask_accept, ask_decline, ask_withdraw
from tandem.mentorships.services.mentorships import mentorship_intro_held, mentorship_move
from tandem.mentorships.tests.factories import (
    GOALS,
    ActiveMentorshipFactory,
    AskFactory,
    IntroFactory,
)
from tandem.notifications.models import Notification
from tandem.profiles.tests.factories import MentorProfileFactory


@pytest.mark.django_db
class TestEmails:
    def test_acceptance_email_has_recipient_subject_link_and_both_parts(self):
        ask = AskFactory()
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
        ask = AskFactory()
        other = MentorProfileFactory()
        mail.outbox.clear()
        ask_decline(ask=ask, actor=ask.mentor.user, now=NOW, reason="too busy", refer_to=other)
        [email] = mail.outbox
        assert email.to == [ask.mentee.user.email]
        assert other.user.display_name in email.body
        assert "too busy" not in email.body
        assert f"http://testserver/asks/{ask.pk}/" in email.body

    def test_agreement_proposal_tells_the_mentor(self):
        mentorship = IntroFactory(intro_held=True)
        mail.outbox.clear()
        agreement_propose(
            mentorship=mentorship, actor=mentorship.mentee.user, goals=list(GOALS), cadence="1m",
            meeting_minutes=45, now=NOW,
        )  # fmt: skip
        [email] = mail.outbox
        assert email.to == [mentorship.mentor.user.email]
        assert "proposed a mentoring agreement" in email.subject
        assert Ask.objects.get().state == "accepted"


@pytest.mark.django_db
def test_completing_invites_the_mentee_to_mentor():
    mentorship = ActiveMentorshipFactory()
    mentorship_move(
        mentorship=mentorship, actor=mentorship.mentor.user, to_state="completed", now=NOW
    )
    invite = Notification.objects.get(cause=f"mentorship:{mentorship.pk}:pass_it_on")
    assert invite.recipient == mentorship.mentee.user


def _events(now: datetime):
    """Each notice-raising event once, with who should get which email."""
    ask = AskFactory()
    yield "would like a 20-minute intro", ask.mentor.user, f"/asks/{ask.pk}/"
    ask_withdraw(ask=ask, actor=ask.mentee.user, now=now)
    yield "withdrew", ask.mentor.user, f"/asks/{ask.pk}/"
    ask = AskFactory()
    mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=now)
    yield "said yes", ask.mentee.user, f"/mentorships/{mentorship.pk}/"
    mentorship_intro_held(mentorship=mentorship, now=now)  # as marking the intro held does
    agreement_propose(
        mentorship=mentorship, actor=ask.mentee.user, goals=list(GOALS), cadence="1m",
        meeting_minutes=45, now=now,
    )  # fmt: skip
    yield "proposed", ask.mentor.user, f"/mentorships/{mentorship.pk}/"
    from tandem.mentorships.services.agreements import agreement_accept

    agreement_accept(mentorship=mentorship, actor=ask.mentor.user, now=now)
    yield "accepted the agreement", ask.mentee.user, f"/mentorships/{mentorship.pk}/"
    mentorship_move(mentorship=mentorship, actor=ask.mentor.user, to_state="paused", now=now)
    yield "paused", ask.mentee.user, f"/mentorships/{mentorship.pk}/"


@pytest.mark.django_db
def test_every_event_email_has_recipient_subject_link_and_both_parts():
    seen = 0
    for words, recipient, path in _events(NOW):
        email = mail.outbox[-1]
        assert email.to == [recipient.email]
        assert email.subject.startswith("[Tandem] ")
        assert words in email.subject
        assert f"http://testserver{path}" in email.body  # the plain-text part
        [(html, mimetype)] = email.alternatives
        assert mimetype == "text/html"
        assert f"http://testserver{path}" in html
        seen += 1
    assert seen == 6
