"""Edges found in review: one live mentorship per pair, leftover proposals, month ends,
referrals, who may ask, the graduation prompt, and every email's shape."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from tandem.core.errors import IllegalTransition, RuleBroken
from tandem.matching.selectors import recommendations_for_mentee
from tandem.mentorships.models import Agreement, Mentorship
from tandem.mentorships.rules import add_months
from tandem.mentorships.services.agreements import agreement_propose, renewal_propose
from tandem.mentorships.services.asks import ask_accept, ask_create, ask_decline, ask_withdraw
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.test_asks import NOW, make_ask
from tandem.mentorships.tests.test_terms_and_places import GOALS, active
from tandem.notifications.models import Notification
from tandem.profiles.choices import Visibility
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
)

DAY = timedelta(days=1)


@pytest.mark.django_db
class TestOneLiveMentorshipPerPair:
    def test_no_new_ask_while_together(self):
        mentorship = active()
        with pytest.raises(RuleBroken, match="already have a mentorship"):
            make_ask(mentee=mentorship.mentee, mentor=mentorship.mentor)

    def test_after_completing_they_may_start_again(self):
        mentorship = active()
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentee.user, to_state="completed", now=NOW
        )
        assert make_ask(mentee=mentorship.mentee, mentor=mentorship.mentor, now=NOW + DAY)

    def test_the_database_refuses_a_second_live_one(self):
        mentorship = active()
        with pytest.raises(IntegrityError), transaction.atomic():
            Mentorship.objects.create(mentee=mentorship.mentee, mentor=mentorship.mentor)


@pytest.mark.django_db
class TestLeftoverProposals:
    def test_the_mentee_may_close_while_waiting_and_the_proposal_lapses(self):
        ask = make_ask()
        mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=NOW)
        agreement_propose(
            mentorship=mentorship, actor=ask.mentee.user, goals=GOALS, cadence="1m",
            meeting_minutes=45, now=NOW,
        )  # fmt: skip
        mentorship_move(mentorship=mentorship, actor=ask.mentee.user, to_state="closed", now=NOW)
        assert Agreement.objects.get().state == Agreement.State.DECLINED

    def test_pausing_lets_a_waiting_renewal_lapse(self):
        mentorship = active(term_months=1)
        renewal_propose(
            mentorship=mentorship, actor=mentorship.mentee.user, goals=GOALS, cadence="1m",
            meeting_minutes=45, now=NOW + 10 * DAY,
        )  # fmt: skip
        mentorship_move(
            mentorship=mentorship, actor=mentorship.mentor.user, to_state="paused", now=NOW
        )
        assert list(mentorship.agreements.values_list("state", flat=True)) == [
            "accepted", "declined",
        ]  # fmt: skip


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 31), 12, date(2027, 1, 31)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 5, 15), 24, date(2028, 5, 15)),
    ],
)
def test_terms_end_on_the_same_day_or_the_month_end(start, months, end):
    assert add_months(start, months) == end


@pytest.mark.django_db
class TestReferralsAndAskers:
    def test_a_paused_mentor_cannot_be_suggested(self):
        ask = make_ask()
        paused = MentorProfileFactory(is_paused=True)
        with pytest.raises(RuleBroken):
            ask_decline(ask=ask, actor=ask.mentor.user, now=NOW, refer_to=paused)

    def test_the_referral_list_hides_profiles_the_decliner_may_not_see(self, client):
        from tandem.matching import encode

        encode._cache.clear()
        org = OrganizationFactory(email_domain="initech.example")
        mentee = ProfileFactory(user__email="ann@initech.example", organization=org)
        insider = MentorProfileFactory(
            user__first_name="Ivo", user__last_name="Insider", organization=org,
            visibility=Visibility.ORGANIZATION, user__email="ivo@initech.example",
        )  # fmt: skip
        ask = make_ask(mentee=mentee)
        suggested = [p.profile for p in recommendations_for_mentee(profile=mentee, k=6)]
        assert insider in suggested  # the mentee may see Ivo …
        client.force_login(ask.mentor.user)
        page = client.get(reverse("mentorships:ask", args=[ask.pk])).content.decode()
        assert "Ivo Insider" not in page  # … the outside mentor may not

    def test_only_a_mentee_can_ask(self):
        mentor_only = MentorProfileFactory()
        with pytest.raises(RuleBroken, match="I want a mentor"):
            ask_create(
                mentee=mentor_only, mentor=MentorProfileFactory(), focus_areas=["leadership"],
                note="Hello", intro_minutes=20, now=NOW,
            )  # fmt: skip

    def test_the_mentee_cannot_decline_their_own_agreement(self):
        from tandem.mentorships.services.agreements import agreement_decline

        ask = make_ask()
        mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=NOW)
        agreement_propose(
            mentorship=mentorship, actor=ask.mentee.user, goals=GOALS, cadence="1m",
            meeting_minutes=45, now=NOW,
        )  # fmt: skip
        with pytest.raises(IllegalTransition):
            agreement_decline(mentorship=mentorship, actor=ask.mentee.user, now=NOW)


@pytest.mark.django_db
def test_completing_invites_the_mentee_to_mentor():
    mentorship = active()
    mentorship_move(
        mentorship=mentorship, actor=mentorship.mentor.user, to_state="completed", now=NOW
    )
    invite = Notification.objects.get(cause=f"mentorship:{mentorship.pk}:pass_it_on")
    assert invite.recipient == mentorship.mentee.user


def _events(now: datetime):
    """Each notice-raising event once, with who should get which email."""
    ask = make_ask()
    yield "would like a 20-minute intro", ask.mentor.user, f"/asks/{ask.pk}/"
    ask_withdraw(ask=ask, actor=ask.mentee.user, now=now)
    yield "withdrew", ask.mentor.user, f"/asks/{ask.pk}/"
    ask = make_ask()
    mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=now)
    yield "said yes", ask.mentee.user, f"/mentorships/{mentorship.pk}/"
    agreement_propose(
        mentorship=mentorship, actor=ask.mentee.user, goals=GOALS, cadence="1m",
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
