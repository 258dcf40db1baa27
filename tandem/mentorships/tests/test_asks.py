"""The ask's rules and transitions (PRODUCT.md §4.1), with time passed in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.mentorships.models import Ask, Mentorship, Transition
from tandem.mentorships.rules import AtCapacity
from tandem.mentorships.services.asks import (
    ask_accept,
    ask_create,
    ask_decline,
    ask_expire,
    ask_withdraw,
)
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def make_ask(mentee=None, mentor=None, **kwargs):
    return ask_create(
        mentee=mentee or ProfileFactory(),
        mentor=mentor or MentorProfileFactory(),
        focus_areas=kwargs.pop("focus_areas", ["career_advice"]),
        note=kwargs.pop("note", "I'm a data analyst aiming for product; 20 minutes of advice?"),
        intro_minutes=kwargs.pop("intro_minutes", 20),
        now=kwargs.pop("now", NOW),
        **kwargs,
    )


@pytest.mark.django_db
class TestAskCreate:
    def test_creates_a_pending_ask_with_an_audit_row(self):
        ask = make_ask()
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
            make_ask(**change)
        assert caught.value.field == field
        assert not Ask.objects.exists()

    def test_at_most_three_pending_asks(self):
        mentee = ProfileFactory()
        for _ in range(3):
            make_ask(mentee=mentee)
        with pytest.raises(RuleBroken, match="3 requests waiting"):
            make_ask(mentee=mentee)
        assert Ask.objects.count() == 3

    def test_not_two_pending_asks_to_the_same_mentor(self):
        mentee, mentor = ProfileFactory(), MentorProfileFactory()
        make_ask(mentee=mentee, mentor=mentor)
        with pytest.raises(RuleBroken, match="already have a request"):
            make_ask(mentee=mentee, mentor=mentor)

    @pytest.mark.parametrize("ending", ["decline", "expire"])
    def test_a_90_day_cool_down_after_a_decline_or_expiry(self, ending):
        mentee, mentor = ProfileFactory(), MentorProfileFactory()
        ask = make_ask(mentee=mentee, mentor=mentor)
        if ending == "decline":
            ask_decline(ask=ask, actor=mentor.user, now=NOW)
        else:
            ask_expire(ask=ask, now=NOW + timedelta(days=14))
        later = NOW + timedelta(days=89)
        with pytest.raises(RuleBroken, match="Let it rest"):
            make_ask(mentee=mentee, mentor=mentor, now=later)
        assert make_ask(mentee=mentee, mentor=mentor, now=NOW + timedelta(days=105))

    def test_a_withdrawn_ask_has_no_cool_down(self):
        mentee, mentor = ProfileFactory(), MentorProfileFactory()
        ask_withdraw(ask=make_ask(mentee=mentee, mentor=mentor), actor=mentee.user, now=NOW)
        assert make_ask(mentee=mentee, mentor=mentor, now=NOW + timedelta(hours=1))

    @pytest.mark.parametrize("change", [{"is_paused": True}, {"capacity": 0}])
    def test_a_paused_or_full_mentor_cannot_be_asked(self, change):
        with pytest.raises(AtCapacity, match="isn't personal"):
            make_ask(mentor=MentorProfileFactory(**change))

    def test_a_mentor_whose_places_are_taken_cannot_be_asked(self):
        mentor = MentorProfileFactory(capacity=1)
        ask_accept(ask=make_ask(mentor=mentor), actor=mentor.user, now=NOW)
        with pytest.raises(AtCapacity):
            make_ask(mentor=mentor)

    def test_nobody_asks_themself_or_someone_who_is_not_a_mentor(self):
        both = MentorProfileFactory(is_mentee=True)
        with pytest.raises(RuleBroken, match="yourself"):
            make_ask(mentee=both, mentor=both)
        with pytest.raises(RuleBroken, match="isn't taking mentoring requests"):
            make_ask(mentor=ProfileFactory())


@pytest.mark.django_db
class TestAskTransitions:
    def test_the_mentor_accepts_and_a_mentorship_starts_in_intro(self):
        ask = make_ask()
        mentorship = ask_accept(ask=ask, actor=ask.mentor.user, now=NOW)
        ask.refresh_from_db()
        assert (ask.state, ask.decided_at) == (Ask.State.ACCEPTED, NOW)
        assert mentorship.state == Mentorship.State.INTRO
        assert (mentorship.mentee, mentorship.mentor) == (ask.mentee, ask.mentor)
        rows = Transition.objects.filter(ask=ask).values_list("actor", "from_state", "to_state")
        assert list(rows)[-1] == (ask.mentor.user_id, "pending", "accepted")

    def test_the_mentor_declines_with_a_private_reason_and_a_referral(self):
        ask = make_ask()
        other = MentorProfileFactory()
        ask_decline(ask=ask, actor=ask.mentor.user, now=NOW, reason="Busy quarter", refer_to=other)
        ask.refresh_from_db()
        assert (ask.state, ask.decline_reason, ask.referred_to) == (
            "declined",
            "Busy quarter",
            other,
        )

    def test_a_referral_must_be_another_mentor(self):
        ask = make_ask()
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
        ask = make_ask()
        actor = ask.mentee.user if who == "mentee" else ask.mentor.user
        with pytest.raises(IllegalTransition):
            _do(move, ask, actor)
        assert Ask.objects.get(pk=ask.pk).state == "pending"
        assert not Mentorship.objects.exists()

    @pytest.mark.parametrize("move", ["accept", "decline", "withdraw"])
    def test_strangers_get_not_found_and_change_nothing(self, move):
        ask = make_ask()
        with pytest.raises(NotFound):
            _do(move, ask, UserFactory())
        assert Ask.objects.get(pk=ask.pk).state == "pending"

    @pytest.mark.parametrize("first", ["accept", "decline", "withdraw", "expire"])
    @pytest.mark.parametrize("then", ["accept", "decline", "withdraw", "expire"])
    def test_nothing_moves_once_an_ask_is_decided(self, first, then):
        ask = make_ask()
        _do(first, ask, ask.mentee.user if first == "withdraw" else ask.mentor.user)
        decided = Ask.objects.get(pk=ask.pk).state
        with pytest.raises(IllegalTransition):
            _do(then, ask, ask.mentee.user if then == "withdraw" else ask.mentor.user)
        assert Ask.objects.get(pk=ask.pk).state == decided

    def test_accepting_beyond_capacity_is_refused(self):
        mentor = MentorProfileFactory(capacity=1)
        first, second = make_ask(mentor=mentor), make_ask(mentor=mentor)
        ask_accept(ask=first, actor=mentor.user, now=NOW)
        with pytest.raises(AtCapacity):
            ask_accept(ask=second, actor=mentor.user, now=NOW)
        assert Ask.objects.get(pk=second.pk).state == "pending"
        assert Mentorship.objects.count() == 1


def _do(move, ask, actor):
    if move == "accept":
        return ask_accept(ask=ask, actor=actor, now=NOW)
    if move == "decline":
        return ask_decline(ask=ask, actor=actor, now=NOW)
    if move == "withdraw":
        return ask_withdraw(ask=ask, actor=actor, now=NOW)
    return ask_expire(ask=ask, now=NOW + timedelta(days=14))
