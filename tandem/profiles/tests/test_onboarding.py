import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.tests.factories import UserFactory
from tandem.profiles.models import Profile
from tandem.profiles.services import ProfileError, profile_onboarding_complete

ABOUT = {
    "headline": "Analyst heading for product",
    "job_title": "Data analyst",
    "organization_name": "Northwind",
    "industry": "retail",
    "function": "data",
    "level": "2",
    "years_experience": "3",
    "timezone": "Europe/Lisbon",
}
LEARN = {"focus_areas_sought": ["career_change"], "goals": "Move into product within a year."}
OFFER = {"capacity": "2", "hours_per_month": "2"}
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "wizard"}


def _step(step: str) -> str:
    return reverse("profiles:onboarding_step", args=[step])


@pytest.fixture
def newcomer_client(client, db):
    client.force_login(UserFactory())
    return client


@pytest.mark.django_db
class TestOnboarding:
    def test_a_new_person_is_sent_from_home_to_onboarding(self, newcomer_client):
        response = newcomer_client.get(reverse("home"))
        assert response["Location"] == reverse("profiles:onboarding")

    @pytest.mark.parametrize(
        ("roles", "steps"),
        [
            ({"is_mentee": "on"}, ["learn"]),
            ({"is_mentor": "on"}, ["offer"]),
            ({"is_mentee": "on", "is_mentor": "on"}, ["learn", "offer"]),
        ],
    )
    def test_the_steps_follow_the_roles_chosen(self, newcomer_client, roles, steps):
        response = newcomer_client.post(_step("about"), {**ABOUT, **roles})
        seen = []
        while response.status_code == 302 and "/onboarding/" in response["Location"]:
            step = response["Location"].rstrip("/").rsplit("/", 1)[-1]
            seen.append(step)
            response = newcomer_client.post(_step(step), LEARN if step == "learn" else OFFER)
        assert seen == steps
        profile = Profile.objects.get()
        # Onboarding ends on what the person came for: matches for a mentee, home for a mentor.
        ends = reverse("matching:recommendations") if profile.is_mentee else reverse("home")
        assert response["Location"] == ends
        assert profile.is_onboarded
        assert [language.code for language in profile.languages.all()] == ["en"]
        assert profile.timezone == "Europe/Lisbon"
        assert profile.organization.name == "Northwind"

    def test_with_htmx_the_next_step_is_swapped_in_and_pushed_to_the_url(self, newcomer_client):
        response = newcomer_client.post(_step("about"), {**ABOUT, "is_mentee": "on"}, **HTMX)
        assert response.status_code == 200
        assert response["HX-Push-Url"] == _step("learn")
        body = response.content.decode()
        assert body.lstrip().startswith('<div id="wizard">')
        assert "What you want to learn" in body
        assert "<html" not in body

    def test_finishing_with_htmx_lands_a_mentee_on_their_matches(self, newcomer_client):
        newcomer_client.post(_step("about"), {**ABOUT, "is_mentee": "on"})
        response = newcomer_client.post(_step("learn"), LEARN, **HTMX)
        assert response["HX-Redirect"] == reverse("matching:recommendations")
        page = newcomer_client.get(reverse("matching:recommendations")).content.decode()
        assert "Pick one and ask for 20 minutes" in page

    def test_the_last_step_says_finish_and_the_first_says_continue(self, newcomer_client):
        assert "Continue" in newcomer_client.get(_step("about")).content.decode()
        newcomer_client.post(_step("about"), {**ABOUT, "is_mentee": "on"})
        assert ">Finish</button>" in newcomer_client.get(_step("learn")).content.decode()

    def test_an_invalid_step_keeps_the_person_on_it_with_messages(self, newcomer_client):
        response = newcomer_client.post(_step("about"), {**ABOUT, "level": "0"}, **HTMX)
        assert response.status_code == 200
        assert "Choose at least one" in response.content.decode()
        assert "Pick a level from 1" in response.content.decode()
        assert Profile.objects.get().headline == ""

    def test_a_step_that_does_not_fit_the_roles_goes_back_to_the_start(self, newcomer_client):
        newcomer_client.post(_step("about"), {**ABOUT, "is_mentee": "on"})
        assert newcomer_client.get(_step("offer"))["Location"] == _step("about")

    def test_an_unknown_step_is_not_found(self, newcomer_client):
        assert newcomer_client.get(_step("nope")).status_code == 404

    def test_defaults_are_sensible(self, newcomer_client):
        response = newcomer_client.get(_step("about"))
        form = response.context["form"]
        assert form["level"].value() == 3
        newcomer_client.post(_step("about"), {**ABOUT, "is_mentor": "on"})
        form = newcomer_client.get(_step("offer")).context["form"]
        assert (form["capacity"].value(), form["hours_per_month"].value()) == (2, 2)


@pytest.mark.django_db
class TestOnboardingWithoutARole:
    def test_later_steps_send_a_person_without_a_role_back_to_the_start(self, newcomer_client):
        assert newcomer_client.get(_step("learn"))["Location"] == _step("about")
        response = newcomer_client.post(_step("learn"), LEARN)
        assert response["Location"] == _step("about")
        assert Profile.objects.get().onboarded_at is None

    def test_the_service_refuses_to_finish_onboarding_without_a_role(self, db):
        profile = Profile.objects.create(user=UserFactory())
        with pytest.raises(ProfileError, match="Choose at least one"):
            profile_onboarding_complete(profile=profile, now=timezone.now())
        profile.refresh_from_db()
        assert profile.onboarded_at is None
