"""The ask's rules and transitions (PRODUCT.md §4.1), referrals and who may ask, with time
passed in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.core.tests.clock import NOW
from tandem.matching.selectors import recommendations_for_mentee
from tandem.mentorships.models import Ask, Mentorship, Transition
from tandem.mentorships.rules import AtCapacity
from tandem.mentorships.services.agreements import agreement_propose
from tandem.mentorships.services.asks import (
    ask_accept,
    ask_create,
    ask_decline,
    ask_expire,
    ask_withdraw,
)
from tandem.mentorships.tests.factories import GOALS, AskFactory, IntroFactory
from tandem.profiles.choices import Visibility
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
)


@pytest.mark.django_db
class TestAskCreate:
    def test_creates_a_pending_ask_with_an_audit_row(self):
        ask = AskFactory()
        assert ask.state == Ask.State.PENDING
        assert list(ask.transitions.values_list("from_state", "to_state")) == [("", "pending")]

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"focus_areas": []}, "focus_areas"),
            ({"focus_areas": ["a", "b", "c", "d"]}, "focus_areas"),
            ({"focus_areas": ["not_a_focus_area"]}, "focus_areas"),
            ({"note": "   "}, "note"),
            ({"note": "x" * 601}, "note"),
            ({"intro_minutes": 60}, "intro_minutes"),
            ({"proposed_times": ["a", "b", "c", "d"]}, "proposed_times"),
        ],
    )
    def test_bad_content_is_refused_with_its_field(self, change, field):
        with pytest.raises(RuleBroken) as caught:
            AskFactory(**change)
        assert caught.value.field == field
        assert not Ask.objects.exists()

    def test_at_most_three_pending_asks(self):
        mentee = ProfileFactory()
        for _ in range(3):
            AskFactory(mentee=mentee)
        with pytest.raises(RuleBroken, match="3 requests waiting"):
            AskFactory(mentee=mentee)
        assert Ask.objects.count() == 3

    def test_not_two_pending_asks_to_the_same_mentor(self):
        mentee, mentor = ProfileFactory(), MentorProfileFactory()
        AskFactory(mentee=mentee, mentor=mentor)
        with pytest.raises(RuleBroken, match="already have a request"):
            AskFactory(mentee=mentee, mentor=mentor)

    @pytest.mark.parametrize("ending", ["decline", "expire"])
    def test_a_90_day_cool_down_after_a_decline_or_expiry(self, ending):
        mentee, mentor = ProfileFactory(), MentorProfileFactory()
        ask = AskFactory(mentee=mentee, mentor=mentor)
        if ending == "decline":
            ask_decline(ask=ask, actor=mentor.user, now=NOW)
        else:
            ask_expire(ask=ask, now=NOW + timedelta(days=14))
        later = NOW + timedelta(days=89)
        with pytest.raises(RuleBroken, match="Let it rest"):
            AskFactory(mentee=mentee, mentor=mentor, now=later)
        assert AskFactory(mentee=mentee, mentor=mentor, now=NOW + timedelta(days=105))

    def test_a_withdrawn_ask_has_no_cool_down(self):
        mentee, mentor = ProfileFactory(), MentorProfileFactory()
        ask_withdraw(ask=AskFactory(mentee=mentee, mentor=mentor), actor=mentee.user, now=NOW)
        assert AskFactory(mentee=mentee, mentor=mentor, now=NOW + timedelta(hours=1))

    @pytest.mark.parametrize("change", [{"is_paused": True}, {"capacity": 0}])
    def test_a_paused_or_full_mentor_cannot_be_asked(self, change):
        with pytest.raises(AtCapacity, match="isn't personal"):
            AskFactory(mentor=MentorProfileFactory(**change))

    def test_a_mentor_whose_places_are_taken_cannot_be_asked(self):
        mentor = MentorProfileFactory(capacity=1)
        IntroFactory(mentor=mentor)
        with pytest.raises(AtCapacity):
            AskFactory(mentor=mentor)

    def test_nobody_asks_themself_or_someone_who_is_not_a_mentor(self):
        both = MentorProfileFactory(is_mentee=True)
        with pytest.raises(RuleBroken, match="yourself"):
            AskFactory(mentee=both, mentor=both)
        with pytest.raises(RuleBroken, match="isn't taking mentoring requests"):
            AskFactory(mentor=ProfileFactory())


@pytest.mark.django_db
class TestAskTransitions:
    def test_the_mentor_accepts_and_a_mentorship_starts_in_intro(self):
        ask = AskFactory()
        mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=NOW)
        ask.refresh_from_db()
        assert (ask.state, ask.decided_at) == (Ask.State.ACCEPTED, NOW)
        assert mentorship.state == Mentorship.State.INTRO
        assert (mentorship.mentee, mentorship.mentor) == (ask.mentee, ask.mentor)
        rows = Transition.objects.filter(ask=ask).values_list("actor", "from_state", "to_state")
        assert list(rows)[-1] == (ask.mentor.user_id, "pending", "accepted")

    def test_the_mentor_declines_with_a_private_reason_and_a_referral(self):
        ask = AskFactory()
        other = MentorProfileFactory()
        ask_decline(ask=ask, actor=ask.mentor.user, now=NOW, reason="Busy quarter", refer_to=other)
        ask.refresh_from_db()
        assert (ask.state, ask.decline_reason, ask.referred_to) == (
            "declined",
            "Busy quarter",
            other,
        )

    def test_a_referral_must_be_another_mentor(self):
        ask = AskFactory()
        with pytest.raises(RuleBroken):
            ask_decline(ask=ask, actor=ask.mentor.user, now=NOW, refer_to=ask.mentee)
        assert Ask.objects.get(pk=ask.pk).state == "pending"

    @pytest.mark.parametrize(
        ("move", "who"),
        [
            ("accept", "mentee"),
            ("decline", "mentee"),
            ("withdraw", "mentor"),
        ],
    )
    def test_each_side_can_only_make_its_own_moves(self, move, who):
        ask = AskFactory()
        actor = ask.mentee.user if who == "mentee" else ask.mentor.user
        with pytest.raises(IllegalTransition):
            _do(move, ask, actor)
        assert Ask.objects.get(pk=ask.pk).state == "pending"
        assert not Mentorship.objects.exists()

    @pytest.mark.parametrize("move", ["accept", "decline", "withdraw"])
    def test_strangers_get_not_found_and_change_nothing(self, move):
        ask = AskFactory()
        with pytest.raises(NotFound):
            _do(move, ask, UserFactory())
        assert Ask.objects.get(pk=ask.pk).state == "pending"

    @pytest.mark.parametrize("first", ["accept", "decline", "withdraw", "expire"])
    @pytest.mark.parametrize("then", ["accept", "decline", "withdraw", "expire"])
    def test_nothing_moves_once_an_ask_is_decided(self, first, then):
        ask = AskFactory()
        _do(first, ask, ask.mentee.user if first == "withdraw" else ask.mentor.user)
        decided = Ask.objects.get(pk=ask.pk).state
        with pytest.raises(IllegalTransition):
            _do(then, ask, ask.mentee.user if then == "withdraw" else ask.mentor.user)
        assert Ask.objects.get(pk=ask.pk).state == decided

    def test_accepting_beyond_capacity_is_refused(self):
        mentor = MentorProfileFactory(capacity=1)
        first, second = AskFactory(mentor=mentor), AskFactory(mentor=mentor)
        ask_accept(ask=first, actor=mentor.user, now=NOW)
        with pytest.raises(AtCapacity):
            ask_accept(ask=second, actor=mentor.user, now=NOW)
        assert Ask.objects.get(pk=second.pk).state == "pending"
        assert Mentorship.objects.count() == 1


@pytest.mark.django_db
class TestReferralsAndAskers:
    def test_a_paused_mentor_cannot_be_suggested(self):
        ask = AskFactory()
        paused = MentorProfileFactory(is_paused=True)
        with pytest.raises(RuleBroken):
            ask_decline(ask=ask, actor=ask.mentor.user, now=NOW, refer_to=paused)

    def test_the_referral_list_hides_profiles_the_decliner_may_not_see(self, client):
        from tandem.matching.index import mentor_index_clear

        mentor_index_clear()
        org = OrganizationFactory(email_domain="initech.example")
        mentee = ProfileFactory(user__email="ann@initech.example", organization=org)
        insider = MentorProfileFactory(
            user__first_name="Ivo", user__last_name="Insider", organization=org,
            visibility=Visibility.ORGANIZATION, user__email="ivo@initech.example",
        )  # fmt: skip
        ask = AskFactory(mentee=mentee)
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

        mentorship = IntroFactory(intro_held=True)
        mentee = mentorship.mentee.user
        agreement_propose(
            mentorship=mentorship, actor=mentee, goals=list(GOALS), cadence="1m",
            meeting_minutes=45, now=NOW,
        )  # fmt: skip
        with pytest.raises(IllegalTransition):
            agreement_decline(mentorship=mentorship, actor=mentee, now=NOW)


def _do(move, ask, actor):
    if move == "accept":
        return ask_accept(ask=ask, actor=actor, now=NOW)
    if move == "decline":
        return ask_decline(ask=ask, actor=actor, now=NOW)
    if move == "withdraw":
        return ask_withdraw(ask=ask, actor=actor, now=NOW)
    return ask_expire(ask=ask, now=NOW + timedelta(days=14))
