"""The demo programs: the demo manager's 1:1 program with a year of history behind its newest
round, and coffee rounds with two past cycles, as the manager and the demo logins see them."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tandem.demo.generator import DEFAULT_PEOPLE, DEFAULT_SEED
from tandem.demo.programs import COFFEE_SLUG, MENTORING_SLUG
from tandem.demo.services import demo_load
from tandem.meetings.health.selectors import health_for
from tandem.meetings.models import ActionItem, Meeting, MeetingFeedback, ThankYou
from tandem.mentorships.models import Goal, Mentorship
from tandem.organizations.models import Membership
from tandem.programs.models import Match, MatchFeedback, Participant, Program, Round
from tandem.reports.models import Pulse


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_load(people=DEFAULT_PEOPLE, seed=DEFAULT_SEED)
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded")]


def test_the_demo_manager_runs_the_eastmoor_programs() -> None:
    membership = Membership.objects.get(user__email="manager@demo.tandem.example")
    assert membership.role == Membership.Role.MANAGER
    organizations = set(Program.objects.values_list("organization", flat=True))
    assert organizations == {membership.organization_id}


def test_the_mentoring_program_has_a_few_hundred_people_and_a_newest_round_to_confirm() -> None:
    program = Program.objects.get(slug=MENTORING_SLUG)
    assert 200 <= program.participants.count() <= 450
    newest = program.rounds.order_by("-number").first()
    assert newest is not None
    assert newest.number == 3  # after the two earlier rounds of its history
    assert newest.state == Round.State.PUBLISHED
    assert newest.quality["pairs"] == newest.matches.count() > 100
    assert set(newest.matches.values_list("state", flat=True)) == {Match.State.PROPOSED}
    assert newest.matches.filter(first__profile__user__email="mentee@demo.tandem.example").exists()


def test_coffee_rounds_have_two_past_cycles_without_a_repeated_pair_and_some_feedback() -> None:
    program = Program.objects.get(slug=COFFEE_SLUG)
    rounds = list(program.rounds.order_by("number"))
    assert [r.state for r in rounds] == [Round.State.PUBLISHED] * 2
    cycles = [r.cycle_on for r in rounds]
    assert None not in cycles
    assert sorted(cycles) == cycles  # type: ignore[type-var]
    assert len(set(cycles)) == 2
    first, second = (
        set(Match.objects.filter(round=r).values_list("first", "second")) for r in rounds
    )
    assert len(first) > 50
    both_asked = {
        (m.first_id, m.second_id)
        for m in Match.objects.filter(round=rounds[0]).prefetch_related("feedback")
        if sum(f.meet_again for f in m.feedback.all()) == 2
    }
    assert first & second <= both_asked  # a pair meets again only when both asked to
    assert MatchFeedback.objects.filter(match__program=program).count() > 50
    assert (
        Match.objects.filter(
            round=rounds[1], second__profile__user__email="mentee@demo.tandem.example"
        ).exists()
        or Match.objects.filter(
            round=rounds[1], first__profile__user__email="mentee@demo.tandem.example"
        ).exists()
    )


# --- the mentoring program's year of history (program_history.py) ---------------------------


def _mentoring() -> Program:
    return Program.objects.get(slug=MENTORING_SLUG)


def _mentorships() -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(program_match__program=_mentoring())


def test_the_mentoring_program_started_about_eleven_months_ago() -> None:
    program = _mentoring()
    assert program.starts_on is not None
    assert 300 <= (timezone.now().date() - program.starts_on).days <= 365
    earlier = program.rounds.filter(number__lt=3).order_by("number")
    assert [r.state for r in earlier] == [Round.State.PUBLISHED] * 2
    assert all(r.published_at and r.published_at < timezone.now() - timedelta(days=150)
               for r in earlier)  # fmt: skip


def test_people_enrolled_over_several_months_in_a_handful_of_departments() -> None:
    people = Participant.objects.filter(program=_mentoring())
    months = {(at.year, at.month) for at in people.values_list("created_at", flat=True)}
    assert len(months) >= 6
    departments = set(people.exclude(department="").values_list("department", flat=True))
    assert 4 <= len(departments) <= 6
    earlier = people.filter(created_at__lt=timezone.now() - timedelta(days=150))
    assert 100 <= earlier.count() <= 130


def test_earlier_matches_became_mentorships_in_several_states() -> None:
    states = Counter(_mentorships().values_list("state", flat=True))
    S = Mentorship.State
    assert {S.ACTIVE, S.COMPLETED, S.CLOSED, S.PAUSED} <= set(states)
    assert states[S.ACTIVE] > 20
    declined = Match.objects.filter(program=_mentoring(), state=Match.State.DECLINED)
    assert declined.exists()
    assert not declined.filter(mentorship__isnull=False).exists()


def test_meetings_were_held_across_at_least_six_months_with_some_missed() -> None:
    meetings = Meeting.objects.filter(mentorship__in=_mentorships())
    held = meetings.filter(state=Meeting.State.HELD).values_list("starts_at", flat=True)
    assert len({(at.year, at.month) for at in held if at is not None}) >= 6
    assert meetings.filter(state=Meeting.State.NO_SHOW).exists()
    assert not meetings.filter(state=Meeting.State.HELD, starts_at__gt=timezone.now()).exists()
    ratings = MeetingFeedback.objects.filter(meeting__in=meetings)
    assert ratings.filter(created_at__lt=timezone.now() - timedelta(days=150)).exists()


def test_follow_through_has_goals_achieved_and_action_items_in_every_state() -> None:
    mentorships = _mentorships()
    goals = set(Goal.objects.filter(mentorship__in=mentorships).values_list("status", flat=True))
    assert Goal.Status.ACHIEVED in goals
    assert len(goals) >= 3
    items = ActionItem.objects.filter(mentorship__in=mentorships)
    assert set(items.values_list("status", flat=True)) == set(ActionItem.Status.values)
    assert ThankYou.objects.filter(meeting__mentorship__in=mentorships).exists()


def test_most_pulses_were_answered_with_scores_across_the_scale() -> None:
    pulses = Pulse.objects.filter(program=_mentoring())
    answered = pulses.filter(answered_at__isnull=False)
    assert 0.45 <= answered.count() / pulses.count() <= 0.75
    assert len(set(answered.values_list("score", flat=True))) >= 6
    assert not answered.filter(answered_at__gt=timezone.now()).exists()


def test_some_pairs_slipped_and_are_at_risk() -> None:
    ids = list(_mentorships().values_list("id", flat=True))
    healths = health_for(mentorship_ids=ids, today=timezone.now().date())
    statuses = Counter(h.status for h in healths.values())
    assert statuses["at_risk"] >= 1
    assert statuses["on_track"] > statuses["at_risk"] + statuses["needs_attention"]
    slipped = [h for h in healths.values() if h.status == "at_risk"]
    assert any("nothing is booked yet" in h.reasons[0] for h in slipped)


def test_the_demo_logins_take_no_part_in_the_history() -> None:
    named = ["mentee@demo.tandem.example", "mentor@demo.tandem.example"]
    assert not _mentorships().filter(mentee__user__email__in=named).exists()
    assert not _mentorships().filter(mentor__user__email__in=named).exists()
