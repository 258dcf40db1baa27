"""What the directory and a profile page read (issue 14): a page of mentors is picked and
counted in one query, its cards' chips come as plain values, and a profile page reads the
block buttons' state with the profile and only the lists it shows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.moderation.blocks import block_set
from tandem.profiles.services import (
    profile_skill_request_add,
    profile_skill_wanted_add,
    profile_update,
)
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
    offer,
    speak,
)

URL = reverse("profiles:directory")


def _mentors(n: int) -> list:
    return [MentorProfileFactory(user__first_name=f"M{i:02d}") for i in range(n)]


def _python_mentors_visited(
    client, settings, *, per_page: int, languages: tuple[str, ...] = ()
) -> None:
    """Five mentors offering Python (M00-M04, speaking `languages`), `per_page` a directory
    page, and the directory visited once: the session learns the viewer's timezone, so the
    visits counted next read only what each page needs."""
    settings.TANDEM_DIRECTORY_PAGE_SIZE = per_page
    for mentor in _mentors(5):
        offer(mentor, "python")
        if languages:
            speak(mentor, *languages)
    client.get(URL)


def _names(response) -> list[str]:
    """The first names on the page's cards."""
    return [card.name.split()[0] for card in response.context["page"].object_list]


@pytest.mark.django_db
class TestDirectoryPagePicking:
    def test_a_page_is_picked_and_counted_in_one_query(self, mentee_client, settings):
        settings.TANDEM_DIRECTORY_PAGE_SIZE = 2
        _mentors(5)
        with CaptureQueriesContext(connection) as captured:
            response = mentee_client.get(URL, {"page": "2"})
        page = response.context["page"]
        assert _names(response) == ["M02", "M03"]
        assert (page.number, page.paginator.count, page.paginator.num_pages) == (2, 5, 3)
        assert "5 mentors" in response.content.decode()
        listing = [q["sql"] for q in captured.captured_queries if "accounts_user" in q["sql"]]
        assert [sql for sql in listing if "OVER ()" in sql]
        assert not [sql for sql in listing if "COUNT(*) AS" in sql and "OVER" not in sql]

    @pytest.mark.parametrize(
        ("asked", "shown", "names"),
        [
            ("abc", 1, ["M00", "M01"]),
            ("", 1, ["M00", "M01"]),
            ("3", 3, ["M04"]),
            ("9", 3, ["M04"]),
            ("0", 3, ["M04"]),
            ("-2", 3, ["M04"]),
            ("99999999999999999999", 3, ["M04"]),
        ],
    )
    def test_a_page_number_out_of_range_or_not_a_number_shows_what_it_did_before(
        self, mentee_client, settings, asked, shown, names
    ):
        settings.TANDEM_DIRECTORY_PAGE_SIZE = 2
        _mentors(5)
        response = mentee_client.get(URL, {"page": asked})
        page = response.context["page"]
        assert (page.number, page.paginator.count) == (shown, 5)
        assert _names(response) == names

    def test_nobody_matching_is_one_query_for_the_list_and_says_so(self, mentee_client):
        _mentors(2)
        with CaptureQueriesContext(connection) as captured:
            response = mentee_client.get(URL, {"q": "nobody-by-this-name"})
        page = response.context["page"]
        assert (page.number, page.paginator.count, list(page.object_list)) == (1, 0, [])
        assert "0 mentors" in response.content.decode()
        sorted_or_counted = [
            q["sql"]
            for q in captured.captured_queries
            if 'FROM "profiles_profile"' in q["sql"]
            and ("OVER ()" in q["sql"] or "COUNT(" in q["sql"])
        ]
        assert len(sorted_or_counted) == 1

    def test_a_skill_search_on_a_later_page_costs_a_fixed_number_of_queries(
        self, mentee_client, settings, django_assert_num_queries
    ):
        _python_mentors_visited(mentee_client, settings, per_page=2, languages=("en", "es"))
        # Session, user, the skill; the page with its count; its mentors, their skills,
        # languages and answering times; the language options; the menu and the bell.
        with django_assert_num_queries(11):
            response = mentee_client.get(URL, {"skill": "python", "page": "2"})
        assert _names(response) == ["M02", "M03"]

    def test_the_next_page_through_htmx_reads_no_filter_options(
        self, mentee_client, settings, django_assert_num_queries
    ):
        _python_mentors_visited(mentee_client, settings, per_page=2)
        # Session, user, the skill; the page with its count; its mentors, their skills,
        # languages and answering times. Not the languages or timezones to filter by.
        with django_assert_num_queries(8):
            response = mentee_client.get(
                URL, {"skill": "python", "page": "2"},
                HTTP_HX_REQUEST="true", HTTP_HX_TARGET="directory-results",
            )  # fmt: skip
        body = response.content.decode()
        assert re.findall(r">(M\d\d) ", body) == ["M02", "M03"]
        assert "Any timezone" not in body

    def test_the_plain_first_page_costs_a_fixed_number_of_queries(
        self, mentee_client, settings, django_assert_num_queries
    ):
        _python_mentors_visited(mentee_client, settings, per_page=3)
        # Session, user; the page with its count; its mentors, their skills, languages and
        # answering times; the language options; whether the viewer is a mentee (for the
        # recommendations); the menu and the bell.
        with django_assert_num_queries(11):
            response = mentee_client.get(URL)
        assert _names(response) == ["M00", "M01", "M02"]


@pytest.mark.django_db
class TestDirectoryCompiledOnce:
    """The page's SQL is compiled once and shared: each viewer, skill and page still gets
    its own answer."""

    def test_each_viewer_sees_their_own_directory_through_the_same_sql(self, client):
        acme = OrganizationFactory(name="Acme", slug="acme", email_domain="acme.example")
        everyone = MentorProfileFactory(user__first_name="Everyone")
        insiders = MentorProfileFactory(
            user__first_name="Insiders", visibility="organization", organization=acme
        )
        blocker = MentorProfileFactory(user__first_name="Blocker")
        outsider, colleague = ProfileFactory(), ProfileFactory(user__email="kim@acme.example")
        block_set(owner=blocker.user, other_id=outsider.user_id, kind="block")
        seen = {}
        for viewer in (outsider, colleague, outsider):
            client.force_login(viewer.user)
            page = client.get(URL).context["page"]
            seen[viewer.pk] = {card.pk for card in page.object_list}
            assert page.paginator.count == len(seen[viewer.pk])
        assert seen[outsider.pk] == {everyone.pk}
        assert seen[colleague.pk] == {everyone.pk, insiders.pk, blocker.pk}

    def test_each_skill_and_page_gets_its_own_mentors(self, mentee_client, settings):
        settings.TANDEM_DIRECTORY_PAGE_SIZE = 2
        pythonistas, analysts = _mentors(3), [MentorProfileFactory(user__first_name="Sam")]
        for mentor in pythonistas:
            offer(mentor, "python")
        offer(analysts[0], "sql")
        assert _names(mentee_client.get(URL, {"skill": "python"})) == ["M00", "M01"]
        assert _names(mentee_client.get(URL, {"skill": "sql"})) == ["Sam"]
        assert _names(mentee_client.get(URL, {"skill": "python", "page": "2"})) == ["M02"]
        available = mentee_client.get(URL, {"skill": "python", "available": "1"})
        assert available.context["page"].paginator.count == 3

    def test_a_card_shows_what_the_profile_says(self, mentee_client):
        acme = OrganizationFactory(name="Acme", slug="acme", email_domain="acme.example")
        mentor = MentorProfileFactory(
            user__first_name="Ada", user__last_name="Lovelace", user__email="ada@acme.example",
            organization=acme, job_title="Engineer", level=4, meeting_mode="virtual",
            timezone="Asia/Tokyo", capacity=2, places_taken=2,
        )  # fmt: skip
        speak(mentor, "en")
        card = mentee_client.get(URL).context["page"].object_list[0]
        assert (card.url, card.name, card.initials) == (
            mentor.get_absolute_url(),
            "Ada Lovelace",
            "AL",
        )
        assert card.facts == "Engineer · Acme · 4 · Senior"
        assert (card.organization, card.confirmed) == ("Acme", True)
        assert card.meeting == "Virtual · Asia/Tokyo · English"
        assert card.accepts_requests is False  # no free place


@pytest.mark.django_db
class TestDirectoryCardChips:
    def test_skills_are_best_known_first_then_by_name_and_languages_by_name(self, mentee_client):
        mentor = MentorProfileFactory(meeting_mode="virtual", timezone="Asia/Tokyo")
        offer(mentor, "sql", proficiency=2)
        offer(mentor, "team-leadership", proficiency=4)
        offer(mentor, "python", proficiency=4)
        speak(mentor, "es", "en")
        body = mentee_client.get(URL).content.decode()
        chips = re.findall(r"<li>([^<]+) <small class=\"muted\">· ([^<]+)</small></li>", body)
        assert chips == [
            ("Python", "Expert"),
            ("Team leadership", "Expert"),
            ("SQL", "Working knowledge"),
        ]
        assert "Virtual · Asia/Tokyo · English, Spanish" in body

    def test_the_recommendations_strip_is_offered_to_a_mentee_on_the_plain_first_page_only(
        self, client, settings
    ):
        settings.TANDEM_DIRECTORY_PAGE_SIZE = 1
        _mentors(2)
        mentee, mentor_only = ProfileFactory(), MentorProfileFactory()
        client.force_login(mentee.user)
        assert client.get(URL).context["show_recommendations"]
        assert not client.get(URL, {"page": "2"}).context["show_recommendations"]
        assert not client.get(URL, {"q": "M00"}).context["show_recommendations"]
        client.force_login(mentor_only.user)
        assert not client.get(URL).context["show_recommendations"]


def _profile_url(profile) -> str:
    return reverse("profiles:detail", args=[profile.pk])


@pytest.mark.django_db
class TestProfilePageReads:
    def test_a_member_opening_a_mentors_page_reads_only_what_it_shows(
        self, client, django_assert_num_queries
    ):
        mentor, viewer = MentorProfileFactory(), ProfileFactory()
        offer(mentor, "python")
        client.force_login(viewer.user)
        client.get(_profile_url(mentor))  # the session learns the viewer's timezone once
        # Session, user; the profile with who may see it and the viewer's block or mute;
        # its languages and skills offered; the menu and the bell.
        with django_assert_num_queries(7):
            response = client.get(_profile_url(mentor))
        assert response.status_code == 200
        assert response.context["my_block"] == ""

    def test_an_organization_only_profile_opens_for_insiders_and_staff_not_outsiders(
        self, client, admin_user
    ):
        acme = OrganizationFactory(name="Acme", slug="acme", email_domain="acme.example")
        mentor = MentorProfileFactory(visibility="organization", organization=acme)
        outsider, colleague = ProfileFactory(), ProfileFactory(user__email="kim@acme.example")
        # One compiled query answers each of them in turn, with their own answer.
        for viewer, status in (
            (outsider.user, 404), (colleague.user, 200), (admin_user, 200), (outsider.user, 404),
        ):  # fmt: skip
            client.force_login(viewer)
            assert client.get(_profile_url(mentor)).status_code == status

    def test_a_mentors_languages_and_skills_are_listed_as_before(self, client):
        mentor = MentorProfileFactory()
        offer(mentor, "sql", proficiency=2)
        offer(mentor, "python", proficiency=4)
        speak(mentor, "es", "en")
        client.force_login(ProfileFactory().user)
        response = client.get(_profile_url(mentor))
        assert response.context["languages"] == ["English", "Spanish"]
        assert response.context["skills_offered"] == [
            ("Python", "Expert"), ("SQL", "Working knowledge"),
        ]  # fmt: skip
        assert "<dd>English, Spanish</dd>" in response.content.decode()

    def test_a_person_who_is_both_shows_both_lists_to_others(self, client):
        both = MentorProfileFactory(is_mentee=True)
        offer(both, "python")
        profile_skill_wanted_add(profile=both, text="Team leadership")
        client.force_login(ProfileFactory().user)
        body = client.get(_profile_url(both)).content.decode()
        assert "Skills offered" in body
        assert "Python" in body
        assert "Skills wanted" in body
        assert "Team leadership" in body

    def test_the_owner_still_sees_their_competitors_and_words_waiting(self, client, now):
        owner = MentorProfileFactory()
        profile_update(profile=owner, fields={}, competitor_names=["Rival Bank"])
        profile_skill_request_add(profile=owner, side="offered", text="Llama herding", now=now)
        client.force_login(owner.user)
        body = client.get(_profile_url(owner)).content.decode()
        assert "Never match with" in body
        assert "Rival Bank" in body
        assert "Llama herding" in body
        client.force_login(ProfileFactory().user)
        body = client.get(_profile_url(owner)).content.decode()
        assert "Rival Bank" not in body
        assert "Llama herding" not in body

    def test_a_muted_person_shows_unmute_and_staff_see_their_own_block(self, client, admin_user):
        mentor, viewer = MentorProfileFactory(), ProfileFactory()
        block_set(owner=viewer.user, other_id=mentor.user_id, kind="mute")
        client.force_login(viewer.user)
        response = client.get(_profile_url(mentor))
        assert response.context["my_block"] == "mute"
        assert "Unmute" in response.content.decode()
        block_set(owner=admin_user, other_id=mentor.user_id, kind="block")
        client.force_login(admin_user)
        assert client.get(_profile_url(mentor)).context["my_block"] == "block"

    def test_someone_blocked_still_finds_nothing(self, client):
        mentor, viewer = MentorProfileFactory(), ProfileFactory()
        block_set(owner=mentor.user, other_id=viewer.user_id, kind="block")
        client.force_login(viewer.user)
        assert client.get(_profile_url(mentor)).status_code == 404
