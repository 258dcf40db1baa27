"""The demo's asks and mentorships: a story for the demo logins, legal histories for all."""

from __future__ import annotations

import pytest
from django.db.models import Count, Q

from tandem.demo.logins import NAMED_PEOPLE
from tandem.demo.services import demo_load
from tandem.mentorships.lifecycles import MENTORSHIP
from tandem.mentorships.models import Agreement, Ask, Mentorship
from tandem.profiles.models import Profile

MENTEE, MENTOR, BOTH = (p.email for p in NAMED_PEOPLE[:3])


@pytest.fixture
def loaded(db):
    return demo_load(people=300, seed=3)


@pytest.mark.django_db
class TestDemoStory:
    def test_the_demo_mentee_has_an_active_mentor_and_a_request_waiting(self, loaded):
        mentorship = Mentorship.objects.get(mentee__user__email=MENTEE)
        assert mentorship.mentor.user.email == MENTOR
        assert mentorship.state == Mentorship.State.ACTIVE
        assert mentorship.agreements.get().state == Agreement.State.ACCEPTED
        assert Ask.objects.filter(mentee__user__email=MENTEE, state="pending").count() == 1

    def test_the_demo_mentor_has_requests_to_answer(self, loaded):
        assert Ask.objects.filter(mentor__user__email=MENTOR, state="pending").count() >= 2
        assert Ask.objects.filter(mentor__user__email=BOTH, state="pending").count() >= 1

    def test_every_state_appears_and_the_report_counts_them(self, loaded):
        assert set(Mentorship.objects.values_list("state", flat=True)) == set(
            Mentorship.State.values
        )
        assert loaded.mentorships == Mentorship.objects.count()
        assert loaded.asks == Ask.objects.count()

    def test_places_taken_match_the_mentorships_and_never_exceed_capacity(self, loaded):
        held = Count("mentorships_as_mentor", filter=Q(
            mentorships_as_mentor__state__in=Mentorship.HOLDING_A_PLACE
        ))  # fmt: skip
        for profile in Profile.objects.filter(is_mentor=True).annotate(held=held):
            assert profile.places_taken == profile.held
            assert profile.held <= profile.capacity

    def test_every_history_is_a_legal_walk_of_the_table(self, loaded):
        for mentorship in Mentorship.objects.prefetch_related("transitions"):
            steps = [(t.from_state, t.to_state) for t in mentorship.transitions.all()]
            assert steps[0] == ("", "intro")
            assert all(step in MENTORSHIP.table for step in steps[1:]), steps
            assert steps[-1][1] == mentorship.state


@pytest.mark.django_db
def test_the_demo_pair_has_a_held_meeting_and_one_coming_up(loaded):
    from tandem.meetings.models import Meeting
    from tandem.mentorships.models import Goal

    mentorship = Mentorship.objects.get(mentee__user__email=MENTEE)
    states = sorted(mentorship.meetings.values_list("state", flat=True))
    assert states == [Meeting.State.HELD, Meeting.State.SCHEDULED]
    assert mentorship.action_items.count() == 1
    assert Goal.objects.filter(mentorship=mentorship).count() == len(
        mentorship.agreements.get().goals
    )
