"""The home page answers "what now?" for each role, from what is really waiting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.meetings.models import Meeting
from tandem.meetings.services import action_item_add
from tandem.meetings.tests.factories import (
    ProposedMeetingFactory,
    ScheduledMeetingFactory,
    backdate,
    meeting_row,
)
from tandem.mentorships.services.agreements import agreement_propose
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, AskFactory, IntroFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

DAY = timedelta(days=1)


def home(client, profile) -> str:
    client.force_login(profile.user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
class TestForAMentor:
    def test_requests_waiting_show_with_the_day_they_lapse(self, client):
        now = timezone.now()
        ask = AskFactory(now=now - 3 * DAY)
        page = home(client, ask.mentor)
        assert f"{ask.mentee.user.display_name}</strong> would like a 20-minute intro" in page
        assert f"lapses {(ask.sent_at + 14 * DAY):%-d %b}" in page
        assert "1 thing is waiting for you." in page

    def test_an_agreement_to_answer_is_waiting_for_the_mentor_only(self, client):
        mentorship = IntroFactory(now=timezone.now() - DAY, intro_held=True)
        agreement_propose(
            mentorship=mentorship, actor=mentorship.mentee.user, goals=["Lead", "Write"],
            cadence="1m", meeting_minutes=45, now=timezone.now(),
        )  # fmt: skip
        assert "An agreement from" in home(client, mentorship.mentor)
        assert "An agreement from" not in home(client, mentorship.mentee)


@pytest.mark.django_db
class TestForAMentee:
    def test_each_waiting_ask_says_when_we_remind_and_when_it_lapses(self, client):
        now = timezone.now()
        ask = AskFactory(now=now - 2 * DAY)
        page = home(client, ask.mentee)
        assert f"To {ask.mentor.user.display_name}: waiting for an answer" in page
        assert f"we remind them once on {(ask.sent_at + 7 * DAY):%-d %b}" in page
        assert f"lapses {(ask.sent_at + 14 * DAY):%-d %b} without an answer" in page

    def test_a_recent_no_leads_to_other_mentors(self, client):
        from tandem.mentorships.services.asks import ask_decline

        ask = AskFactory(now=timezone.now() - DAY)
        ask_decline(ask=ask, actor=ask.mentor.user, now=timezone.now())
        page = home(client, ask.mentee)
        assert f"{ask.mentor.user.display_name} can't take it on: see who else fits" in page

    def test_times_offered_by_the_other_side_wait_for_a_pick(self, client):
        meeting = ProposedMeetingFactory(now=timezone.now())  # offered by the mentee
        other = meeting.mentorship.mentee.user.display_name
        assert f"{other} offered times to meet: pick one" in home(client, meeting.mentorship.mentor)
        assert "offered times to meet" not in home(client, meeting.mentorship.mentee)


@pytest.mark.django_db
class TestForBoth:
    def test_the_next_meeting_and_one_to_mark_held(self, client):
        now = timezone.now()
        upcoming = ScheduledMeetingFactory(now=now)
        mentorship = upcoming.mentorship
        meeting_row(mentorship, Meeting.State.SCHEDULED, now - 2 * DAY)
        page = home(client, mentorship.mentee)
        assert "Coming up" in page
        assert f"with {mentorship.mentor.user.display_name}" in page
        assert "Mark it held or missed" in page

    def test_action_items_due_this_week_are_the_owners_to_report(self, client):
        now = timezone.now()
        meeting = ScheduledMeetingFactory(mentorship=ActiveMentorshipFactory(now=now), now=now)
        mentee = meeting.mentorship.mentee
        action_item_add(
            meeting=meeting, actor=mentee.user, text="Draft the team charter", owner="mentee",
            due_on=(now + 3 * DAY).date(), now=now,
        )  # fmt: skip
        assert "Draft the team charter" in home(client, mentee)
        assert "Draft the team charter" not in home(client, meeting.mentorship.mentor)

    def test_goals_gone_quiet_and_a_slipping_mentorship_are_worth_a_look(self, client):
        now = timezone.now()
        mentorship = ActiveMentorshipFactory(now=now - 80 * DAY)
        for goal in mentorship.goals.all():
            backdate(goal, now - 80 * DAY)
        page = home(client, mentorship.mentee)
        assert "Worth a look" in page
        assert f"Where does “{mentorship.goals.first().text}” stand?" in page
        assert "needs attention" in page or "at risk" in page

    def test_nothing_waiting_says_so(self, client):
        assert "Nothing is waiting for you right now." in home(client, ProfileFactory())

    def test_other_peoples_things_never_show(self, client):
        ask = AskFactory(now=timezone.now())
        stranger = MentorProfileFactory(is_mentee=True)
        page = home(client, stranger)
        assert ask.mentee.user.display_name not in page
        assert ask.mentor.user.display_name not in page


@pytest.mark.django_db
def test_the_home_page_costs_the_same_queries_however_much_waits(
    client, django_assert_max_num_queries
):
    now = timezone.now()
    mentor = MentorProfileFactory(is_mentee=True, capacity=10)
    AskFactory(mentor=mentor, now=now - DAY)
    ScheduledMeetingFactory(mentorship=IntroFactory(mentor=mentor, now=now), now=now)
    client.force_login(mentor.user)
    client.get(reverse("home"))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("home"))
    for _ in range(3):
        AskFactory(mentor=mentor, now=now - DAY)
        ScheduledMeetingFactory(mentorship=IntroFactory(mentor=mentor, now=now), now=now)
        ProposedMeetingFactory(mentorship=IntroFactory(mentor=mentor, now=now), now=now)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("home")).content.decode()
    assert page.count("would like a 20-minute intro") == 4
    assert page.count("offered times to meet: pick one") == 3


@pytest.mark.django_db
def test_the_home_page_reads_the_persons_account_and_profile_once(client):
    mentor = MentorProfileFactory(is_mentee=True)
    IntroFactory(mentor=mentor)
    client.force_login(mentor.user)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("home"))
    reads = [(q["sql"].split(" FROM ", 1)[-1].split(" ", 1)[0], q["sql"]) for q in captured]
    assert [table for table, _ in reads].count('"accounts_user"') == 1  # the session's user
    # The whole profile row (the greeting, the completeness check): read once, not again by
    # the page's selector after the view has read it.
    profiles = [sql for table, sql in reads if table == '"profiles_profile"' and '"bio"' in sql]
    assert len(profiles) == 1


@pytest.mark.django_db
def test_new_messages_wait_on_the_home_page_until_read(client):
    from tandem.conversations.tests.factories import MessageFactory

    now = timezone.now()
    ask = AskFactory(now=now - DAY)
    MessageFactory(about=ask, author=ask.mentee.user, text="One more thing: Tuesdays suit me.")
    page = home(client, ask.mentor)
    assert f"1 new message from {ask.mentee.user.display_name}" in page
    assert f"new message from {ask.mentor.user.display_name}" not in home(client, ask.mentee)
    client.force_login(ask.mentor.user)
    client.get(reverse("conversations:ask", args=[ask.pk]))  # reading the thread
    assert "new message from" not in home(client, ask.mentor)
