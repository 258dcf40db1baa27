"""Why each waiting mentee fits, on the mentor's inbox and an ask (issue 14): the waiting
mentees are read as the columns matching encodes, their lists in one query for them all, both
compiled once per process; each mentee keeps their own reasons."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.urls import reverse

from tandem.matching.engine.reasons import MENTOR
from tandem.matching.selectors import pair_reasons, pair_reasons_for_mentor
from tandem.mentorships.selectors.asks import _WAITING_MENTEES
from tandem.mentorships.tests.factories import AskFactory
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory, offer
from tandem.skills.models import Skill

INBOX = reverse("mentorships:inbox")
PROFILE_TABLES = {
    Profile,
    Profile.skills_wanted.through,
    Profile.languages.through,
    Profile.competitors.through,
}


@pytest.fixture
def mentor():
    """A mentor offering two skills at expert level, asked by three mentees who each want
    one of them, or nothing."""
    mentor = MentorProfileFactory(level=6)
    for slug in ("python", "team-leadership"):
        offer(mentor, slug, proficiency=4)
    for slugs in (["python"], ["team-leadership"], []):
        mentee = ProfileFactory(level=3)
        mentee.skills_wanted.add(*Skill.objects.filter(slug__in=slugs))
        AskFactory(mentee=mentee, mentor=mentor)
    return mentor


def _compiled_on_second_request(client, url: str) -> list:
    client.get(url)
    with mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    ) as as_sql:
        assert client.get(url).status_code == 200
    return [call.args[0].query for call in as_sql.call_args_list]


@pytest.mark.django_db
class TestTheReasonsOnTheInboxAndAnAsk:
    def test_the_inbox_costs_nine_queries(self, client, mentor, django_assert_num_queries):
        client.force_login(mentor.user)
        client.get(INBOX)  # builds the index
        # Session, user, own profile, the asks either way, the waiting mentees, the index's
        # look for changes, the mentees' lists (all of them), the menu, unread notices.
        with django_assert_num_queries(9):
            page = client.get(INBOX)
        assert len(page.context["waiting"]) == 3

    def test_an_ask_costs_the_deciding_mentor_eight_queries(
        self, client, mentor, django_assert_num_queries
    ):
        url = mentor.asks_received.order_by("id").first().get_absolute_url()
        client.force_login(mentor.user)
        client.get(url)  # builds the index, keeps the referral choices
        # Session, user, the ask, the index's look for changes, the mentee's lists, their
        # wanted skills by name, the menu, unread notices.
        with django_assert_num_queries(8):
            page = client.get(url)
        assert page.context["reasons"]

    def test_a_second_inbox_and_ask_compile_no_sql_for_the_mentees(self, client, mentor):
        client.force_login(mentor.user)
        ask = mentor.asks_received.order_by("id").first()
        for url in (INBOX, ask.get_absolute_url()):
            compiled = _compiled_on_second_request(client, url)
            assert not {query.model for query in compiled} & PROFILE_TABLES

    def test_each_waiting_mentee_has_their_own_reasons_as_on_their_ask(self, client, mentor):
        client.force_login(mentor.user)
        waiting = client.get(INBOX).context["waiting"]
        by_mentee = {row.other_id: reasons for row, _, reasons in waiting}
        python, leadership, nothing = (
            ask.mentee for ask in mentor.asks_received.select_related("mentee").order_by("id")
        )
        assert by_mentee[python.pk][0] == "Wants to learn Python, which you know at expert level"
        assert by_mentee[leadership.pk][0].startswith("Wants to learn Team leadership")
        assert not any("Wants to learn" in reason for reason in by_mentee[nothing.pk])
        for mentee in (python, leadership, nothing):
            said = pair_reasons(mentee=mentee, mentor=mentor, voice=MENTOR)
            assert by_mentee[mentee.pk] == [r[0].upper() + r[1:] for r in said[:2]]

    def test_the_waiting_mentees_columns_give_the_reasons_whole_profiles_give(
        self, mentor, django_assert_num_queries
    ):
        few = sorted(_WAITING_MENTEES.objects(mentor.pk), key=lambda p: p.pk)
        whole = list(Profile.objects.filter(pk__in=[p.pk for p in few]).order_by("pk"))
        expected = pair_reasons_for_mentor(mentor=mentor, mentees=whole, voice=MENTOR)
        with django_assert_num_queries(2):  # the index's look and the lists: nothing deferred
            found = pair_reasons_for_mentor(mentor=mentor, mentees=few, voice=MENTOR)
        assert found == expected
        assert len(found) == 3
