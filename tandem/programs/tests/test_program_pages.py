"""The manager's pages (Programs I run, create, settings, questions, participants, invite,
managers) and the program page, as their people use them; reading never writes, and lists
cost the same queries however long they are."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import NotFound
from tandem.organizations.models import Membership
from tandem.organizations.roles import is_manager
from tandem.profiles.tests.factories import OrganizationFactory, ProfileFactory
from tandem.programs.models import Participant, Program
from tandem.programs.selectors.participants import invite_page_for
from tandem.programs.selectors.programs import settings_page_for
from tandem.programs.services.enrollment import program_apply
from tandem.programs.tests.factories import (
    ParticipantFactory,
    ProgramFactory,
    insider,
    manager_of,
)

pytestmark = pytest.mark.django_db


def settings_post(program: Program, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": program.name, "description": "", "starts_on": "", "ends_on": "",
        "enrollment": program.enrollment, "publish_as": program.publish_as,
        "cycle": program.cycle, "coffee_minutes": program.coffee_minutes,
        "rule_outside_reporting_line": "on", "rule_shared_language": "on",
        "rule_max_timezone_gap": "", "rule_min_level_gap": "", "mentor_capacity": 1,
        "agreement_cadence": "1m", "agreement_minutes": 45, "agreement_term_months": 6,
    }  # fmt: skip
    data.update(changes)
    return data


class TestManagers:
    def test_creating_a_program_for_an_organization_one_manages(self, client):
        acme = OrganizationFactory(name="Acme")
        client.force_login(manager_of(acme))
        assert client.get(reverse("programs:create")).status_code == 200
        response = client.post(reverse("programs:create"), {
            "organization": acme.pk, "name": "Coffee at Acme", "kind": "coffee",
            "enrollment": "open", "description": "", "starts_on": "", "ends_on": "",
        })  # fmt: skip
        program = Program.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("programs:settings", args=[program.slug])
        assert (program.organization, program.kind) == (acme, Program.Kind.COFFEE)
        page = client.get(reverse("programs:manage")).content.decode()
        assert "Coffee at Acme" in page

    def test_nobody_creates_for_an_organization_they_do_not_manage(self, client):
        acme, other = OrganizationFactory(), OrganizationFactory()
        client.force_login(manager_of(other))
        response = client.post(reverse("programs:create"), {
            "organization": acme.pk, "name": "Mine now", "kind": "mentoring",
            "enrollment": "open",
        })  # fmt: skip
        assert response.status_code == 400
        client.force_login(ProfileFactory().user)
        assert client.get(reverse("programs:create")).status_code == 404
        assert not Program.objects.exists()

    def test_settings_save_every_field_and_weights_as_numbers(self, client):
        program = ProgramFactory()
        client.force_login(manager_of(program.organization))
        url = reverse("programs:settings", args=[program.slug])
        assert client.get(url).status_code == 200
        response = client.post(url, settings_post(
            program, name="Mentoring 2027", enrollment="apply", rule_max_timezone_gap=3,
            rule_outside_department="on", mentor_capacity=2, agreement_cadence="2w",
            agreement_minutes=60, agreement_term_months=9, weight_skills=70, weight_goals=0,
        ))  # fmt: skip
        assert response.status_code == 302
        program.refresh_from_db()
        assert (program.name, program.enrollment, program.rule_max_timezone_gap) == (
            "Mentoring 2027", "apply", 3,
        )  # fmt: skip
        assert program.rule_outside_department
        assert not program.rule_min_level_gap
        assert (program.mentor_capacity, program.agreement_cadence) == (2, "2w")
        assert (program.agreement_minutes, program.agreement_term_months) == (60, 9)
        assert program.weights["skills"] == 70
        assert program.weights["goals"] == 0
        assert program.weights["timezone"] == 5

    def test_settings_refuse_bad_input_by_field(self, client):
        program = ProgramFactory(name="Before")
        client.force_login(manager_of(program.organization))
        url = reverse("programs:settings", args=[program.slug])
        response = client.post(url, settings_post(
            program, name="After", starts_on="2027-03-01", ends_on="2027-01-01",
        ))  # fmt: skip
        assert response.status_code == 400
        assert "cannot end before it starts" in response.content.decode()
        zero = {
            f"weight_{f}": 0
            for f in (
                "skills",
                "goals",
                "direction",
                "level_gap",
                "timezone",
                "meeting",
                "mentoring_type",
                "availability",
            )
        }
        assert client.post(url, settings_post(program, **zero)).status_code == 400
        assert client.post(url, settings_post(program, agreement_minutes=90)).status_code == 400
        program.refresh_from_db()
        assert program.name == "Before"
        assert program.weights == {}

    def test_inviting_people_by_email(self, client):
        program = ProgramFactory(enrollment=Program.Enrollment.INVITE)
        client.force_login(manager_of(program.organization))
        url = reverse("programs:invite", args=[program.slug])
        assert client.get(url).status_code == 200
        response = client.post(url, {"emails": "a@example.com, b@example.com\nA@example.com"})
        assert response.status_code == 302
        assert sorted(m.to[0] for m in mail.outbox) == ["a@example.com", "b@example.com"]
        assert client.post(url, {"emails": "nope"}).status_code == 400

    def test_a_manager_gives_a_member_the_role(self, client):
        place = ParticipantFactory()
        organization = place.program.organization
        client.force_login(manager_of(organization))
        url = reverse("programs:managers", args=[place.program.slug])
        assert client.get(url).status_code == 200
        member = place.profile.user
        assert client.post(url, {"email": member.email.upper()}).status_code == 302
        assert is_manager(member, organization)
        stranger = UserFactory()
        response = client.post(url, {"email": stranger.email})
        assert response.status_code == 400
        assert "No member of" in response.content.decode()
        assert not Membership.objects.filter(user=stranger).exists()

    def test_the_participants_list_filters_and_answers_applications(self, client, now):
        program = ProgramFactory(enrollment=Program.Enrollment.APPLY)
        ParticipantFactory(program=program)
        ParticipantFactory(program=program, role="mentor")
        person = insider(program.organization)
        applicant = program_apply(program=program, user=person.user, answers={}, now=now)
        client.force_login(manager_of(program.organization))
        url = reverse("programs:participants", args=[program.slug])
        page = client.get(url).content.decode()
        assert "3 in all · 1 waiting for approval · 2 taking part." in page
        assert page.index(applicant.profile.user.display_name) < page.index(
            "state-badge state-active"
        )
        only = client.get(url, {"role": "mentor"}).context["page"]
        assert [p.role for p in only] == ["mentor"]
        assert client.get(url, {"state": "bogus"}).status_code == 200

    def test_programs_i_run_costs_the_same_for_3_or_12_programs(
        self, client, django_assert_max_num_queries
    ):
        acme = OrganizationFactory()
        manager = manager_of(acme)
        client.force_login(manager)
        for _ in range(3):
            ParticipantFactory(program=ProgramFactory(organization=acme))
        client.get(reverse("programs:manage"))
        with django_assert_max_num_queries(20) as few:
            client.get(reverse("programs:manage"))
        for _ in range(9):
            ParticipantFactory(program=ProgramFactory(organization=acme))
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(reverse("programs:manage")).content.decode()
        assert page.count("1 taking part") == 12

    def test_the_participants_list_costs_the_same_for_3_or_12_people(
        self, client, django_assert_max_num_queries
    ):
        program = ProgramFactory()
        client.force_login(manager_of(program.organization))
        url = reverse("programs:participants", args=[program.slug])
        for _ in range(3):
            ParticipantFactory(program=program)
        client.get(url)
        with django_assert_max_num_queries(20) as few:
            client.get(url)
        for _ in range(9):
            ParticipantFactory(program=program)
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(url).content.decode()
        assert page.count('class="state-badge state-active"') == 12


class TestTheProgramPage:
    def test_an_open_program_invites_a_join_and_an_apply_one_an_application(self, client):
        open_ = ProgramFactory(enrollment=Program.Enrollment.OPEN, name="Open Doors")
        client.force_login(insider(open_.organization).user)
        page = client.get(open_.get_absolute_url()).content.decode()
        assert "Join Open Doors" in page
        apply = ProgramFactory(organization=open_.organization, enrollment="apply")
        page = client.get(apply.get_absolute_url()).content.decode()
        assert "Apply to take part" in page

    def test_an_invitation_only_program_is_hidden_from_others(self, client):
        program = ProgramFactory(enrollment=Program.Enrollment.INVITE)
        client.force_login(ProfileFactory().user)
        assert client.get(program.get_absolute_url()).status_code == 404
        assert client.get(reverse("programs:join", args=[program.slug])).status_code == 404

    def test_a_participant_sees_their_side_answers_next_step_and_the_way_out(self, client, now):
        place = ParticipantFactory(role="mentor")
        client.force_login(place.profile.user)
        page = client.get(place.program.get_absolute_url()).content.decode()
        assert "You take part as a mentor." in page
        assert "Nothing to do until the program introduces your match." in page
        client.post(reverse("programs:leave", args=[place.program.slug]))
        assert Participant.objects.get(pk=place.pk).state == Participant.State.LEFT

    def test_someone_without_a_profile_is_asked_for_one_first(self, client):
        program = ProgramFactory(organization__email_domain="acme.example")
        client.force_login(UserFactory(email="new@acme.example"))  # of it, by a verified address
        page = client.get(program.get_absolute_url()).content.decode()
        assert "set up your profile" in page
        response = client.post(reverse("programs:join", args=[program.slug]), {"role": "mentee"})
        assert response.status_code == 409
        assert not Participant.objects.exists()


class TestPageSelectors:
    """The settings and invitations pages read through one page selector each, like the
    others: the program for its managers, NotFound for anyone else, and the view renders
    what the selector gave."""

    @pytest.mark.parametrize(
        ("name", "selector"), [("settings", settings_page_for), ("invite", invite_page_for)]
    )
    def test_one_selector_per_page(self, client, monkeypatch, name, selector):
        program = ProgramFactory(name="Read Once")
        manager = manager_of(program.organization)
        assert selector(slug=program.slug, user=manager).program == program
        with pytest.raises(NotFound):
            selector(slug=program.slug, user=manager_of(OrganizationFactory()))
        with pytest.raises(NotFound):
            selector(slug=program.slug, user=insider(program.organization).user)
        called = []
        module = "programs" if name == "settings" else "participants"

        def spy(**kwargs):
            called.append(kwargs)
            return selector(**kwargs)

        monkeypatch.setattr(f"tandem.programs.views.{module}.{selector.__name__}", spy)
        client.force_login(manager)
        response = client.get(reverse(f"programs:{name}", args=[program.slug]))
        assert response.status_code == 200
        assert called == [{"slug": program.slug, "user": manager}]
        assert response.context["program"] == program
