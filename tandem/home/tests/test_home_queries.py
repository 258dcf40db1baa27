"""What the home page costs: the same queries for a mentor and for a mentee, however much
waits, and its own reads compiled once per process."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.conversations.tests.factories import MessageFactory
from tandem.meetings.services import action_item_add
from tandem.meetings.tests.factories import ProposedMeetingFactory, ScheduledMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, AskFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory
from tandem.programs.tests.worlds import match_of, mentoring_pair

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)

# The page's queries, for someone with something in every section:
#   the session, its user and the person's profile (3, the view's);
#   asks to or from them, their active and paused mentorships, each mentorship's health (6),
#   agreements to answer, meetings offered or booked, action items due, quiet goals (12);
#   conversations with new messages (1); their programs, the programs' questions and the last
#   round's matches (3);
#   the profile's completeness (the skills it lists for its role, its languages: 2) and, for a
#   mentee, the skills to search by (1);
#   the navigation and the unread notifications (2).
MENTOR = 3 + 12 + 1 + 3 + 2 + 2
MENTEE = MENTOR + 1


def world(now):
    """A mentor and a mentee with an active mentorship, a program match, asks, meetings,
    an action item and messages waiting."""
    mentee_place, mentor_place = mentoring_pair(name="Mentoring")
    match_of(mentee_place, mentor_place, now=now)
    mentee, mentor = mentee_place.profile, mentor_place.profile
    mentor.is_mentor, mentor.capacity = True, 10
    mentor.save(update_fields=["is_mentor", "capacity"])
    mentorship = ActiveMentorshipFactory(mentee=mentee, mentor=mentor, now=now - 40 * DAY)
    meeting = ScheduledMeetingFactory(mentorship=mentorship, now=now)
    action_item_add(
        meeting=meeting, actor=mentee.user, text="Draft the charter", owner="mentee",
        due_on=(now + 2 * DAY).date(), now=now,
    )  # fmt: skip
    AskFactory(mentee=mentee, now=now - DAY)
    AskFactory(mentor=mentor, now=now - DAY)
    MessageFactory(about=mentorship, author=mentee.user, text="See you Tuesday.")
    return mentee, mentor, mentorship


def more(mentee, mentor, now):
    """More of everything for both of them."""
    for more_asks in (True, False, False):  # a mentee has three asks waiting at most
        AskFactory(mentor=mentor, now=now - DAY)
        if more_asks:
            AskFactory(mentee=mentee, now=now - DAY)
        other = ActiveMentorshipFactory(mentor=mentor, mentee=ProfileFactory(), now=now)
        ScheduledMeetingFactory(mentorship=other, now=now)
        ProposedMeetingFactory(mentorship=other, now=now)
        MessageFactory(about=other, author=other.mentee.user, text="Hello again.")
        other = ActiveMentorshipFactory(mentee=mentee, mentor=MentorProfileFactory(), now=now)
        ScheduledMeetingFactory(mentorship=other, now=now)


def count(client, profile) -> tuple[int, str]:
    client.force_login(profile.user)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("home")).content.decode()
    return len(captured), page


class TestTheHomePagesQueries:
    def test_a_fixed_number_for_each_role_however_much_waits(self, client):
        now = timezone.now()
        mentee, mentor, _ = world(now)
        mentor_queries, mentor_page = count(client, mentor)
        mentee_queries, mentee_page = count(client, mentee)
        assert "would like a 20-minute intro" in mentor_page
        assert "Confirm your match with" in mentor_page
        assert "1 new message from" in mentor_page
        assert "Draft the charter" in mentee_page
        assert "waiting for an answer" in mentee_page
        assert (mentor_queries, mentee_queries) == (MENTOR, MENTEE)

        more(mentee, mentor, now)
        mentor_queries, mentor_page = count(client, mentor)
        mentee_queries, mentee_page = count(client, mentee)
        assert mentor_page.count("would like a 20-minute intro") == 4
        assert mentor_page.count("offered times to meet: pick one") == 3
        assert mentee_page.count("waiting for an answer") == 2
        assert (mentor_queries, mentee_queries) == (MENTOR, MENTEE)

    def test_someone_with_nothing_yet_costs_fewer(self, client, django_assert_num_queries):
        # No mentorship: no health to read; no program: no questions or matches.
        newcomer = ProfileFactory()
        client.force_login(newcomer.user)
        client.get(reverse("home"))
        with django_assert_num_queries(MENTEE - 6 - 2):
            page = client.get(reverse("home")).content.decode()
        assert "Nothing is waiting for you right now." in page


def test_the_home_pages_own_reads_are_compiled_once(client, monkeypatch):
    from django.db.models.sql.compiler import SQLCompiler

    now = timezone.now()
    _, mentor, _ = world(now)
    client.force_login(mentor.user)
    client.get(reverse("home"))
    compiled = []
    as_sql = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        compiled.append(self.query.model)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    client.get(reverse("home"))
    home_models = {"Ask", "Mentorship", "Agreement", "Meeting", "ActionItem", "Goal", "Message"}
    home_models |= {"Participant", "Question", "Match"}
    names = {model.__name__ for model in compiled if model is not None}
    assert "User" in names  # the signed-in person, read by Django's auth: the ORM was watched
    assert not names & home_models
