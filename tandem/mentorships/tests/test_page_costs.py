"""What the ask and mentorship pages cost (issue 14): a fixed number of queries however many
rows they show, each thing read once, and the person's mentorships found through the indexed
columns of their profile id."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.forms import BoundField
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.mentorships import rules
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.selectors.mentorships import mentorships_of
from tandem.mentorships.services.asks import ask_decline, ask_withdraw
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, AskFactory, IntroFactory
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

INBOX = reverse("mentorships:inbox")


def _main_table(sql: str) -> str:
    """The table a query reads first (its outermost FROM)."""
    return sql.split(" FROM ", 1)[1].split(" ", 1)[0] if " FROM " in sql else ""


def _asks_both_ways(person, n: int, *, sent_waiting: int = 1) -> None:
    """n asks waiting for `person` and n answered each way, and `sent_waiting` they sent (a
    mentee may have only a few waiting at once)."""
    now = timezone.now()
    for _ in range(n):
        AskFactory(mentor=person, now=now)
        mine = AskFactory(mentor=person, now=now)
        ask_decline(ask=mine, actor=person.user, now=now)
        theirs = AskFactory(mentee=person, now=now)
        ask_withdraw(ask=theirs, actor=person.user, now=now)
    for _ in range(sent_waiting):
        AskFactory(mentee=person, now=now)


@pytest.mark.django_db
class TestInbox:
    def test_both_ways_and_the_answers_cost_the_same_for_2_or_6_of_each(
        self, client, django_assert_max_num_queries
    ):
        person = MentorProfileFactory(is_mentee=True)
        _asks_both_ways(person, 2)
        client.force_login(person.user)
        client.get(INBOX)  # builds the mentor index and learns the timezone
        with django_assert_max_num_queries(20) as few:
            client.get(INBOX)
        allowed = len(few.captured_queries)  # read now: the next request clears the log
        _asks_both_ways(person, 4)
        client.get(INBOX)  # the new mentees and mentors change the mentor index: build it
        with django_assert_max_num_queries(allowed):
            page = client.get(INBOX)
        assert len(page.context["received"].waiting) == 6
        assert len(page.context["received"].decided) == 6
        assert len(page.context["sent"].waiting) == 2
        assert len(page.context["sent"].decided) == 6

    def test_every_ask_on_the_page_comes_from_one_query(self, client):
        person = MentorProfileFactory(is_mentee=True)
        _asks_both_ways(person, 2)
        client.force_login(person.user)
        client.get(INBOX)
        with CaptureQueriesContext(connection) as captured:
            client.get(INBOX)
        reads = [
            q for q in captured.captured_queries if _main_table(q["sql"]) == '"mentorships_ask"'
        ]
        assert len(reads) == 1

    def test_only_the_latest_answers_each_way_and_in_their_order(self, client):
        person = MentorProfileFactory(is_mentee=True)
        _asks_both_ways(person, 3, sent_waiting=3)
        client.force_login(person.user)
        with mock.patch("tandem.mentorships.selectors.asks.RECENT_DECIDED", 2):
            page = client.get(INBOX)
        for inbox in (page.context["received"], page.context["sent"]):
            assert len(inbox.waiting) == 3
            assert [a.pk for a in inbox.waiting] == sorted(a.pk for a in inbox.waiting)
            assert len(inbox.decided) == 2
            assert [a.pk for a in inbox.decided] == sorted(
                (a.pk for a in inbox.decided), reverse=True
            )

    def test_a_mentee_only_person_has_no_received_list(self, client):
        mentee = ProfileFactory()
        AskFactory(mentee=mentee)
        client.force_login(mentee.user)
        page = client.get(INBOX)
        assert page.context["received"] is None
        assert len(page.context["sent"].waiting) == 1


@pytest.mark.django_db
class TestAskPage:
    def test_the_mentor_deciding_costs_the_same_however_busy_they_are(
        self, client, django_assert_max_num_queries
    ):
        mentor = MentorProfileFactory(capacity=10)
        ask = AskFactory(mentor=mentor)
        url = ask.get_absolute_url()
        client.force_login(mentor.user)
        client.get(url)
        with django_assert_max_num_queries(40) as few:
            client.get(url)
        allowed = len(few.captured_queries)  # read now: the next request clears the log
        for _ in range(3):
            AskFactory(mentor=mentor)
            IntroFactory(mentor=mentor)
        client.get(url)  # the new people change the mentor index: build it
        with django_assert_max_num_queries(allowed):
            assert client.get(url).status_code == 200

    def test_whether_the_mentor_is_full_is_read_from_their_profile_not_counted(self, client):
        mentor = MentorProfileFactory(capacity=1)
        ask = AskFactory(mentor=mentor)
        IntroFactory(mentor=mentor)  # takes the one place (the services note it on the profile)
        client.force_login(mentor.user)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(ask.get_absolute_url())
        assert page.context["full"] is True
        counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"]]
        assert not [sql for sql in counts if _main_table(sql) == '"mentorships_mentorship"']


@pytest.mark.django_db
class TestAskForm:
    """The mentee's ask form: whether they may ask is read in one query a table."""

    def _tables(self, client, url) -> list[str]:
        client.get(url)  # learns the timezone, builds the mentor index
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return [_main_table(q["sql"]) for q in captured.captured_queries]

    def test_the_rules_read_the_mentorships_and_the_asks_once_each(self, client):
        mentee, mentor = ProfileFactory(), MentorProfileFactory(capacity=3)
        IntroFactory(mentor=mentor)
        client.force_login(mentee.user)
        tables = self._tables(client, reverse("mentorships:ask_new", args=[mentor.pk]))
        assert tables.count('"mentorships_mentorship"') == 1  # together, and places held
        # The ask already waiting, if any (the page links to it instead); then one count of
        # waiting here, waiting anywhere and turned down here.
        assert tables.count('"mentorships_ask"') == 2
        assert tables.count('"accounts_user"') == 1  # the signed-in person, once
        lists = {'"profiles_skilloffered"', '"skills_skill"', '"profiles_language"'}
        assert not lists & set(tables)  # the form shows who the mentor is, not their lists

    def test_its_reads_are_compiled_once(self, client):
        mentee, mentor = ProfileFactory(), MentorProfileFactory(capacity=3)
        client.force_login(mentee.user)
        url = reverse("mentorships:ask_new", args=[mentor.pk])
        client.get(url)
        with mock.patch.object(
            SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
        ) as as_sql:
            page = client.get(url)
        assert page.context["mentor"] == mentor
        models = [call.args[0].query.model for call in as_sql.call_args_list]
        # The mentee's own profile, the mentor's, whether it is listed, the places held.
        assert not {Profile, Mentorship} & set(models)
        assert models.count(Ask) == 1  # the ask already waiting, if any; the rules' count is not

    def test_its_blank_fields_are_rendered_once_and_a_posted_form_each_time(self, client):
        mentee, mentor = ProfileFactory(), MentorProfileFactory(capacity=3)
        client.force_login(mentee.user)
        url = reverse("mentorships:ask_new", args=[mentor.pk])
        first = client.get(url).content.decode()
        with mock.patch.object(
            BoundField, "as_field_group", autospec=True, side_effect=BoundField.as_field_group
        ) as rendered:
            again = client.get(url).content.decode()
            assert rendered.call_count == 0
            posted = client.post(url, {"note": "", "intro_minutes": "20"})
            assert rendered.call_count > 0
        token = re.compile(r"[A-Za-z0-9]{64}")  # CSRF tokens differ on every page
        assert token.sub("T", again) == token.sub("T", first)
        assert "Pick at least one thing to talk about." in posted.content.decode()

    def test_a_broken_rule_is_still_said_first_come_first_said(self, client):
        mentee, mentor = ProfileFactory(), MentorProfileFactory(capacity=1)
        IntroFactory(mentee=mentee, mentor=mentor)  # together, and the one place taken
        client.force_login(mentee.user)
        page = client.get(reverse("mentorships:ask_new", args=[mentor.pk]))
        assert page.context["reason"] == "You already have a mentorship with this mentor."


@pytest.mark.django_db
class TestMentorshipPage:
    def test_the_agreement_versions_are_read_once_for_what_is_in_force_and_once_for_a_proposal(
        self, client
    ):
        mentorship = ActiveMentorshipFactory()
        client.force_login(mentorship.mentee.user)
        with mock.patch.object(rules, "_versions", wraps=rules._versions) as versions:
            page = client.get(mentorship.get_absolute_url())
        assert page.status_code == 200
        assert page.context["current"] is not None
        # The agreement in force, then the proposal: the next step and the renewal and term
        # review windows are worked out from the first, not read again.
        assert versions.call_count == 2


@pytest.mark.django_db
class TestHealthPartial:
    def test_lists_the_live_mentorships_of_either_side_and_no_one_elses(self, client):
        person = MentorProfileFactory(is_mentee=True, capacity=5)
        as_mentor = ActiveMentorshipFactory(mentor=person)
        as_mentee = ActiveMentorshipFactory(mentee=person)
        ActiveMentorshipFactory()
        IntroFactory(mentor=person)  # not live enough to have a health
        client.force_login(person.user)
        rows = client.get(reverse("meetings:health")).context["rows"]
        assert {row.mentorship.pk for row in rows} == {as_mentor.pk, as_mentee.pk}


@pytest.mark.django_db
class TestMentorshipsOf:
    def test_either_side_and_nobody_else(self):
        person = MentorProfileFactory(is_mentee=True, capacity=5)
        as_mentor = IntroFactory(mentor=person)
        as_mentee = IntroFactory(mentee=person)
        IntroFactory()
        found = set(
            Mentorship.objects.filter(mentorships_of(person.user)).values_list("pk", flat=True)
        )
        assert found == {as_mentor.pk, as_mentee.pk}

    def test_the_profile_id_is_compared_with_each_sides_own_column(self):
        person = ProfileFactory()
        sql = str(Mentorship.objects.filter(mentorships_of(person.user)).query)
        # Each side's indexed column against a one-row subquery: no join to profiles whose
        # user_id the OR would have to test row by row.
        assert '"mentorships_mentorship"."mentee_id" = (SELECT' in sql
        assert '"mentorships_mentorship"."mentor_id" = (SELECT' in sql
        assert "JOIN" not in sql
