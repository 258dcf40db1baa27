"""Recommendations from real profiles in the database."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.template.defaultfilters import floatformat
from django.urls import reverse

from tandem.matching.engine.recommend import shown
from tandem.matching.selectors import recommendations_for_mentee
from tandem.matching.tests.recommendation_people import aspiring_data_lead
from tandem.organizations.models import Membership
from tandem.organizations.roles import role_grant
from tandem.profiles.services import profile_update
from tandem.profiles.tests.factories import (
    MentorProfileFactory,
    OrganizationFactory,
    ProfileFactory,
    offer,
    speak,
)
from tandem.skills.models import Skill

URL = reverse("matching:recommendations")


def _mentor(**kwargs):
    mentor = MentorProfileFactory(level=6, **kwargs)
    offer(mentor, "python", proficiency=4)
    offer(mentor, "team-leadership", proficiency=3)
    speak(mentor, "en")
    return mentor


@pytest.mark.django_db
class TestRecommendationsForMentee:
    def test_the_mentor_with_the_wanted_skills_comes_first_with_reasons(self):
        mentee = aspiring_data_lead()
        expert = _mentor(user__first_name="Expert")
        other = MentorProfileFactory(level=6)
        offer(other, "public-speaking")
        speak(other, "en")
        picks = recommendations_for_mentee(profile=mentee)
        assert picks[0].profile == expert
        assert 0 < picks[0].score <= 100
        assert any("knows Python at expert level" in r for r in picks[0].reasons)
        assert any("3 levels above you" in r for r in picks[0].reasons)

    @pytest.mark.parametrize(
        "change", [{"is_paused": True}, {"capacity": 0}, {"visibility": "hidden"}]
    )
    def test_paused_full_or_hidden_mentors_are_never_recommended(self, change):
        mentee = aspiring_data_lead()
        _mentor(**change)
        assert recommendations_for_mentee(profile=mentee) == []

    def test_a_mentor_who_pauses_disappears_at_once(self):
        mentee = aspiring_data_lead()
        mentor = _mentor()
        assert [p.profile for p in recommendations_for_mentee(profile=mentee)] == [mentor]
        profile_update(profile=mentor, fields={"is_paused": True})
        assert recommendations_for_mentee(profile=mentee) == []

    def test_no_shared_language_means_no_recommendation(self):
        mentee = aspiring_data_lead()
        mentor = _mentor()
        mentor.languages.clear()
        speak(mentor, "ja")
        profile_update(profile=mentor, fields={})
        assert recommendations_for_mentee(profile=mentee) == []

    def test_the_mentees_manager_chain_is_never_recommended(self):
        boss = _mentor(user__email="boss@acme.example")
        big_boss = _mentor(user__email="ceo@acme.example")
        profile_update(profile=boss, fields={"manager_email": "ceo@acme.example"})
        outsider = _mentor()
        mentee = aspiring_data_lead(manager_email="boss@acme.example")
        picks = {p.profile for p in recommendations_for_mentee(profile=mentee)}
        assert outsider in picks
        assert boss not in picks
        assert big_boss not in picks

    def test_competitors_are_never_recommended(self):
        rival = OrganizationFactory()
        mentee = aspiring_data_lead()
        mentee.competitors.add(rival)
        _mentor(organization=rival)
        assert recommendations_for_mentee(profile=mentee) == []

    def test_organization_only_mentors_are_recommended_only_inside(self):
        org = OrganizationFactory(email_domain="initech.example")
        _mentor(visibility="organization", organization=org)
        assert recommendations_for_mentee(profile=aspiring_data_lead()) == []
        insider = aspiring_data_lead(user__email="milton@initech.example")
        assert len(recommendations_for_mentee(profile=insider)) == 1

    def test_only_my_organization_is_the_directorys_rule_not_the_accounts_domain(self):
        # An unconfirmed address at the domain does not make an insider; a role does, whatever
        # the address (`organizations.verified`, as in the directory).
        org = OrganizationFactory(email_domain="initech.example")
        _mentor(visibility="organization", organization=org)
        unconfirmed = aspiring_data_lead(user__email="peter@initech.example")
        EmailAddress.objects.filter(user=unconfirmed.user).update(verified=False)
        assert recommendations_for_mentee(profile=unconfirmed) == []
        member = aspiring_data_lead(user__email="bob@consultants.example")
        role_grant(organization=org, user=member.user, role=Membership.Role.MEMBER, actor=None)
        assert len(recommendations_for_mentee(profile=member)) == 1

    def test_someone_on_both_sides_is_never_recommended_to_themself(self):
        both = _mentor(is_mentee=True)
        both.skills_wanted.add(Skill.objects.get(slug="python"))
        assert recommendations_for_mentee(profile=both) == []


@pytest.mark.django_db
class TestRecommendationsPage:
    def test_shows_each_pick_with_its_reasons(self, client):
        mentee = aspiring_data_lead()
        _mentor(user__first_name="Rosa", user__last_name="Expert")
        client.force_login(mentee.user)
        body = client.get(URL).content.decode()
        assert "Rosa Expert" in body
        assert "Knows Python at expert level" in body

    def test_the_htmx_partial_is_just_the_list(self, client):
        mentee = aspiring_data_lead()
        _mentor()
        client.force_login(mentee.user)
        body = client.get(URL, HTTP_HX_REQUEST="true").content.decode()
        assert body.lstrip().startswith('<section id="recommendations"')

    def test_queries_do_not_grow_with_the_number_of_mentors(self, client):
        mentee = aspiring_data_lead()
        client.force_login(mentee.user)
        for _ in range(3):
            _mentor()
        client.get(URL)  # builds the index
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            client.get(URL)
        for _ in range(12):
            _mentor()
        client.get(URL)
        with CaptureQueriesContext(connection) as many:
            client.get(URL)
        assert len(few.captured_queries) == len(many.captured_queries)

    def test_someone_who_is_not_a_mentee_is_asked_to_finish_their_profile(self, client, mentor):
        client.force_login(mentor.user)
        assert "Finish your mentee profile" in client.get(URL).content.decode()


@pytest.mark.django_db
class TestRecommendationsPageWords:
    def test_the_mentee_reads_the_reasons_in_their_own_voice(self, client):
        mentee = aspiring_data_lead()
        _mentor()
        client.force_login(mentee.user)
        body = client.get(URL).content.decode()
        assert "Knows Python at expert level, which you want to learn" in body
        assert "levels above you" in body
        assert "Wants to learn Python" not in body
        assert "levels below you" not in body

    def test_one_line_above_the_list_says_how_it_is_ordered(self, client):
        mentee = aspiring_data_lead()
        for _ in range(3):
            _mentor()
        client.force_login(mentee.user)
        body = client.get(URL, HTTP_HX_REQUEST="true").content.decode()
        assert body.count("Best fit first") == 1
        assert body.index("Best fit first") < body.index('class="mentor-card')

    def test_the_improvement_hint_is_said_once_for_the_whole_list(self, client):
        mentee = ProfileFactory(level=3)  # wants no skills yet: every pick would say so
        speak(mentee, "en")
        for _ in range(3):
            _mentor()
        client.force_login(mentee.user)
        body = client.get(URL).content.decode()
        assert body.count('class="mentor-card') == 3
        assert body.count("Add the skills you want to learn to your profile.") == 1
        assert body.count("To find even better matches") == 1
        assert body.rindex('class="mentor-card') < body.index("To find even better matches")

    def test_a_list_in_score_order_shows_no_placement_note(self, client):
        mentee = aspiring_data_lead()
        _mentor()
        client.force_login(mentee.user)
        assert "Placed below a lower score" not in client.get(URL).content.decode()


def test_the_engine_compares_scores_as_the_page_rounds_them():
    for tenths in range(1001):
        score = tenths / 10
        assert floatformat(score, 0) == str(shown(score)), score
