import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
    offer,
    speak,
)

URL = reverse("profiles:directory")


def _names(response) -> list[str]:
    return [card.name for card in response.context["page"].object_list]


def _queries_for_page(client, n_new: int, n_shown: int) -> int:
    for _ in range(n_new):
        mentor = MentorProfileFactory()
        offer(mentor, "python")
        offer(mentor, "team-leadership")
        speak(mentor, "en", "fr")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert len(response.context["page"].object_list) == n_shown
    return len(ctx.captured_queries)


@pytest.mark.django_db
class TestDirectoryQueries:
    def test_query_count_does_not_grow_with_the_rows_shown(self, client, mentee, settings):
        settings.TANDEM_DIRECTORY_PAGE_SIZE = 20
        client.force_login(mentee.user)
        client.get(URL)  # the session learns the viewer's timezone once; measure after that
        with_two = _queries_for_page(client, 2, 2)
        with_twenty = _queries_for_page(client, 18, 20)
        assert with_two == with_twenty
        assert with_twenty <= 14

    def test_the_htmx_partial_is_as_cheap(self, client, mentee, django_assert_max_num_queries):
        client.force_login(mentee.user)
        for _ in range(5):
            offer(MentorProfileFactory(), "python")
        with django_assert_max_num_queries(14):
            response = client.get(URL, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="directory-results")
        assert response.content.decode().lstrip().startswith('<section id="directory-results"')


@pytest.mark.django_db
class TestDirectoryFilters:
    def test_a_skill_synonym_finds_mentors_offering_that_skill(self, mentee_client):
        leader = MentorProfileFactory(user__first_name="Lena")
        offer(leader, "team-leadership")
        coder = MentorProfileFactory(user__first_name="Carl")
        offer(coder, "python")
        response = mentee_client.get(URL, {"skill": "people management"})
        assert [n.split()[0] for n in _names(response)] == ["Lena"]
        assert "Showing mentors who offer" in response.content.decode()

    def test_a_partly_typed_skill_shows_mentors_with_close_matches(self, mentee_client):
        pythonista = MentorProfileFactory()
        offer(pythonista, "python")
        offer(MentorProfileFactory(), "public-speaking")
        response = mentee_client.get(URL, {"skill": "pyth"})
        assert [p.pk for p in response.context["page"].object_list] == [pythonista.pk]
        assert "Python" in [s.name for s in response.context["parsed"].skill_hints]
        assert "close match" in response.content.decode()

    def test_pm_finds_mentors_offering_product_management_and_no_one_else(self, mentee_client):
        pm = MentorProfileFactory(user__first_name="Priya")
        offer(pm, "product-management")
        offer(MentorProfileFactory(user__first_name="Mark"), "product-marketing")
        offer(MentorProfileFactory(user__first_name="Jo"), "project-management")
        response = mentee_client.get(URL, {"skill": "PM"})
        assert [p.pk for p in response.context["page"].object_list] == [pm.pk]
        assert response.context["parsed"].filters.skill.name == "Product management"
        assert "Showing mentors who offer <strong>Product management</strong>" in (
            response.content.decode()
        )

    def test_a_misspelt_skill_asks_did_you_mean_without_an_error_colour(self, mentee_client):
        pm = MentorProfileFactory()
        offer(pm, "product-management")
        response = mentee_client.get(URL, {"skill": "product managment"})
        body = response.content.decode()
        assert "Did you mean" in body
        assert "skill=Product%20management" in body
        assert '<div class="flash did-you-mean" role="status">' in body
        assert "flash-warning" not in body
        assert pm.pk in [p.pk for p in response.context["page"].object_list]

    def test_a_skill_nobody_has_heard_of_shows_no_one(self, mentee_client):
        offer(MentorProfileFactory(), "python")
        response = mentee_client.get(URL, {"skill": "zzqx"})
        assert _names(response) == []

    @pytest.mark.parametrize(
        ("params", "matching", "other"),
        [
            ({"industry": "finance"}, {"industry": "finance"}, {"industry": "retail"}),
            ({"function": "design"}, {"function": "design"}, {"function": "sales"}),
            ({"level": "8"}, {"level": 9}, {"level": 5}),
            ({"timezone": "Asia/Tokyo"}, {"timezone": "Asia/Tokyo"}, {"timezone": "Europe/Paris"}),
            ({"mode": "in_person"}, {"meeting_mode": "either"}, {"meeting_mode": "virtual"}),
            ({"available": "1"}, {"is_paused": False}, {"is_paused": True}),
            ({"available": "1"}, {"capacity": 1}, {"capacity": 0}),
            ({"q": "Globex"}, {"organization__name": "Globex"}, {"organization__name": "Initech"}),
        ],
    )
    def test_each_filter_keeps_only_matching_mentors(self, mentee_client, params, matching, other):
        wanted = MentorProfileFactory(user__first_name="Wanted", **matching)
        MentorProfileFactory(user__first_name="Other", **other)
        response = mentee_client.get(URL, params)
        assert [p.pk for p in response.context["page"].object_list] == [wanted.pk]

    def test_language_filter(self, mentee_client):
        speaker = MentorProfileFactory()
        speak(speaker, "es")
        speak(MentorProfileFactory(), "de")
        response = mentee_client.get(URL, {"language": "es"})
        assert [p.pk for p in response.context["page"].object_list] == [speaker.pk]

    def test_bad_filter_values_are_ignored_not_errors(self, mentee_client):
        MentorProfileFactory()
        response = mentee_client.get(URL, {"level": "eleven", "industry": "<script>", "page": "x"})
        assert response.status_code == 200
        assert len(response.context["page"].object_list) == 1


@pytest.mark.django_db
class TestDirectoryVisibility:
    def test_mentees_hidden_and_unfinished_profiles_and_oneself_are_not_listed(self, client):
        viewer = MentorProfileFactory()
        MentorProfileFactory(visibility="hidden")
        MentorProfileFactory(onboarded_at=None)
        ProfileFactory()
        listed = MentorProfileFactory()
        client.force_login(viewer.user)
        response = client.get(URL)
        assert [p.pk for p in response.context["page"].object_list] == [listed.pk]

    def test_organization_only_mentors_are_seen_only_by_verified_insiders(self, client):
        acme = OrganizationFactory(name="Acme", slug="acme", email_domain="acme.example")
        insider_only = MentorProfileFactory(visibility="organization", organization=acme)
        colleague = ProfileFactory(user__email="kim@acme.example")
        client.force_login(colleague.user)
        assert [p.pk for p in client.get(URL).context["page"].object_list] == [insider_only.pk]
        # Typing the organization's name on one's own profile proves nothing.
        pretender = ProfileFactory(organization=acme, user__email="eve@elsewhere.example")
        client.force_login(pretender.user)
        assert list(client.get(URL).context["page"].object_list) == []

    def test_a_nul_character_in_the_query_is_ignored_not_a_crash(self, mentee_client):
        MentorProfileFactory()
        response = mentee_client.get(URL + "?q=%00&skill=py%00thon&timezone=%00")
        assert response.status_code == 200

    def test_mentors_taking_requests_come_first(self, mentee_client):
        paused = MentorProfileFactory(user__first_name="Aaron", is_paused=True)
        full = MentorProfileFactory(user__first_name="Abby", capacity=0)
        open_ = MentorProfileFactory(user__first_name="Zoe")
        response = mentee_client.get(URL)
        assert [p.pk for p in response.context["page"].object_list] == [
            open_.pk,
            paused.pk,
            full.pk,
        ]

    def test_pages_hold_the_configured_number_of_mentors(self, mentee_client, settings):
        settings.TANDEM_DIRECTORY_PAGE_SIZE = 3
        for _ in range(7):
            MentorProfileFactory()
        page3 = mentee_client.get(URL, {"page": "3"})
        assert page3.context["page"].paginator.num_pages == 3
        assert len(page3.context["page"].object_list) == 1
        assert "Page 3 of 3" in page3.content.decode()

    def test_anonymous_visitors_must_log_in(self, client):
        assert client.get(URL)["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
class TestDirectoryRecommendations:
    def test_an_unfiltered_first_page_loads_recommendations_for_a_mentee(self, mentee_client):
        body = mentee_client.get(URL).content.decode()
        # A compact strip after the search and results, with a link to the full page.
        assert 'hx-get="/mentors/recommended/strip/"' in body
        assert 'href="/mentors/recommended/"' in body
        assert body.index('id="directory-results"') < body.index('id="recommendation-strip"')

    def test_a_search_or_a_mentor_only_viewer_gets_none(self, client, mentee_client):
        assert (
            "/mentors/recommended/" not in mentee_client.get(URL, {"skill": "SQL"}).content.decode()
        )
        client.force_login(MentorProfileFactory().user)
        assert "/mentors/recommended/" not in client.get(URL).content.decode()
