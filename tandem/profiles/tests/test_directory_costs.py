"""What the directory costs (issue 14): no DISTINCT over every column of the matching mentors,
and the timezone options worked out once for the whole site, not once per request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.profiles.directory.reads import DirectoryFilters, mentor_directory, mentor_timezones
from tandem.profiles.services import profile_update
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
    offer,
    speak,
)
from tandem.skills.models import Skill

URL = reverse("profiles:directory")


@pytest.mark.django_db
class TestManyValuedFilters:
    def test_a_mentor_offering_several_of_the_skills_is_listed_and_counted_once(self, mentee):
        both = MentorProfileFactory()
        offer(both, "python")
        offer(both, "sql")
        one = MentorProfileFactory()
        offer(one, "sql")
        skills = tuple(
            Skill.objects.filter(slug__in=["python", "sql"]).values_list("pk", flat=True)
        )
        mentors = mentor_directory(
            viewer=mentee.user, filters=DirectoryFilters(skill_any_of=skills)
        )
        assert sorted(p.pk for p in mentors) == sorted([both.pk, one.pk])
        assert mentors.count() == 2

    def test_no_query_sorts_whole_mentor_rows_to_drop_repeats(self, mentee_client):
        for _ in range(3):
            mentor = MentorProfileFactory()
            offer(mentor, "python")
            speak(mentor, "en", "es")
        with CaptureQueriesContext(connection) as captured:
            response = mentee_client.get(URL, {"skill": "python", "language": "es"})
        assert len(response.context["page"].object_list) == 3
        assert response.context["page"].paginator.count == 3
        whole_rows = 'DISTINCT "profiles_profile"."id"'  # the page's rows, or its count's
        assert not [q["sql"] for q in captured.captured_queries if whole_rows in q["sql"]]


@pytest.mark.django_db
class TestPagePickedByIds:
    def test_a_later_page_keeps_the_order_and_reads_card_values_only_for_its_mentors(
        self, mentee_client, settings
    ):
        settings.TANDEM_DIRECTORY_PAGE_SIZE = 4
        names = [f"M{i:02d}" for i in range(10)]
        for name in reversed(names):
            MentorProfileFactory(user__first_name=name)
        MentorProfileFactory(user__first_name="A-paused", is_paused=True)  # after the rest
        with CaptureQueriesContext(connection) as captured:
            response = mentee_client.get(URL, {"page": "3"})
        page = response.context["page"]
        assert [card.name.split()[0] for card in page.object_list] == ["M08", "M09", "A-paused"]
        assert page.paginator.count == 11
        sqls = [q["sql"] for q in captured.captured_queries]
        # No query reads whole rows; the sort that picks the page carries no card columns;
        # the page's three are read by id, as the values their cards show.
        assert not [sql for sql in sqls if '"profiles_profile"."bio"' in sql]
        card_reads = [sql for sql in sqls if '"profiles_profile"."headline"' in sql]
        assert not [sql for sql in card_reads if '"accounts_user"."first_name" ASC' in sql]
        assert [sql for sql in card_reads if '"profiles_profile"."id" = ' in sql]


@pytest.mark.django_db
class TestTimezoneOptions:
    def test_options_are_worked_out_once_for_everyone(self, mentee, django_assert_num_queries):
        MentorProfileFactory(timezone="Asia/Tokyo")
        MentorProfileFactory(timezone="Europe/Paris")
        assert mentor_timezones(viewer=mentee.user) == ["Asia/Tokyo", "Europe/Paris"]
        someone_else = ProfileFactory()
        with django_assert_num_queries(0):
            assert mentor_timezones(viewer=someone_else.user) == ["Asia/Tokyo", "Europe/Paris"]

    def test_a_mentor_changing_timezone_shows_at_once(self, mentee):
        mentor = MentorProfileFactory(timezone="Asia/Tokyo")
        assert mentor_timezones(viewer=mentee.user) == ["Asia/Tokyo"]
        profile_update(profile=mentor, fields={"timezone": "America/Chicago"})
        assert mentor_timezones(viewer=mentee.user) == ["America/Chicago"]

    def test_hidden_unfinished_switched_off_and_mentee_profiles_give_no_option(self, mentee):
        MentorProfileFactory(timezone="Asia/Tokyo", visibility="hidden")
        MentorProfileFactory(timezone="Asia/Kolkata", onboarded_at=None)
        MentorProfileFactory(timezone="Africa/Lagos", user__is_active=False)
        ProfileFactory(timezone="America/Lima")
        MentorProfileFactory(timezone="Europe/Paris")
        assert mentor_timezones(viewer=mentee.user) == ["Europe/Paris"]

    def test_an_organization_only_mentor_gives_an_option_to_insiders_alone(self):
        acme = OrganizationFactory(name="Acme", slug="acme", email_domain="acme.example")
        MentorProfileFactory(timezone="Asia/Tokyo", visibility="organization", organization=acme)
        MentorProfileFactory(timezone="Europe/Paris")
        colleague = ProfileFactory(user__email="kim@acme.example")
        outsider = ProfileFactory(user__email="eve@elsewhere.example", organization=acme)
        assert mentor_timezones(viewer=colleague.user) == ["Asia/Tokyo", "Europe/Paris"]
        assert mentor_timezones(viewer=outsider.user) == ["Europe/Paris"]

    def test_the_page_offers_them(self, mentee_client):
        MentorProfileFactory(timezone="Asia/Tokyo")
        page = mentee_client.get(URL).content.decode()
        assert 'value="Asia/Tokyo"' in page
