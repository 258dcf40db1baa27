"""Taking a check: the answers validated and scored, at most three a day."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tandem.core.errors import RuleBroken
from tandem.growth.stuck.models import StuckCheck
from tandem.growth.stuck.rules import MAX_CHECKS_PER_DAY, checks_left_today
from tandem.growth.stuck.services import stuck_check_take, stuck_checks_forget
from tandem.growth.stuck.tests.factories import StuckCheckFactory, answers, standing_out

pytestmark = pytest.mark.django_db


class TestTakingACheck:
    def test_keeps_the_answers_and_their_scores_at_now(self, user, now):
        check = stuck_check_take(owner=user, answers=standing_out("bored"), now=now)
        assert check.owner == user
        assert check.taken_at == now
        assert check.answers["bored_sleep"] == 2
        assert check.answers["rigid_keep"] == 0
        assert check.scores["bored"] == 100
        assert check.scores["rigid"] == 0
        assert [cause.key for cause in check.result.standing_out] == ["bored"]

    def test_an_unanswered_statement_is_refused_on_its_field_and_nothing_is_kept(self, user, now):
        raw = answers()
        del raw["tools_lost"]
        with pytest.raises(RuleBroken) as caught:
            stuck_check_take(owner=user, answers=raw, now=now)
        assert caught.value.field == "tools_lost"
        assert not StuckCheck.objects.exists()

    def test_an_answer_off_the_scale_is_refused(self, user, now):
        with pytest.raises(RuleBroken):
            stuck_check_take(owner=user, answers=answers(bored_sleep=7), now=now)
        assert not StuckCheck.objects.exists()

    def test_is_repeatable_three_times_a_day_then_refused_with_a_clear_message(self, user, now):
        for minutes in range(MAX_CHECKS_PER_DAY):
            StuckCheckFactory(owner=user, now=now + timedelta(minutes=minutes))
        assert checks_left_today(user, now=now + timedelta(minutes=5)) == 0
        with pytest.raises(RuleBroken, match="3 times in the last day"):
            stuck_check_take(owner=user, answers=answers(), now=now + timedelta(minutes=5))
        assert StuckCheck.objects.filter(owner=user).count() == MAX_CHECKS_PER_DAY

    def test_a_day_later_the_first_check_frees_a_place(self, user, now):
        for minutes in range(MAX_CHECKS_PER_DAY):
            StuckCheckFactory(owner=user, now=now + timedelta(minutes=minutes))
        later = now + timedelta(days=1, seconds=1)
        assert checks_left_today(user, now=later) == 1
        stuck_check_take(owner=user, answers=answers(), now=later)

    def test_one_persons_checks_do_not_count_against_another(self, user, now):
        for minutes in range(MAX_CHECKS_PER_DAY):
            StuckCheckFactory(now=now + timedelta(minutes=minutes))
        assert checks_left_today(user, now=now) == MAX_CHECKS_PER_DAY
        stuck_check_take(owner=user, answers=answers(), now=now)


class TestForgettingChecks:
    def test_deletes_the_owners_checks_only(self, user, now):
        StuckCheckFactory(owner=user, now=now)
        theirs = StuckCheckFactory(now=now)
        assert stuck_checks_forget(owner=user) == 1
        assert list(StuckCheck.objects.all()) == [theirs]
