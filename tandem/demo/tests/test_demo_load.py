"""The demo data in the database: the bulk load, the logins, the profiles and the command."""

import io
from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import PROGRAM_MANAGERS_GROUP, User
from tandem.demo.generator import DEFAULT_PEOPLE, DEFAULT_SEED
from tandem.demo.logins import DEMO_LOGINS, DEMO_PASSWORD, NAMED_PEOPLE
from tandem.demo.services import DemoReport, demo_load
from tandem.demo.vocab import ORGANIZATIONS
from tandem.organizations.models import Organization
from tandem.profiles.choices import Visibility
from tandem.profiles.models import Profile, SkillOffered

SMALL = 50


@pytest.fixture(scope="class")
def default_load(django_db_setup, django_db_blocker):
    """One default-size load shared by a test class, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_load(people=DEFAULT_PEOPLE, seed=DEFAULT_SEED)
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("default_load")
class TestDemoLoad:
    def test_creates_at_least_200_mentors_and_600_mentees(self):
        assert Profile.objects.count() == DEFAULT_PEOPLE
        assert Profile.objects.filter(is_mentor=True).count() >= 200
        assert Profile.objects.filter(is_mentee=True).count() >= 600

    def test_spreads_people_over_organizations_industries_functions_and_levels(self):
        profiles = Profile.objects.all()
        assert profiles.values("organization").distinct().count() >= 10
        assert profiles.values("industry").distinct().count() >= 10
        assert profiles.values("function").distinct().count() >= 8
        assert set(profiles.values_list("level", flat=True)) == set(range(1, 11))
        assert profiles.values("timezone").distinct().count() >= 10

    def test_mentors_sit_higher_than_mentees_on_average(self):
        def mean_level(**filters):
            levels = list(Profile.objects.filter(**filters).values_list("level", flat=True))
            return sum(levels) / len(levels)

        assert mean_level(is_mentor=True, is_mentee=False) > mean_level(
            is_mentee=True, is_mentor=False
        )

    def test_some_people_hold_both_roles_and_some_mentors_are_paused(self):
        assert Profile.objects.filter(is_mentor=True, is_mentee=True).exists()
        paused = Profile.objects.filter(is_mentor=True, is_paused=True).count()
        mentors = Profile.objects.filter(is_mentor=True).count()
        assert 0.03 < paused / mentors < 0.08
        assert not Profile.objects.filter(is_mentor=False, is_paused=True).exists()

    def test_managers_are_senior_colleagues_in_the_same_organization_without_loops(self):
        rows = Profile.objects.values_list(
            "user__email", "manager_email", "organization_id", "level"
        )
        by_user = {user: (manager or None, org, level) for user, manager, org, level in rows}
        managed = [user for user, (manager, _, _) in by_user.items() if manager]
        assert len(managed) > 100
        for user in managed:
            manager, org, level = by_user[user]
            assert manager is not None
            assert manager != user
            assert by_user[manager][1] == org
            assert by_user[manager][2] > level
            seen: set[str] = {user}
            current: str | None = manager
            while current is not None:
                assert current not in seen
                seen.add(current)
                current = by_user[current][0]

    def test_competitors_are_other_organizations_in_the_same_industry(self):
        rows = Profile.competitors.through.objects.values_list(
            "profile__industry", "profile__organization_id", "organization__industry",
            "organization_id",
        )  # fmt: skip
        assert rows.count() > 20
        for own_industry, own_org, industry, org in rows:
            assert industry == own_industry
            assert org != own_org

    def test_everyone_is_onboarded_with_a_verified_primary_email(self):
        assert not Profile.objects.filter(onboarded_at__isnull=True).exists()
        assert EmailAddress.objects.filter(verified=True, primary=True).count() == (
            User.objects.count()
        )
        assert not User.objects.exclude(email__in=EmailAddress.objects.values("email")).exists()

    def test_mentor_capacity_hours_and_skills_stay_in_range(self):
        mentors = Profile.objects.filter(is_mentor=True)
        assert set(mentors.values_list("capacity", flat=True)) <= set(range(1, 6))
        assert set(mentors.values_list("hours_per_month", flat=True)) <= set(range(1, 9))
        counts = Counter(SkillOffered.objects.values_list("profile_id", flat=True))
        assert len(counts) == mentors.count()
        assert set(counts.values()) <= set(range(3, 9))

    def test_everyone_speaks_english_and_some_speak_more(self):
        speakers = Profile.languages.through.objects
        assert speakers.filter(language__code="en").count() == DEFAULT_PEOPLE
        assert speakers.exclude(language__code="en").values("profile").distinct().count() > 100

    def test_visibility_is_mostly_members_with_a_few_narrower(self):
        counts = Counter(Profile.objects.values_list("visibility", flat=True))
        assert counts[Visibility.MEMBERS] / DEFAULT_PEOPLE > 0.8
        assert counts[Visibility.ORGANIZATION] > 0
        assert counts[Visibility.HIDDEN] > 0

    def test_timestamps_are_spread_over_the_past(self):
        now = timezone.now()
        profiles = Profile.objects.all()
        assert not profiles.filter(created_at__gt=now).exists()
        assert not profiles.filter(onboarded_at__gt=now).exists()
        months = {d.strftime("%Y-%m") for d in profiles.values_list("created_at", flat=True)}
        assert len(months) >= 12

    def test_the_report_matches_what_was_written(self, default_load: DemoReport):
        assert default_load.people == Profile.objects.count()
        assert default_load.mentors == Profile.objects.filter(is_mentor=True).count()
        assert default_load.mentees == Profile.objects.filter(is_mentee=True).count()
        assert default_load.organizations == Organization.objects.count()
        assert default_load.named_created == len(NAMED_PEOPLE)


@pytest.fixture
def small_load(db) -> DemoReport:
    return demo_load(people=SMALL, seed=DEFAULT_SEED)


@pytest.mark.usefixtures("small_load")
class TestDemoLogins:
    @pytest.mark.parametrize(("role", "email"), DEMO_LOGINS)
    def test_each_named_login_signs_in_with_the_demo_password(self, client, role, email):
        response = client.post(
            reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302
        assert response.url == reverse("home")
        assert client.get(reverse("home")).status_code == 200  # onboarded: no detour

    def test_a_generated_person_signs_in_with_the_same_password(self, client):
        email = Profile.objects.exclude(user__email__endswith="@demo.tandem.example").first()
        assert client.login(email=email.user.email, password=DEMO_PASSWORD)

    def test_the_program_manager_is_in_the_program_managers_group(self):
        managers = User.objects.filter(groups__name=PROGRAM_MANAGERS_GROUP)
        assert list(managers.values_list("email", flat=True)) == ["manager@demo.tandem.example"]

    def test_only_the_staff_login_is_staff_and_superuser(self):
        staff = User.objects.filter(is_staff=True)
        assert list(staff.values_list("email", flat=True)) == ["staff@demo.tandem.example"]
        assert staff.get().is_superuser

    def test_the_named_mentor_offers_python_and_team_leadership_with_room_for_three(self):
        mentor = Profile.objects.get(user__email="mentor@demo.tandem.example")
        assert mentor.accepts_requests
        assert mentor.capacity == 3
        offered = set(mentor.skills_offered.values_list("skill__slug", flat=True))
        assert {"python", "team-leadership"} <= offered

    def test_the_named_mentee_wants_python_data_analysis_and_product_skills(self):
        mentee = Profile.objects.get(user__email="mentee@demo.tandem.example")
        assert mentee.is_mentee
        assert not mentee.is_mentor
        wanted = set(mentee.skills_wanted.values_list("slug", flat=True))
        assert {"python", "data-analysis", "product-strategy"} <= wanted

    def test_a_deleted_demo_login_comes_back_on_the_next_load(self):
        User.objects.filter(email="mentor@demo.tandem.example").delete()
        report = demo_load(people=SMALL, seed=DEFAULT_SEED)
        assert report.named_created == 1
        assert User.objects.filter(email="mentor@demo.tandem.example").exists()
        assert User.objects.count() == 2 * SMALL - 1

    def test_the_both_login_holds_both_roles(self):
        both = Profile.objects.get(user__email="both@demo.tandem.example")
        assert both.roles == ["Mentee", "Mentor"]


@pytest.mark.usefixtures("small_load")
class TestDemoProfiles:
    def test_every_profile_passes_the_models_own_validation(self):
        for profile in Profile.objects.select_related("user"):
            profile.full_clean(exclude=["user"])

    def test_profiles_are_dated_when_their_person_finished_onboarding(self):
        for profile in Profile.objects.select_related("user"):
            assert profile.onboarded_at is not None
            assert profile.user.date_joined < profile.onboarded_at == profile.created_at


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
class TestDemoCommand:
    def test_refuses_without_allow_production_when_debug_is_off(self, settings):
        settings.DEBUG = False
        with pytest.raises(CommandError, match="--allow-production"):
            run_demo("--people", str(SMALL))
        assert not User.objects.exists()

    def test_runs_without_the_flag_when_debug_is_on(self, settings):
        settings.DEBUG = True
        run_demo("--people", str(SMALL))
        assert User.objects.count() == SMALL

    def test_prints_the_counts_the_logins_the_password_and_the_login_url(self, settings):
        settings.SITE_URL = "http://127.0.0.1:8000"  # TANDEM_SITE_URL, which `make run` sets
        output = run_demo("--people", str(SMALL), "--allow-production")
        assert f"Created {SMALL} people (15 mentors and 40 mentees" in output
        assert DEMO_PASSWORD in output
        assert "Sign in at  http://127.0.0.1:8000/accounts/login/" in output
        for role, email in DEMO_LOGINS:
            assert role in output
            assert email in output

    def test_the_login_link_follows_the_site_url(self):
        output = run_demo(
            "--people", str(SMALL), "--allow-production", "--site-url", "http://127.0.0.1:8044/"
        )
        assert "Sign in at  http://127.0.0.1:8044/accounts/login/" in output

    def test_once_does_not_load_twice(self):
        run_demo("--people", str(SMALL), "--allow-production", "--once")
        output = run_demo("--people", str(SMALL), "--allow-production", "--once")
        assert User.objects.count() == SMALL
        assert "already loaded" in output
        assert DEMO_PASSWORD in output

    def test_a_second_run_without_once_adds_new_people_and_one_set_of_logins(self):
        run_demo("--people", str(SMALL), "--allow-production")
        first = set(User.objects.values_list("email", flat=True))
        run_demo("--people", str(SMALL), "--allow-production")
        emails = list(User.objects.values_list("email", flat=True))
        assert len(emails) == 2 * SMALL
        assert first < set(emails)
        assert Organization.objects.count() == len(ORGANIZATIONS)
        assert EmailAddress.objects.count() == 2 * SMALL

    @pytest.mark.skipif(
        connection.vendor != "postgresql", reason="only PostgreSQL's statistics are updated"
    )
    def test_ends_with_the_planner_knowing_the_rows_on_postgresql(self):
        output = run_demo("--people", str(SMALL), "--allow-production")
        assert "planner statistics (ANALYZE)" in output
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = %s", [Profile._meta.db_table]
            )
            assert cursor.fetchone()[0] == SMALL

    def test_too_few_people_is_a_clear_error(self):
        with pytest.raises(CommandError, match="at least"):
            run_demo("--people", "3", "--allow-production")
        assert not User.objects.exists()
