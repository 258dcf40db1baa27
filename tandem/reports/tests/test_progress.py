"""A person's own progress page: the numbers (counted here by hand), only their own
mentorships, nothing of anyone's private notes, and the same queries for one mentorship or six.

Everything is built through the services, at moments around NOW (2 November 2026); rows the
services stamp with the real clock (goal updates) are backdated where a month matters."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import cast

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.accounts.models import User
from tandem.core.tests.clock import NOW
from tandem.meetings.models import Meeting
from tandem.meetings.services import (
    action_item_add,
    action_item_update,
    meeting_feedback_give,
    note_add,
    thank_you_give,
)
from tandem.meetings.tests.factories import HeldMeetingFactory, backdate
from tandem.mentorships.models import Goal, Mentorship
from tandem.mentorships.services.feedback import feedback_give
from tandem.mentorships.services.goals import goal_update, learning_goal_add
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, IntroFactory
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory
from tandem.reports.selectors.progress import progress_for

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
TODAY = date(2026, 11, 30)  # the chart's twelve months: December 2025 to November 2026


def _held(mentorship: Mentorship, *, at: datetime) -> Meeting:
    """A meeting offered at `at`, held two days later (the factory's first slot)."""
    return cast(Meeting, HeldMeetingFactory(mentorship=mentorship, now=at))


def _after(meeting: Meeting) -> datetime:
    assert meeting.starts_at is not None
    return meeting.starts_at + timedelta(hours=1)


def _thank(meeting: Meeting, text: str) -> None:
    mentee = meeting.mentorship.mentee.user
    thank_you_give(meeting=meeting, actor=mentee, text=text, now=_after(meeting))


def _goal(mentorship: Mentorship, text: str) -> Goal:
    return mentorship.goals.get(text=text)


def _achieve(goal: Goal, actor: User, *, at: datetime, text: str = "Got there") -> None:
    update = goal_update(goal=goal, actor=actor, status="achieved", text=text, now=at)
    backdate(update, at)  # updates are stamped with the real clock


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _page(user: User) -> str:
    response = _client(user).get(reverse("reports:progress"))
    assert response.status_code == 200
    return response.content.decode()


def _mentor_of_three() -> tuple[Profile, dict[str, Mentorship]]:
    """A mentor (also a mentee of someone else) with three mentees:

    * Ada (active since 1 July): meetings held on 24 July and 27 September, thanked for both;
      one goal achieved (10 August), one in progress; the mentor's own learning goal achieved.
    * Bea (an intro): the intro held on 6 November, thanked for it.
    * Cy (an intro): nothing held yet.
    And as a mentee of Dee (active since 1 March): a meeting held on 12 March 2026, one held
    in October 2025 (out of the chart's twelve months), and an action item done on 5 October.
    """
    mentor = MentorProfileFactory(is_mentee=True, capacity=5, user__first_name="Mo")
    ada = ProfileFactory(user__first_name="Ada")
    bea = ProfileFactory(user__first_name="Bea")
    cy = ProfileFactory(user__first_name="Cy")
    dee = MentorProfileFactory(user__first_name="Dee")
    july = datetime(2026, 7, 1, 9, tzinfo=NOW.tzinfo)
    with_ada = ActiveMentorshipFactory(
        mentee=ada, mentor=mentor, now=july, goals=("Lead a project", "Speak up")
    )
    first, second = _held(with_ada, at=july + 21 * DAY), _held(with_ada, at=july + 86 * DAY)
    _thank(first, "Your question about scope changed my week.")
    _thank(second, "Thank you for the honest push.")
    august = datetime(2026, 8, 10, tzinfo=NOW.tzinfo)
    _achieve(_goal(with_ada, "Lead a project"), ada.user, at=august)
    goal_update(goal=_goal(with_ada, "Speak up"), actor=ada.user, status="progressing", now=NOW)
    learning = learning_goal_add(mentorship=with_ada, actor=mentor.user, text="Listen more")
    _achieve(learning, mentor.user, at=datetime(2026, 9, 1, tzinfo=NOW.tzinfo))

    with_bea = IntroFactory(mentee=bea, mentor=mentor, now=NOW)
    _thank(_held(with_bea, at=NOW + 2 * DAY), "A kind and useful first chat.")
    with_cy = IntroFactory(mentee=cy, mentor=mentor, now=NOW)

    october = datetime(2025, 10, 1, 9, tzinfo=NOW.tzinfo)
    with_dee = ActiveMentorshipFactory(mentee=mentor, mentor=dee, now=october)
    _held(with_dee, at=october + 2 * DAY)
    march = _held(with_dee, at=datetime(2026, 3, 10, 9, tzinfo=NOW.tzinfo))
    item = action_item_add(
        meeting=march, actor=mentor.user, text="Draft the plan", owner="mentee", now=_after(march)
    )
    action_item_update(
        item=item, actor=mentor.user, status="done", now=datetime(2026, 10, 5, tzinfo=NOW.tzinfo)
    )
    tried = action_item_add(
        meeting=march, actor=dee.user, text="Ask for feedback", owner="mentee", now=_after(march)
    )
    action_item_update(item=tried, actor=mentor.user, status="tried", now=_after(march))
    theirs = action_item_add(
        meeting=march, actor=dee.user, text="Send the article", owner="mentor", now=_after(march)
    )
    action_item_update(item=theirs, actor=dee.user, status="done", now=_after(march))
    pairs = {"ada": with_ada, "bea": with_bea, "cy": with_cy, "dee": with_dee}
    return cast(Profile, mentor), cast(dict[str, Mentorship], pairs)


class TestNumbers:
    def test_the_impact_of_a_mentors_help_counted_by_hand(self) -> None:
        mentor, _ = _mentor_of_three()
        impact = progress_for(user=mentor.user, today=TODAY).impact
        assert impact is not None
        assert impact.people_helped == 2  # Ada and Bea; Cy has not met yet
        assert impact.meetings == 3  # Dee's meetings are the mentor's as a mentee
        assert impact.goals_reached == 1  # the learning goal is the mentor's own
        assert impact.thanks == 3
        assert [note.text for note in impact.latest_thanks] == [
            "A kind and useful first chat.",
            "Thank you for the honest push.",
            "Your question about scope changed my week.",
        ]
        assert impact.latest_thanks[0].author.display_name.startswith("Bea")

    def test_each_mentorship_has_its_card_newest_first(self) -> None:
        mentor, pairs = _mentor_of_three()
        page = progress_for(user=mentor.user, today=TODAY)
        assert [card.mentorship for card in page.as_mentor] == [
            pairs["cy"], pairs["bea"], pairs["ada"],
        ]  # fmt: skip
        assert [card.mentorship for card in page.as_mentee] == [pairs["dee"]]
        ada = page.as_mentor[2]
        assert (ada.meetings_held, ada.goals_reached, len(ada.thanks)) == (2, 1, 2)
        assert [g.status for g in ada.goals] == ["achieved", "progressing", "achieved"]
        dee = page.as_mentee[0]
        assert dee.meetings_held == 2
        assert (dee.actions.done, dee.actions.tried, dee.actions.dropped, dee.actions.open) == (
            2, 1, 0, 0,
        )  # fmt: skip
        assert dee.thanks == []
        assert dee.thanks_sent == 0

    def test_the_last_twelve_months_counted_by_hand(self) -> None:
        mentor, _ = _mentor_of_three()
        chart = progress_for(user=mentor.user, today=TODAY).over_time
        assert chart.labels[0] == "Dec 2025"
        assert chart.labels[-1] == "Nov 2026"
        by_month = {row[0]: row[1:] for row in chart.table.rows}
        assert by_month["Mar 2026"] == [1, 0, 0]  # the meeting with Dee on 12 March
        assert by_month["Jul 2026"] == [1, 0, 0]  # Ada, 24 July
        assert by_month["Aug 2026"] == [0, 1, 0]  # Ada's goal
        assert by_month["Sep 2026"] == [1, 1, 0]  # Ada, 27 September; the learning goal
        assert by_month["Oct 2026"] == [0, 0, 1]  # only the mentor's own item done
        assert by_month["Nov 2026"] == [1, 0, 0]  # the intro with Bea
        assert sum(sum(cells) for cells in by_month.values()) == 7  # October 2025 is out
        assert chart.summary == (
            "In the last 12 months: 4 meetings held, 2 goals achieved and 1 action item of "
            "yours done."
        )

    def test_nothing_yet_shows_no_chart_rows_and_a_next_step(self) -> None:
        mentee = ProfileFactory()
        page = progress_for(user=mentee.user, today=TODAY)
        assert page.over_time.is_empty
        assert page.impact is None
        html = _page(mentee.user)
        assert "No mentorships yet" in html
        assert reverse("matching:recommendations") in html

    def test_a_mentor_without_mentees_sees_where_their_impact_will_show(self) -> None:
        mentor = MentorProfileFactory()
        page = progress_for(user=mentor.user, today=TODAY)
        assert page.impact is not None
        assert page.impact.people_helped == 0
        html = _page(mentor.user)
        assert "Once you hold your first meeting with a mentee" in html
        assert reverse("mentorships:inbox") in html


class TestOnlyTheirOwn:
    def test_a_mentee_sees_their_mentor_never_the_mentors_other_mentees(self) -> None:
        mentor, pairs = _mentor_of_three()
        ada = pairs["ada"].mentee.user
        bea_meeting = pairs["bea"].meetings.get()
        meeting_feedback_give(
            meeting=bea_meeting, actor=mentor.user, rating=5, helped="Bea-only words",
            now=_after(bea_meeting),
        )  # fmt: skip
        html = _page(ada)
        assert "Your question about scope changed my week." not in html  # to the mentor
        assert "You sent 2 thank-you notes." in html
        others = [pairs[k].mentee.user.display_name for k in ("bea", "cy")]
        others.append(pairs["dee"].mentor.user.display_name)
        for theirs in ("A kind and useful first chat.", "Bea-only words", *others):
            assert theirs not in html
        assert "The impact of your help" not in html
        assert pairs["ada"].get_absolute_url() in html
        assert pairs["bea"].get_absolute_url() not in html

    def test_strangers_and_their_words_never_appear(self) -> None:
        mentor, _ = _mentor_of_three()
        stranger = ActiveMentorshipFactory(
            mentee=ProfileFactory(user__first_name="Zed"), now=NOW - 30 * DAY
        )
        meeting = _held(stranger, at=NOW - 20 * DAY)
        _thank(meeting, "Thanks from a stranger")
        meeting_feedback_give(
            meeting=meeting, actor=stranger.mentor.user, rating=2, better="Words between strangers",
            now=_after(meeting),
        )  # fmt: skip
        html = _page(mentor.user)
        names = [stranger.mentee.user.display_name, stranger.mentor.user.display_name]
        for theirs in ("Thanks from a stranger", "Words between strangers", *names):
            assert theirs not in html
        assert "A kind and useful first chat." in html

    def test_feedback_shows_what_the_other_side_shared_and_only_a_rating_of_ones_own(self) -> None:
        mentor, pairs = _mentor_of_three()
        ada = pairs["ada"].mentee.user
        meeting = pairs["ada"].meetings.order_by("starts_at").first()
        assert meeting is not None
        meeting_feedback_give(
            meeting=meeting, actor=ada, rating=5, helped="You made scope click",
            appreciated="Your patience", better="More time", now=_after(meeting),
        )  # fmt: skip
        meeting_feedback_give(
            meeting=meeting, actor=mentor.user, rating=4, helped="My own words to Ada",
            now=_after(meeting),
        )  # fmt: skip
        html = _page(mentor.user)
        for shared in ("You made scope click", "Your patience", "More time"):
            assert shared in html
        assert "The meeting on 24 Jul 2026: you gave 4 out of 5." in html
        assert "My own words to Ada" not in html
        assert "My own words to Ada" in _page(ada)

    def test_the_review_of_a_whole_mentorship_shows_once_it_has_ended(self) -> None:
        mentor, pairs = _mentor_of_three()
        with_ada = pairs["ada"]
        ada = with_ada.mentee.user
        mentorship_move(mentorship=with_ada, actor=ada, to_state="closed", now=NOW)
        feedback_give(
            mentorship=with_ada, actor=ada, rating=5, appreciated="Ada's closing words", now=NOW
        )
        html = _page(mentor.user)
        assert "Ada&#x27;s closing words" in html
        assert "When the mentorship ended" in html
        assert "Ended." in html

    def test_no_private_note_ever_shows(self) -> None:
        mentor, pairs = _mentor_of_three()
        ada = pairs["ada"].mentee.user
        meeting = pairs["ada"].meetings.order_by("starts_at").first()
        assert meeting is not None
        for author in (ada, mentor.user):
            note_add(
                meeting=meeting, actor=author, text=f"Private from {author.pk}", is_private=True,
                now=_after(meeting),
            )  # fmt: skip
        for viewer in (ada, mentor.user):
            assert "Private from" not in _page(viewer)

    def test_anonymous_visitors_are_sent_to_sign_in(self) -> None:
        response = _client(None).get(reverse("reports:progress"))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_only_get(self) -> None:
        response = _client(ProfileFactory().user).post(reverse("reports:progress"))
        assert response.status_code == 405


class TestLinks:
    def test_the_menu_and_the_mentorships_dashboard_link_to_the_page(self) -> None:
        user = ProfileFactory().user
        url = reverse("reports:progress")
        dashboard = _client(user).get(reverse("mentorships:dashboard")).content.decode()
        assert dashboard.count(f'href="{url}"') == 2  # the menu and the page


class TestQueries:
    @staticmethod
    def _mentorships(person: Profile, *, mentees: int, mentors: int) -> None:
        """Mentorships with a bit of everything: a held meeting with a thank-you, feedback
        both ways and a private note, a goal update, an action item done."""
        pairs = [ActiveMentorshipFactory(mentee=ProfileFactory(), mentor=person, now=NOW)
                 for _ in range(mentees)]  # fmt: skip
        pairs += [ActiveMentorshipFactory(mentee=person, mentor=MentorProfileFactory(), now=NOW)
                  for _ in range(mentors)]  # fmt: skip
        for mentorship in pairs:
            meeting = _held(mentorship, at=NOW)
            at, mentee = _after(meeting), mentorship.mentee.user
            _thank(meeting, "Thanks")
            for side in (mentee, mentorship.mentor.user):
                meeting_feedback_give(meeting=meeting, actor=side, rating=4, helped="Yes", now=at)
                note_add(meeting=meeting, actor=side, text="Mine", is_private=True, now=at)
            goal_update(goal=mentorship.goals.first(), actor=mentee, status="achieved", now=at)
            item = action_item_add(meeting=meeting, actor=mentee, text="Do", owner="mentee", now=at)
            action_item_update(item=item, actor=mentee, status="done", now=at)

    def test_the_page_costs_the_same_queries_for_one_mentorship_or_six(self) -> None:
        one, six = (
            MentorProfileFactory(is_mentee=True),
            MentorProfileFactory(is_mentee=True, capacity=5),
        )
        self._mentorships(one, mentees=1, mentors=0)
        self._mentorships(six, mentees=3, mentors=3)
        counts = []
        for person in (one, six):
            client = _client(person.user)
            client.get(reverse("reports:progress"))  # the session and the menu settle
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse("reports:progress"))
            assert response.status_code == 200
            counts.append(len(queries.captured_queries))
        assert counts[0] == counts[1]
        assert counts[0] <= 20
