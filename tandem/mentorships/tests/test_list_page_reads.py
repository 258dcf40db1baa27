"""The inbox, one ask and the dashboards read their rows through SQL compiled once per process
(issue 14), as the columns their rows show, and show what reading whole rows showed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.sql.query import Query
from django.urls import reverse
from django.utils import timezone

from tandem.core.errors import NotFound
from tandem.core.templatetags.display import AVATAR_COLOURS, initials
from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.rules import agreement_current
from tandem.mentorships.selectors.asks import ask_for_user, ask_page_for, inbox_page_for
from tandem.mentorships.selectors.mentorships import dashboard_page_for
from tandem.mentorships.services.asks import ask_decline, ask_withdraw
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.sides import MENTEE, MENTOR
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, AskFactory, IntroFactory
from tandem.mentorships.wording import next_step
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory
from tandem.skills.models import Skill


def _second_call_compiles(read) -> list[Query]:
    """The queries compiled when `read` runs a second time."""
    read()
    with mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    ) as as_sql:
        read()
    return [call.args[0].query for call in as_sql.call_args_list]


@pytest.mark.django_db
class TestInboxRows:
    def test_a_second_inbox_compiles_none_of_its_reads_of_asks(self):
        person = MentorProfileFactory(is_mentee=True)
        AskFactory(mentor=person)
        ask_withdraw(ask=AskFactory(mentee=person), actor=person.user, now=NOW)
        compiled = _second_call_compiles(lambda: inbox_page_for(user=person.user))
        # The asks either way and the waiting mentees (the reasons' own reads are matching's).
        assert not [query for query in compiled if "mentorships_ask" in query.alias_map]

    def test_each_row_shows_the_other_side_the_state_and_the_day_in_the_viewers_timezone(self):
        person = MentorProfileFactory(is_mentee=True, job_title="Analyst")
        late = datetime(2026, 11, 2, 23, 30, tzinfo=UTC)  # already the 3rd in Tokyo
        received = AskFactory(mentor=person, now=late, intro_minutes=30)
        sent = AskFactory(mentee=person, now=NOW)
        other = MentorProfileFactory()
        ask_decline(ask=sent, actor=sent.mentor.user, now=NOW, reason="", refer_to=other)
        with timezone.override(ZoneInfo("Asia/Tokyo")):
            page = inbox_page_for(user=person.user)
        ((row, focus, _),), (answered,) = page.waiting, page.sent.decided
        mentee = received.mentee
        assert (row.pk, row.url, row.minutes, row.sent) == (
            received.pk, received.get_absolute_url(), 30, "3 Nov"
        )  # fmt: skip
        assert (row.name, row.other_id) == (mentee.user.display_name, mentee.pk)
        assert (row.initials, row.colour) == (
            initials(mentee.user.display_name), mentee.user.pk % AVATAR_COLOURS
        )  # fmt: skip
        assert row.facts == f"{mentee.job_title} · {mentee.organization.name}"
        assert focus == "Career advice"
        assert (answered.pk, answered.state, answered.state_label) == (
            sent.pk, "declined", "Declined"
        )  # fmt: skip
        assert answered.name == sent.mentor.user.display_name
        assert answered.sent == "2 Nov"
        assert (answered.referred_name, answered.referred_url) == (
            other.user.display_name, other.get_absolute_url()
        )  # fmt: skip
        assert row.referred_url == ""  # a suggestion is shown to the mentee who asked

    def test_the_page_shows_the_rows_with_the_reasons_and_the_suggestion(self, client):
        person = MentorProfileFactory(is_mentee=True)
        received = AskFactory(mentor=person)
        sent = AskFactory(mentee=person)
        other = MentorProfileFactory()
        ask_decline(ask=sent, actor=sent.mentor.user, now=NOW, reason="", refer_to=other)
        client.force_login(person.user)
        html = client.get(reverse("mentorships:inbox")).content.decode()
        name = received.mentee.user.display_name
        assert f'<a href="{received.get_absolute_url()}"><strong>{name}</strong></a>' in html
        assert f'aria-label="Why {name} fits"' in html
        assert '<span class="state-badge state-declined">Declined</span>' in html
        assert f'<a href="{other.get_absolute_url()}">{other.user.display_name}</a>' in html

    def test_a_mentee_only_person_reads_their_profile_and_their_asks_only(
        self, django_assert_num_queries
    ):
        mentee = ProfileFactory()
        AskFactory(mentee=mentee)
        inbox_page_for(user=mentee.user)
        with django_assert_num_queries(2):
            page = inbox_page_for(user=mentee.user)
        assert len(page.sent.waiting) == 1


@pytest.mark.django_db
class TestAskPageReads:
    def test_a_second_read_of_an_ask_compiles_nothing(self, django_assert_num_queries):
        mentorship = IntroFactory()
        ask = Ask.objects.select_related(
            "mentor__user", "mentee__user", "mentee__organization"
        ).get(pk=mentorship.ask_id)
        ask_for_user(ask_id=ask.pk, user=ask.mentor.user)
        with (
            mock.patch.object(SQLCompiler, "as_sql", autospec=True) as as_sql,
            django_assert_num_queries(1),
        ):
            found, sides = ask_for_user(ask_id=ask.pk, user=ask.mentee.user)
        assert as_sql.call_count == 0
        assert (found.pk, sides.role, sides.other.pk) == (ask.pk, MENTEE, ask.mentor.pk)
        # What the page and the writes read of it, with no further query.
        with django_assert_num_queries(0):
            assert found.mentor.user.email == ask.mentor.user.email
            assert found.mentee.organization.name == ask.mentee.organization.name
            assert found.mentorship.pk == mentorship.pk
            assert found.referred_to is None

    def test_the_mentors_page_compiles_none_of_its_reads_of_the_ask_and_skills_twice(self):
        ask = AskFactory()
        compiled = _second_call_compiles(
            lambda: ask_page_for(ask_id=ask.pk, user=ask.mentor.user, now=NOW)
        )
        # The ask and the mentee's wanted skills (the reasons' own reads are matching's).
        assert not {query.model for query in compiled} & {Ask, Skill}

    def test_strangers_get_not_found(self):
        ask = AskFactory()
        with pytest.raises(NotFound):
            ask_for_user(ask_id=ask.pk, user=ProfileFactory().user)

    def test_the_mentor_sees_the_mentees_skills_facts_and_where_each_form_goes(self):
        ask = AskFactory()
        mentee = ask.mentee
        mentee.skills_wanted.add(Skill.objects.get(slug="sql"), Skill.objects.get(slug="python"))
        page = ask_page_for(ask_id=ask.pk, user=ask.mentor.user, now=NOW)
        assert page.mentee is not None
        assert page.mentee.skills_wanted == "Python, SQL"  # as the skills order themselves
        level = mentee.get_level_display()
        assert page.mentee.facts == f"{mentee.job_title} · {mentee.organization.name} · {level}"
        assert page.mentee.url == mentee.get_absolute_url()
        paths = page.paths
        assert paths.accept == reverse("mentorships:ask_answer", args=[ask.pk, "accept"])
        assert paths.decline == reverse("mentorships:ask_answer", args=[ask.pk, "decline"])
        assert paths.withdraw == reverse("mentorships:ask_answer", args=[ask.pk, "withdraw"])
        assert paths.book == reverse("meetings:ask_book", args=[ask.pk])
        assert paths.report == reverse("mentorships:ask_report", args=[ask.pk])
        assert paths.messages == reverse("conversations:ask", args=[ask.pk])
        assert ask_page_for(ask_id=ask.pk, user=mentee.user, now=NOW).mentee is None

    def test_each_ask_offers_its_own_mentors_to_suggest_in_the_blank_decline_form(self, client):
        mentor = MentorProfileFactory(capacity=5)
        first, second = AskFactory(mentor=mentor), AskFactory(mentor=mentor)
        picks = {first.pk: [(101, "Ada — CTO")], second.pk: [(202, "Grace — Admiral")]}
        client.force_login(mentor.user)
        with mock.patch(
            "tandem.mentorships.selectors.asks._referral_choices", lambda ask: picks[ask.pk]
        ):
            pages = [client.get(ask.get_absolute_url()).content.decode() for ask in (first, second)]
            again = client.get(first.get_absolute_url()).content.decode()
        assert '<option value="101">Ada — CTO</option>' in pages[0]
        # The options by their words, not a first name alone: the factories' random names
        # (a "Jack Adams") may hold one.
        assert "Grace — Admiral" not in pages[0]
        assert '<option value="202">Grace — Admiral</option>' in pages[1]
        assert "Ada — CTO" not in pages[1]
        assert again == pages[0].replace(_csrf(pages[0]), _csrf(again))

    def test_a_refused_decline_shows_what_was_posted_and_why(self, client):
        ask = AskFactory()
        client.force_login(ask.mentor.user)
        with mock.patch(
            "tandem.mentorships.selectors.asks._referral_choices", return_value=[(101, "Ada")]
        ):
            client.get(ask.get_absolute_url())  # the blank form is kept
            posted = client.post(
                reverse("mentorships:ask_answer", args=[ask.pk, "decline"]),
                {"reason": "Too busy this month", "refer_to": "999999"},
            )
        html = posted.content.decode()
        assert posted.status_code == 400
        assert "Too busy this month</textarea>" in html
        assert "Select a valid choice" in html


def _csrf(html: str) -> str:
    marker = 'name="csrfmiddlewaretoken" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@pytest.mark.django_db
class TestDashboardRows:
    def test_a_second_dashboard_compiles_no_sql(self):
        mentorship = ActiveMentorshipFactory()
        user = mentorship.mentor.user
        dashboard_page_for(user=user, now=NOW)
        with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as as_sql:
            page = dashboard_page_for(user=user, now=NOW)
        assert as_sql.call_count == 0
        assert [row.pk for row in page.rows["mentees"]] == [mentorship.pk]

    def test_its_profile_and_every_mentorship_come_from_two_queries(
        self, django_assert_num_queries
    ):
        person = MentorProfileFactory(is_mentee=True, capacity=5)
        for _ in range(3):
            ActiveMentorshipFactory(mentor=person)
        IntroFactory(mentee=person)
        with django_assert_num_queries(2):
            page = dashboard_page_for(user=person.user, now=NOW)
        assert (len(page.rows["mentors"]), len(page.rows["mentees"])) == (1, 3)

    @pytest.mark.parametrize("days_later", [0, 340])  # within its term, then near its end
    def test_each_row_says_what_the_whole_mentorship_says(self, days_later):
        person = MentorProfileFactory(is_mentee=True, capacity=5)
        active = ActiveMentorshipFactory(mentor=person)
        paused = ActiveMentorshipFactory(mentor=person)
        mentorship_move(mentorship=paused, actor=person.user, to_state="paused", now=NOW)
        closed = IntroFactory(mentor=person)
        mentorship_move(mentorship=closed, actor=person.user, to_state="closed", now=NOW)
        intro = IntroFactory(mentee=person)
        now = NOW + timedelta(days=days_later)
        page = dashboard_page_for(user=person.user, now=now)
        rows = {row.pk: row for side in ("mentors", "mentees") for row in page.rows[side]}
        assert [row.pk for row in page.rows["mentees"]][-1] == closed.pk  # live ones first
        for mentorship, role in ((active, MENTOR), (paused, MENTOR), (closed, MENTOR),
                                 (intro, MENTEE)):  # fmt: skip
            whole = Mentorship.objects.get(pk=mentorship.pk)
            other = whole.mentee if role == MENTOR else whole.mentor
            row = rows[whole.pk]
            assert row.step == next_step(whole, role, now=now, current=agreement_current(whole))
            assert (row.state, row.state_label) == (whole.state, whole.get_state_display())
            assert (row.name, row.url) == (other.user.display_name, whole.get_absolute_url())
            assert row.colour == other.user.pk % AVATAR_COLOURS
        assert rows[active.pk].step.startswith(
            "The term ends" if days_later else "Meet every month"
        )

    def test_only_the_persons_own_mentorships(self):
        mine = IntroFactory()
        IntroFactory()
        page = dashboard_page_for(user=mine.mentee.user, now=NOW)
        assert [row.pk for row in page.rows["mentors"]] == [mine.pk]
        assert page.rows["mentees"] == []
