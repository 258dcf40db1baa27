"""What a declined application and a declined match tell people, worded for the reader: only
a mentee is pointed to find a mentor, and a declined match says what really happens next
(1:1 and peer: the managers can pair them in a later round; coffee: the next cycle)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.notifications.models import Notification
from tandem.programs.models import Participant, Program
from tandem.programs.services.enrollment import application_decide, program_apply
from tandem.programs.services.matches import match_decline
from tandem.programs.tests.factories import (
    ParticipantFactory,
    ProgramFactory,
    insider,
    manager_of,
)
from tandem.programs.tests.worlds import coffee_pair, match_of, mentoring_pair
from tandem.programs.wording import after_declined_match

pytestmark = pytest.mark.django_db

FIND_A_MENTOR = "find a mentor"
AUTOMATIC = "will introduce you to someone else"


def declined_words(now, *, kind: str, role: str) -> str:
    """The notice a declined applicant gets, for this kind of program and side."""
    program = ProgramFactory(kind=kind, enrollment=Program.Enrollment.APPLY)
    person = insider(program.organization)
    place = program_apply(program=program, user=person.user, role=role, answers={}, now=now)
    application_decide(program=program, participant_id=place.pk, decision="decline",
                       actor=manager_of(program.organization), now=now)  # fmt: skip
    return Notification.objects.get(recipient=person.user, kind="program_news").body


class TestADeclinedApplication:
    def test_a_mentee_is_pointed_to_find_a_mentor(self, now):
        body = declined_words(now, kind=Program.Kind.MENTORING, role=Participant.Role.MENTEE)
        assert "It isn't about you" in body
        assert "You can still find a mentor on Tandem yourself" in body

    def test_a_mentor_is_told_they_can_still_mentor_not_to_find_a_mentor(self, now):
        body = declined_words(now, kind=Program.Kind.MENTORING, role=Participant.Role.MENTOR)
        assert FIND_A_MENTOR not in body
        assert "You can still mentor on Tandem" in body

    def test_someone_on_both_sides_hears_both(self, now):
        body = declined_words(now, kind=Program.Kind.REVERSE, role=Participant.Role.BOTH)
        assert "find a mentor in the mentor directory" in body
        assert "people looking for one find you there" in body

    @pytest.mark.parametrize("kind", [Program.Kind.PEER, Program.Kind.COFFEE])
    def test_peer_and_coffee_applicants_are_not_sent_to_find_a_mentor(self, now, kind):
        body = declined_words(now, kind=kind, role=Participant.Role.MENTEE)
        assert FIND_A_MENTOR not in body
        assert "a manager of the program can still invite you" in body


def declined_match(now, pair, **kwargs):
    """Publish a match of the pair and have the second decline it; the first's notice."""
    first, second = pair
    match = match_of(first, second, now=now, **kwargs)
    match_decline(slug=match.program.slug, match_id=match.pk, user=second.profile.user, now=now)
    return match, Notification.objects.get(recipient=first.profile.user, kind="program_match")


class TestADeclinedMatch:
    @pytest.mark.parametrize("kind", [Program.Kind.MENTORING, Program.Kind.REVERSE])
    def test_one_to_one_says_the_managers_can_pair_them_in_a_later_round(self, now, kind):
        _, notice = declined_match(now, mentoring_pair(kind=kind))
        assert AUTOMATIC not in notice.body
        assert "It isn't about you." in notice.body
        assert "its managers can pair you with someone else in a later round" in notice.body

    def test_peer_says_the_managers_can_introduce_them_in_a_later_round(self, now):
        first = ParticipantFactory(program__kind=Program.Kind.PEER)
        _, notice = declined_match(now, (first, ParticipantFactory(program=first.program)))
        assert AUTOMATIC not in notice.body
        assert "its managers can introduce you to someone else in a later round" in notice.body

    def test_coffee_says_the_next_cycle_and_when(self, now):
        _, notice = declined_match(now, coffee_pair(cycle="1w"), cycle_on=now.date())
        day = now.date() + timedelta(days=7)
        assert f"The next cycle, from {day:%-d %B}, introduces you to someone new" in notice.body
        assert "as long as you're opted in" in notice.body

    def test_coffee_without_a_cycle_date_says_the_next_cycle(self, now):
        _, notice = declined_match(now, coffee_pair())
        assert "The next cycle introduces you to someone new" in notice.body

    def test_the_match_page_says_the_same(self, client):
        now = timezone.now()  # the page reads the real clock
        match, _ = declined_match(now, mentoring_pair())
        client.force_login(match.first.profile.user)
        url = reverse("programs:match", kwargs={"slug": match.program.slug, "match_id": match.pk})
        page = client.get(url).content.decode()
        assert "This match won't go ahead." in page
        assert "its managers can pair you with someone else in a later round" in page
        assert AUTOMATIC not in page

    def test_the_coffee_match_page_names_the_next_cycle(self, client):
        now = timezone.now()
        match, _ = declined_match(now, coffee_pair(cycle="2w"), cycle_on=now.date())
        client.force_login(match.second.profile.user)  # the one who declined reads it too
        url = reverse("programs:match", kwargs={"slug": match.program.slug, "match_id": match.pk})
        page = client.get(url).content.decode()
        day = now.date() + timedelta(days=14)
        assert f"The next cycle, from {day:%-d %B}, introduces you to someone new" in page

    def test_a_next_cycle_already_begun_is_not_named(self, now):
        long_ago = now.date() - timedelta(days=30)
        _, notice = declined_match(now, coffee_pair(cycle="1w"), cycle_on=long_ago)
        assert "The next cycle introduces you to someone new" in notice.body
        assert after_declined_match(Program(kind=Program.Kind.COFFEE)) == (
            "The next cycle introduces you to someone new, as long as you're opted in."
        )
