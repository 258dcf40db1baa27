"""Skills in a person's own words: "did you mean", keeping the words, and staff mapping them."""

import html

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import IllegalTransition, NotFound
from tandem.profiles.models import SkillOffered, SkillRequest
from tandem.profiles.services import (
    MAX_SKILL_REQUESTS,
    MAX_SKILLS_PER_SIDE,
    ProfileError,
    profile_skill_request_add,
    skill_request_map,
    skill_requests_map_resolved,
)
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory
from tandem.skills.models import Skill, SkillAlias

HTMX = {"HTTP_HX_REQUEST": "true"}
ADD_WANTED = reverse("profiles:skill_add", args=["wanted"])


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.django_db
class TestDidYouMean:
    def test_a_misspelt_skill_offers_the_closest_skills_not_an_error(self, mentee_client, mentee):
        response = mentee_client.post(ADD_WANTED, {"skill": "product managment"}, **HTMX)
        body = _text(response)
        assert response.status_code == 200
        assert "We don't know the skill “product managment” yet." in body
        assert "Did you mean one of these?" in body
        assert 'name="pick" value="Product management"' in body
        assert 'class="flash did-you-mean" role="status"' in body
        assert "errorlist" not in body
        assert 'aria-invalid="true"' not in body
        assert mentee.skills_wanted.count() == 0

    def test_picking_a_closest_skill_adds_it(self, mentee_client, mentee):
        mentee_client.post(
            ADD_WANTED, {"skill": "product managment", "pick": "Product management"}, **HTMX
        )
        assert list(mentee.skills_wanted.values_list("name", flat=True)) == ["Product management"]

    def test_the_typed_words_stay_in_the_box_to_keep_them(self, mentee_client):
        body = _text(mentee_client.post(ADD_WANTED, {"skill": "growth loops"}, **HTMX))
        assert 'value="growth loops"' in body
        assert 'name="keep" value="1"' in body
        assert "Keep “growth loops”" in body

    def test_without_htmx_the_closest_skills_come_back_as_a_note(self, mentee_client):
        response = mentee_client.post(ADD_WANTED, {"skill": "pyhton", "next": "/onboarding/"})
        assert response.status_code == 302
        [note] = list(get_messages(response.wsgi_request))
        assert note.level_tag == "info"
        assert "We don't know the skill “pyhton” yet. Did you mean Python?" in note.message

    def test_suggestions_while_typing_fall_back_to_look_alikes(self, mentee_client):
        response = mentee_client.get(
            reverse("profiles:skill_suggestions"), {"skill": "machine lerning"}, **HTMX
        )
        assert 'value="Machine learning"' in response.content.decode()


@pytest.mark.django_db
class TestKeepingOwnWords:
    def test_keeping_stores_the_words_and_shows_them_as_waiting(self, mentee_client, mentee):
        response = mentee_client.post(ADD_WANTED, {"skill": "growth  loops ", "keep": "1"}, **HTMX)
        request = SkillRequest.objects.get(profile=mentee)
        assert (request.side, request.text, request.normalized) == (
            "wanted",
            "growth loops",
            "growth loops",
        )
        assert request.is_pending
        body = _text(response)
        assert "growth loops" in body
        assert "waiting to be matched" in body
        assert "Nothing yet" not in body
        assert mentee.skills_wanted.count() == 0

    def test_words_that_name_a_skill_add_the_skill_instead(self, mentee_client, mentee):
        mentee_client.post(ADD_WANTED, {"skill": "PM", "keep": "1"}, **HTMX)
        assert list(mentee.skills_wanted.values_list("name", flat=True)) == ["Product management"]
        assert not SkillRequest.objects.exists()

    def test_an_offered_skill_keeps_its_proficiency(self, client, now):
        mentor = MentorProfileFactory()
        request = profile_skill_request_add(
            profile=mentor, side="offered", text="Growth loops", proficiency=2, now=now
        )
        assert (request.side, request.proficiency, request.requested_at) == ("offered", 2, now)

    def test_the_same_words_twice_keep_one_request(self, mentee, now):
        first = profile_skill_request_add(
            profile=mentee, side="wanted", text="Growth loops", now=now
        )
        again = profile_skill_request_add(
            profile=mentee, side="wanted", text="growth LOOPS", now=now
        )
        assert first == again
        assert SkillRequest.objects.count() == 1

    def test_only_a_few_may_wait_at_once(self, mentee, now):
        for n in range(MAX_SKILL_REQUESTS):
            profile_skill_request_add(profile=mentee, side="wanted", text=f"thing {n}", now=now)
        with pytest.raises(ProfileError, match="waiting for us already"):
            profile_skill_request_add(profile=mentee, side="offered", text="one more", now=now)
        assert SkillRequest.objects.count() == MAX_SKILL_REQUESTS

    def test_waiting_words_count_towards_the_list_cap(self, mentee, now):
        mentee.skills_wanted.add(*Skill.objects.order_by("id")[: MAX_SKILLS_PER_SIDE - 1])
        profile_skill_request_add(profile=mentee, side="wanted", text="growth loops", now=now)
        with pytest.raises(ProfileError, match="at most"):
            profile_skill_request_add(profile=mentee, side="wanted", text="flow state", now=now)

    @pytest.mark.parametrize("text", ["", "   ", "!!!", "x" * 121])
    def test_empty_or_overlong_words_are_refused_with_a_reason(self, mentee, now, text):
        with pytest.raises(ProfileError):
            profile_skill_request_add(profile=mentee, side="wanted", text=text, now=now)
        assert not SkillRequest.objects.exists()

    def test_a_refusal_is_shown_on_the_form(self, mentee_client, mentee, now):
        for n in range(MAX_SKILL_REQUESTS):
            profile_skill_request_add(profile=mentee, side="wanted", text=f"thing {n}", now=now)
        body = _text(mentee_client.post(ADD_WANTED, {"skill": "one more", "keep": "1"}, **HTMX))
        assert "waiting for us already" in body
        assert 'aria-invalid="true"' in body

    def test_a_flood_of_requests_is_stopped_with_429(self, mentee_client, mentee, monkeypatch):
        monkeypatch.setattr("time.time", lambda: 1_800_000_000.0)
        for n in range(60):
            mentee_client.post(ADD_WANTED, {"skill": f"zz{n}", "keep": "1"}, **HTMX)
        response = mentee_client.post(ADD_WANTED, {"skill": "late", "keep": "1"}, **HTMX)
        assert response.status_code == 429
        assert not SkillRequest.objects.filter(text="late").exists()


@pytest.mark.django_db
class TestWithdrawing:
    def test_a_person_takes_back_their_own_waiting_words(self, mentee_client, mentee, now):
        request = profile_skill_request_add(profile=mentee, side="wanted", text="zz", now=now)
        url = reverse("profiles:skill_request_withdraw", args=[request.pk])
        response = mentee_client.post(url, **HTMX)
        assert response.status_code == 200
        assert not SkillRequest.objects.exists()

    def test_someone_elses_words_are_not_found_and_stay(self, client, now):
        owner = ProfileFactory()
        request = profile_skill_request_add(profile=owner, side="wanted", text="zz", now=now)
        client.force_login(ProfileFactory().user)
        url = reverse("profiles:skill_request_withdraw", args=[request.pk])
        assert client.post(url, **HTMX).status_code == 404
        assert SkillRequest.objects.filter(pk=request.pk).exists()


@pytest.mark.django_db
class TestMapping:
    def test_mapping_a_wanted_request_gives_the_person_that_skill(self, mentee, now):
        request = profile_skill_request_add(profile=mentee, side="wanted", text="zz", now=now)
        skill = Skill.objects.get(slug="product-management")
        skill_request_map(skill_request_id=request.pk, skill=skill, now=now)
        request.refresh_from_db()
        assert (request.mapped_to, request.mapped_at, request.is_pending) == (skill, now, False)
        assert list(mentee.skills_wanted.all()) == [skill]

    def test_mapping_an_offered_request_offers_it_at_the_level_given(self, now):
        mentor = MentorProfileFactory()
        request = profile_skill_request_add(
            profile=mentor, side="offered", text="zz", proficiency=2, now=now
        )
        skill_request_map(
            skill_request_id=request.pk, skill=Skill.objects.get(slug="python"), now=now
        )
        offered = SkillOffered.objects.get(profile=mentor)
        assert (offered.skill.slug, offered.proficiency) == ("python", 2)

    def test_mapping_never_fails_on_the_list_cap_the_request_held_a_place_under(self, mentee, now):
        mentee.skills_wanted.add(*Skill.objects.order_by("id")[: MAX_SKILLS_PER_SIDE - 1])
        request = profile_skill_request_add(profile=mentee, side="wanted", text="zz", now=now)
        last = Skill.objects.order_by("id").last()
        skill_request_map(skill_request_id=request.pk, skill=last, now=now)
        assert mentee.skills_wanted.count() == MAX_SKILLS_PER_SIDE

    def test_mapping_again_to_the_same_skill_changes_nothing_and_to_another_is_refused(
        self, mentee, now
    ):
        request = profile_skill_request_add(profile=mentee, side="wanted", text="zz", now=now)
        python, go = Skill.objects.get(slug="python"), Skill.objects.get(slug="go")
        skill_request_map(skill_request_id=request.pk, skill=python, now=now)
        skill_request_map(skill_request_id=request.pk, skill=python, now=now)
        with pytest.raises(IllegalTransition, match="already mapped to Python"):
            skill_request_map(skill_request_id=request.pk, skill=go, now=now)
        assert list(mentee.skills_wanted.all()) == [python]

    def test_an_unknown_request_is_not_found(self, now):
        with pytest.raises(NotFound):
            skill_request_map(
                skill_request_id=999_999, skill=Skill.objects.get(slug="python"), now=now
            )

    def test_after_an_alias_is_added_waiting_words_map_in_bulk(self, mentee, now):
        loops = profile_skill_request_add(
            profile=mentee, side="wanted", text="Growth loops", now=now
        )
        other = profile_skill_request_add(profile=mentee, side="wanted", text="zz top", now=now)
        SkillAlias.objects.create(
            skill=Skill.objects.get(slug="growth-marketing"), alias="growth loops"
        )
        assert skill_requests_map_resolved(skill_request_ids=[loops.pk, other.pk], now=now) == 1
        loops.refresh_from_db()
        other.refresh_from_db()
        assert loops.mapped_to.slug == "growth-marketing"
        assert other.is_pending
        assert [s.slug for s in mentee.skills_wanted.all()] == ["growth-marketing"]


@pytest.mark.django_db
class TestStaffMapInTheAdmin:
    def test_staff_pick_the_skill_and_the_person_gets_it(self, client, mentee, now):
        request = profile_skill_request_add(profile=mentee, side="wanted", text="zz", now=now)
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        listing = client.get(reverse("admin:profiles_skillrequest_changelist") + "?status=waiting")
        assert "zz" in listing.content.decode()
        skill = Skill.objects.get(slug="product-management")
        url = reverse("admin:profiles_skillrequest_change", args=[request.pk])
        response = client.post(url, {"mapped_to": skill.pk})
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.mapped_to == skill
        assert request.mapped_at is not None
        assert list(mentee.skills_wanted.all()) == [skill]
        # A mapped row is the record: its skill can no longer be changed there.
        assert 'name="mapped_to"' not in client.get(url).content.decode()


@pytest.mark.django_db
class TestOnTheProfilePage:
    def test_the_owner_sees_their_waiting_words_and_others_do_not(self, client, now):
        owner = ProfileFactory()
        profile_skill_request_add(profile=owner, side="wanted", text="growth loops", now=now)
        url = owner.get_absolute_url()
        client.force_login(owner.user)
        body = _text(client.get(url))
        assert "Waiting to be matched to a skill" in body
        assert "“growth loops”" in body
        client.force_login(ProfileFactory().user)
        assert "growth loops" not in _text(client.get(url))
