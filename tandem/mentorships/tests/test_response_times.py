"""How quickly a mentor usually answers: the median over their last answered asks (three at
least), on the mentor cards, read for a whole list in one query."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.matching.index import mentor_index_clear
from tandem.mentorships.selectors.responsiveness import mentor_response_times
from tandem.mentorships.services.asks import ask_accept, ask_decline, ask_withdraw
from tandem.mentorships.tests.factories import AskFactory
from tandem.profiles.responsiveness import response_time_words, response_words_for
from tandem.profiles.tests.factories import MentorProfileFactory, offer, speak
from tandem.skills.models import Skill

HOUR, DAY = timedelta(hours=1), timedelta(days=1)


def answer(mentor, waits, *, now, accept_first=False):
    """One ask per wait from a new mentee, answered that long after it was sent; the first
    wait is the most recent answer."""
    for i, wait in enumerate(waits):
        sent = now - (i + 1) * 20 * DAY
        ask = AskFactory(mentor=mentor, now=sent)
        if accept_first and i == 0:
            ask_accept(ask=ask, actor=mentor.user, now=sent + wait)
        else:
            ask_decline(ask=ask, actor=mentor.user, now=sent + wait)


@pytest.mark.django_db
class TestResponseTimes:
    def test_the_typical_time_is_the_median_of_the_answers_yes_or_no(self, mentor, now):
        answer(mentor, [2 * HOUR, DAY, 3 * DAY], now=now, accept_first=True)
        assert mentor_response_times([mentor.pk]) == {mentor.pk: DAY}

    def test_with_an_even_number_of_answers_it_is_halfway_between_the_middle_two(self, mentor, now):
        answer(mentor, [HOUR, 2 * DAY, 4 * DAY, 6 * DAY], now=now)
        assert mentor_response_times([mentor.pk]) == {mentor.pk: 3 * DAY}

    def test_fewer_than_three_answers_say_nothing(self, mentor, now):
        answer(mentor, [HOUR, 2 * HOUR], now=now)
        assert mentor_response_times([mentor.pk]) == {}

    def test_asks_withdrawn_by_the_mentee_are_not_answers(self, mentor, now):
        answer(mentor, [HOUR, 2 * HOUR], now=now)
        taken_back = AskFactory(mentor=mentor, now=now - DAY)
        ask_withdraw(ask=taken_back, actor=taken_back.mentee.user, now=now)
        assert mentor_response_times([mentor.pk]) == {}

    def test_only_the_ten_most_recent_answers_count(self, mentor, now):
        # Slow years ago, quick lately: the card should say how they answer now.
        answer(mentor, [HOUR] * 10 + [9 * DAY] * 11, now=now)
        assert mentor_response_times([mentor.pk]) == {mentor.pk: HOUR}

    def test_each_mentor_gets_their_own_time_from_one_query(self, now, django_assert_num_queries):
        quick, slow, new = MentorProfileFactory(), MentorProfileFactory(), MentorProfileFactory()
        answer(quick, [HOUR] * 3, now=now)
        answer(slow, [5 * DAY] * 4, now=now)
        with django_assert_num_queries(1):
            times = mentor_response_times([quick.pk, slow.pk, new.pk])
        assert times == {quick.pk: HOUR, slow.pk: 5 * DAY}

    def test_its_sql_is_compiled_once_for_any_number_of_mentors(self, now):
        mentors = MentorProfileFactory.create_batch(3)
        for mentor in mentors:
            answer(mentor, [DAY] * 3, now=now)
        mentor_response_times([mentors[0].pk])
        with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as as_sql:
            times = mentor_response_times([m.pk for m in mentors])
        assert as_sql.call_count == 0
        assert times == {m.pk: DAY for m in mentors}

    def test_an_empty_list_costs_nothing(self, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert response_words_for(mentor_ids=[]) == {}

    @pytest.mark.parametrize(
        ("typical", "words"),
        [
            (3 * HOUR, "Usually answers within a day"),
            (DAY, "Usually answers within a day"),
            (DAY + HOUR, "Usually answers within 2 days"),
            (6 * DAY, "Usually answers within 6 days"),
            (7 * DAY, "Usually answers within a week"),
            (10 * DAY, "Usually answers within 2 weeks"),
        ],
    )
    def test_the_card_says_it_in_days_or_weeks_rounded_up(self, typical, words):
        assert response_time_words(typical) == words


@pytest.fixture
def market(mentee, now):
    """A mentee who wants Python, and three mentors who teach it: two answer quickly."""
    mentor_index_clear()
    mentee.skills_wanted.add(Skill.objects.get(slug="python"))
    speak(mentee, "en")
    mentors = []
    for first_name in ("Ines", "Omar", "Lena"):
        mentor = MentorProfileFactory(user__first_name=first_name, level=mentee.level + 3)
        offer(mentor, "python")
        speak(mentor, "en")
        mentors.append(mentor)
    answer(mentors[0], [2 * DAY] * 3, now=now)
    answer(mentors[1], [5 * HOUR] * 3, now=now)
    yield mentee
    mentor_index_clear()


@pytest.mark.django_db
class TestOnTheRecommendationCards:
    def test_a_mentor_who_answered_a_few_asks_shows_how_quickly(self, client, market):
        client.force_login(market.user)
        body = client.get(reverse("matching:recommendations")).content.decode()
        assert body.count("Usually answers within 2 days") == 1
        assert body.count("Usually answers within a day") == 1
        assert body.count("Usually answers") == 2  # Lena has not answered any yet

    def test_the_times_cost_one_query_for_the_whole_list(self, client, market, now):
        client.force_login(market.user)
        url = reverse("matching:recommendations")
        client.get(url)  # the mentor index is built and cached on the first visit
        with CaptureQueriesContext(connection) as three:
            client.get(url)
        for name in ("Ana", "Ben"):  # five mentors in all: every one is on the page
            mentor = MentorProfileFactory(user__first_name=name, level=market.level + 3)
            offer(mentor, "python")
            speak(mentor, "en")
            answer(mentor, [DAY] * 3, now=now)
        mentor_index_clear()
        client.get(url)
        with CaptureQueriesContext(connection) as five:
            body = client.get(url).content.decode()
        assert body.count("Usually answers") == 4
        assert len(five.captured_queries) == len(three.captured_queries)


@pytest.mark.django_db
class TestOnTheDirectoryCards:
    def test_a_mentor_who_answered_a_few_asks_shows_how_quickly(self, mentee_client, now):
        quick, new = MentorProfileFactory(), MentorProfileFactory()
        answer(quick, [3 * HOUR] * 3, now=now)
        body = mentee_client.get(reverse("profiles:directory")).content.decode()
        assert body.count("Usually answers within a day") == 1
        assert new.user.display_name in body

    def test_the_page_reads_every_mentors_time_in_one_query(self, mentee_client, now, settings):
        settings.TANDEM_DIRECTORY_PAGE_SIZE = 20
        url = reverse("profiles:directory")
        mentee_client.get(url)  # the session learns the viewer's timezone once; count after
        for _ in range(2):
            answer(MentorProfileFactory(), [DAY] * 3, now=now)
        with CaptureQueriesContext(connection) as two:
            assert mentee_client.get(url).content.decode().count("Usually answers") == 2
        for _ in range(6):
            answer(MentorProfileFactory(), [2 * DAY] * 3, now=now)
        with CaptureQueriesContext(connection) as eight:
            assert mentee_client.get(url).content.decode().count("Usually answers") == 8
        assert len(eight.captured_queries) == len(two.captured_queries)
