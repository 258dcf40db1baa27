""" "My programs": each program a person is in, with what it expects of them next, in plain
words; the same rows on the home page; a constant number of queries however many there are."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.profiles.tests.factories import ProfileFactory
from tandem.programs.models import Participant, Program
from tandem.programs.selectors.mine import my_programs_for
from tandem.programs.services.enrollment import coffee_opt, program_apply
from tandem.programs.services.matches import match_confirm, match_feedback_give
from tandem.programs.services.questions import question_add
from tandem.programs.tests.factories import (
    ParticipantFactory,
    ProgramFactory,
    insider,
    manager_of,
)
from tandem.programs.tests.worlds import coffee_pair, match_of, mentoring_pair

pytestmark = pytest.mark.django_db


def steps(user, now) -> dict[str, str]:
    return {row.program.name: row.step.text for row in my_programs_for(user=user, now=now).rows}


class TestWhatEachProgramExpects:
    def test_waiting_for_approval_and_answering_the_intake(self, now):
        applied = ProgramFactory(name="Apply", enrollment=Program.Enrollment.APPLY)
        person = insider(applied.organization)
        program_apply(program=applied, user=person.user, answers={}, now=now)
        joined = ParticipantFactory(profile=person, program__name="Asks more")
        question_add(program=joined.program, text="Added later", required=True)
        assert steps(person.user, now) == {
            "Apply": "Waiting for a manager to approve your application.",
            "Asks more": "Answer the intake questions.",
        }

    def test_confirm_then_wait_then_the_mentorship(self, now):
        mentee, mentor = mentoring_pair(name="Mentoring")
        match = match_of(mentee, mentor, now=now)
        mentor_name = mentor.profile.user.display_name
        assert steps(mentee.profile.user, now) == {
            "Mentoring": f"Confirm your match with {mentor_name}."
        }
        match_confirm(slug=match.program.slug, match_id=match.pk, user=mentee.profile.user, now=now)
        assert steps(mentee.profile.user, now) == {
            "Mentoring": f"Waiting for {mentor_name} to confirm your match."
        }
        match_confirm(slug=match.program.slug, match_id=match.pk, user=mentor.profile.user, now=now)
        assert steps(mentee.profile.user, now) == {
            "Mentoring": f"Your mentorship with {mentor_name} has begun: agree a time for your "
            "intro."
        }

    def test_coffee_meet_this_cycle_then_nothing_until_the_next_round(self, now):
        first, second = coffee_pair(name="Coffee", cycle="2w", coffee_minutes=25)
        match = match_of(first, second, now=now, cycle_on=date(2026, 11, 2))
        match_confirm(slug=match.program.slug, match_id=match.pk, user=first.profile.user, now=now)
        match_confirm(slug=match.program.slug, match_id=match.pk, user=second.profile.user, now=now)
        name = second.profile.user.display_name
        assert steps(first.profile.user, now) == {
            "Coffee": f"Meet {name} for 25 minutes this cycle, then tell us how it went."
        }
        match_feedback_give(slug=match.program.slug, match_id=match.pk, user=first.profile.user,
                            met=True, rating=5, now=now)  # fmt: skip
        assert steps(first.profile.user, now) == {
            "Coffee": "Nothing to do until the next round on 16 November."
        }
        coffee_opt(program=first.program, user=first.profile.user, opted_in=False, now=now)
        assert steps(first.profile.user, now) == {
            "Coffee": "You've paused coffee rounds. Opt in to meet someone in the next round."
        }

    def test_a_program_that_has_not_matched_anyone_yet(self, now):
        place = ParticipantFactory(program__name="New")
        later = ParticipantFactory(
            profile=place.profile, program__name="Coffee later", program__kind="coffee",
            program__starts_on=(now + timedelta(days=10)).date(),
        )  # fmt: skip
        assert later.role == Participant.Role.PEER
        assert steps(place.profile.user, now) == {
            "New": "Nothing to do until the program introduces your match.",
            "Coffee later": "Nothing to do until the next round on 12 November.",
        }


class TestThePage:
    def test_lists_my_programs_and_leads_managers_to_theirs(self, client):
        place = ParticipantFactory(program__name="Rising Stars")
        client.force_login(place.profile.user)
        page = client.get(reverse("programs:mine")).content.decode()
        assert "Rising Stars" in page
        assert "Programs I run" not in page
        client.force_login(manager_of(place.program.organization))
        assert "Programs I run" in client.get(reverse("programs:mine")).content.decode()

    def test_the_menu_shows_programs_to_people_in_one(self, client):
        outsider = ProfileFactory()
        client.force_login(outsider.user)
        assert 'href="/programs/">Programs<' not in client.get(reverse("home")).content.decode()
        place = ParticipantFactory()
        client.force_login(place.profile.user)
        assert 'href="/programs/">Programs<' in client.get(reverse("home")).content.decode()

    def test_costs_the_same_for_3_or_12_programs(self, client, django_assert_max_num_queries):
        now = timezone.now()
        person = ProfileFactory()
        client.force_login(person.user)

        def add_three() -> None:
            for kind in ("mentoring", "coffee", "peer"):
                place = ParticipantFactory(profile=person, program__kind=kind)
                other = ParticipantFactory(program=place.program)
                match_of(place, other, now=now, cycle_on=now.date())

        add_three()
        client.get(reverse("programs:mine"))
        with django_assert_max_num_queries(20) as few:
            client.get(reverse("programs:mine"))
        for _ in range(3):
            add_three()
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(reverse("programs:mine")).content.decode()
        assert page.count('class="my-program"') == 12
        assert page.count("Confirm your match with") == 12


class TestHome:
    def test_home_shows_each_program_and_what_waits(self, client, now):
        mentee, mentor = mentoring_pair(name="Mentoring at Acme")
        match_of(mentee, mentor, now=now)
        client.force_login(mentee.profile.user)
        page = client.get(reverse("home")).content.decode()
        assert "Your programs" in page
        name = mentor.profile.user.display_name
        assert f"Mentoring at Acme: Confirm your match with {name}." in page
        assert "1 thing is waiting for you." in page

    def test_home_costs_the_same_however_many_programs(self, client, django_assert_max_num_queries):
        now = timezone.now()
        person = ProfileFactory()
        client.force_login(person.user)
        for _ in range(2):
            place = ParticipantFactory(profile=person)
            match_of(place, ParticipantFactory(program=place.program, role="mentor"), now=now)
        client.get(reverse("home"))
        with django_assert_max_num_queries(60) as few:
            client.get(reverse("home"))
        for _ in range(6):
            place = ParticipantFactory(profile=person, program__kind="coffee")
            match_of(place, ParticipantFactory(program=place.program), now=now)
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(reverse("home")).content.decode()
        assert page.count("Confirm your match with") == 2 * 8  # waiting, and in the list
