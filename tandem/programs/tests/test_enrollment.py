"""Each way into a program: joining an open one, applying and a manager's answer (emailed
invitations are in test_invitations.py); and leaving, and pausing coffee."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.notifications.models import Notification
from tandem.organizations.models import Membership
from tandem.organizations.roles import member_add
from tandem.profiles.tests.factories import ProfileFactory
from tandem.programs.invitations import invitation_token
from tandem.programs.models import Match, Participant, Program
from tandem.programs.rules import ProgramInputError
from tandem.programs.services.enrollment import (
    answers_give,
    application_decide,
    coffee_opt,
    invitation_accept,
    program_apply,
    program_join,
    program_leave,
)
from tandem.programs.services.questions import question_add
from tandem.programs.tests.factories import (
    ParticipantFactory,
    ProgramFactory,
    insider,
    manager_of,
)
from tandem.programs.tests.worlds import coffee_pair, match_of, mentoring_pair

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


class TestOpen:
    def test_a_person_with_a_profile_picks_a_side_answers_and_is_in(self, now):
        program = ProgramFactory(enrollment=Program.Enrollment.OPEN)
        question = question_add(program=program, text="Your team?", required=True)
        person = insider(program.organization)
        place = program_join(
            program=program, user=person.user, role="mentor", answers={str(question.pk): "Data"},
            now=now,
        )  # fmt: skip
        assert (place.state, place.role) == (Participant.State.ACTIVE, Participant.Role.MENTOR)
        assert place.answers == {str(question.pk): "Data"}
        assert Membership.objects.filter(
            organization=program.organization, user=person.user
        ).exists()

    def test_joining_from_the_page(self, client):
        program = ProgramFactory(enrollment=Program.Enrollment.OPEN)
        person = insider(program.organization)
        client.force_login(person.user)
        assert client.get(reverse("programs:join", args=[program.slug])).status_code == 200
        response = client.post(reverse("programs:join", args=[program.slug]), {"role": "mentee"})
        assert response.status_code == 302
        assert Participant.objects.get(program=program).profile == person
        page = client.get(reverse("programs:detail", args=[program.slug])).content.decode()
        assert "You're in" in page

    def test_joining_twice_or_another_mode_is_refused(self, now):
        program = ProgramFactory(enrollment=Program.Enrollment.OPEN)
        organization = program.organization
        person = insider(organization)
        program_join(program=program, user=person.user, answers={}, now=now)
        with pytest.raises(RuleBroken, match="already taking part"):
            program_join(program=program, user=person.user, answers={}, now=now)
        with pytest.raises(NotFound):  # invitation only: not even seen without the link
            program_join(
                program=ProgramFactory(organization=organization, enrollment="invite"),
                user=person.user, answers={}, now=now,
            )  # fmt: skip
        with pytest.raises(RuleBroken, match="takes applications"):
            program_join(
                program=ProgramFactory(organization=organization, enrollment="apply"),
                user=person.user, answers={}, now=now,
            )  # fmt: skip

    def test_without_a_profile_nobody_joins(self, now):
        program = ProgramFactory()
        user = UserFactory()
        member_add(organization=program.organization, user=user)
        with pytest.raises(RuleBroken, match="profile"):
            program_join(program=program, user=user, answers={}, now=now)
        assert not Participant.objects.exists()

    def test_pools_have_no_sides_and_1to1_needs_one(self, now):
        coffee = ProgramFactory(kind=Program.Kind.COFFEE)
        organization = coffee.organization
        person = insider(organization)
        place = program_join(program=coffee, user=person.user, role="x", answers={}, now=now)
        assert place.role == Participant.Role.PEER
        mentoring = ProgramFactory(organization=organization)
        with pytest.raises(Exception, match="Choose your side"):
            program_join(program=mentoring, user=insider(organization).user,
                         role="peer", answers={}, now=now)  # fmt: skip


class TestApplyAndApprove:
    def test_apply_then_approve_tells_the_applicant(self, now):
        program = ProgramFactory(enrollment=Program.Enrollment.APPLY)
        person = insider(program.organization)
        place = program_apply(program=program, user=person.user, answers={}, now=now)
        assert place.state == Participant.State.APPLIED
        manager = manager_of(program.organization)
        application_decide(program=program, participant_id=place.pk, decision="approve",
                           actor=manager, now=now)  # fmt: skip
        place.refresh_from_db()
        assert (place.state, place.decided_by) == (Participant.State.ACTIVE, manager)
        notice = Notification.objects.get(recipient=person.user, kind="program_news")
        assert notice.title == f"You're in: {program.name}"
        assert notice.url == program.get_absolute_url()

    def test_a_decline_is_kind_and_an_answer_is_given_once(self, now):
        program = ProgramFactory(enrollment=Program.Enrollment.APPLY)
        person = insider(program.organization)
        place = program_apply(program=program, user=person.user, answers={}, now=now)
        manager = manager_of(program.organization)
        application_decide(program=program, participant_id=place.pk, decision="decline",
                           actor=manager, now=now)  # fmt: skip
        assert Participant.objects.get(pk=place.pk).state == Participant.State.DECLINED
        notice = Notification.objects.get(recipient=person.user, kind="program_news")
        assert "isn't about you" in notice.body
        with pytest.raises(IllegalTransition):
            application_decide(program=program, participant_id=place.pk, decision="approve",
                               actor=manager, now=now)  # fmt: skip
        with pytest.raises(RuleBroken, match="wasn't approved"):
            program_apply(program=program, user=person.user, answers={}, now=now)

    def test_a_manager_of_another_organization_cannot_decide(self, now):
        program = ProgramFactory(enrollment=Program.Enrollment.APPLY)
        person = insider(program.organization)
        place = program_apply(program=program, user=person.user, answers={}, now=now)
        outsider = manager_of(ProgramFactory().organization)
        with pytest.raises(NotFound):
            application_decide(program=program, participant_id=place.pk, decision="approve",
                               actor=outsider, now=now)  # fmt: skip
        assert Participant.objects.get(pk=place.pk).state == Participant.State.APPLIED

    def test_approving_inline_on_the_participants_page(self, client, now):
        program = ProgramFactory(enrollment=Program.Enrollment.APPLY)
        person = insider(program.organization)
        place = program_apply(program=program, user=person.user, answers={}, now=now)
        client.force_login(manager_of(program.organization))
        page = client.get(reverse("programs:participants", args=[program.slug]))
        assert "1 application waiting" in page.content.decode()
        url = reverse("programs:decide", args=[program.slug, place.pk, "approve"])
        assert client.post(url).status_code == 302
        assert client.post(url).status_code == 409  # answered already
        assert Participant.objects.get(pk=place.pk).state == Participant.State.ACTIVE


class TestLeavingAndCoffee:
    def test_leaving_declines_a_waiting_match_and_tells_the_other(self, now):
        mentee, mentor = mentoring_pair()
        match = match_of(mentee, mentor, now=now)
        program_leave(program=mentee.program, user=mentee.profile.user, now=now)
        assert Participant.objects.get(pk=mentee.pk).state == Participant.State.LEFT
        assert Match.objects.get(pk=match.pk).state == Match.State.DECLINED
        assert Notification.objects.filter(
            recipient=mentor.profile.user, kind="program_match"
        ).exists()
        with pytest.raises(IllegalTransition):
            program_leave(program=mentee.program, user=mentee.profile.user, now=now)

    def test_a_person_who_left_an_open_program_can_come_back(self, now):
        place = ParticipantFactory(program__enrollment=Program.Enrollment.OPEN)
        user = place.profile.user
        program_leave(program=place.program, user=user, now=now)
        again = program_join(program=place.program, user=user, answers={}, now=now)
        assert again.pk == place.pk
        assert again.state == Participant.State.ACTIVE

    def test_coffee_rounds_can_be_paused_and_resumed(self, client, now):
        first, _ = coffee_pair()
        user = first.profile.user
        coffee_opt(program=first.program, user=user, opted_in=False, now=now)
        assert not Participant.objects.get(pk=first.pk).opted_in
        client.force_login(user)
        client.post(reverse("programs:coffee", args=[first.program.slug]), {"opted_in": "yes"})
        assert Participant.objects.get(pk=first.pk).opted_in
        mentee, _ = mentoring_pair()
        with pytest.raises(IllegalTransition):
            coffee_opt(program=mentee.program, user=mentee.profile.user, opted_in=False, now=now)

    @pytest.mark.parametrize("answer", ["maybe", "", "YES", "on", None])
    def test_only_yes_or_no_is_taken_from_the_page(self, client, answer):
        first, _ = coffee_pair()
        client.force_login(first.profile.user)
        url = reverse("programs:coffee", args=[first.program.slug])
        response = client.post(url, {} if answer is None else {"opted_in": answer})
        assert response.status_code == 400
        assert "opt in, or pause them" in response.content.decode()
        assert Participant.objects.get(pk=first.pk).opted_in  # not paused
        assert client.post(url, {"opted_in": "no"}).status_code == 302
        assert not Participant.objects.get(pk=first.pk).opted_in


class TestDepartment:
    """People who join by themselves give their department (optional, 1:1 programs), which
    the rule "outside the mentee's department" reads; so far only the import set it."""

    def _program(self, **kwargs):
        return ProgramFactory(**{"enrollment": Program.Enrollment.OPEN, "name": "Grow", **kwargs})

    def test_joining_from_the_page_stores_it(self, client):
        program = self._program(rule_outside_department=True)
        person = insider(program.organization)
        client.force_login(person.user)
        url = reverse("programs:join", args=[program.slug])
        page = client.get(url).content.decode()
        assert "Your department (optional)" in page
        assert "a mentor from another department" in page  # the rule is on: say why
        data = {"role": "mentee", "department": "  Data   Science "}
        assert client.post(url, data).status_code == 302
        assert Participant.objects.get(program=program).department == "Data Science"

    def test_it_is_optional(self, client):
        program = self._program()
        client.force_login(insider(program.organization).user)
        url = reverse("programs:join", args=[program.slug])
        assert client.post(url, {"role": "mentor"}).status_code == 302
        assert Participant.objects.get(program=program).department == ""

    def test_a_department_too_long_is_refused_on_its_field(self, client):
        program = self._program()
        client.force_login(insider(program.organization).user)
        url = reverse("programs:join", args=[program.slug])
        response = client.post(url, {"role": "mentee", "department": "x" * 121})
        assert response.status_code == 400
        assert "department" in response.context["form"].errors
        assert not Participant.objects.exists()

    def test_the_service_refuses_it_too(self, now):
        program = self._program()
        person = insider(program.organization)
        with pytest.raises(ProgramInputError) as refused:
            program_join(program=program, user=person.user, answers={}, department="x" * 121,
                         now=now)  # fmt: skip
        assert refused.value.field == "department"
        assert not Participant.objects.exists()

    def test_applying_stores_it(self, now):
        program = self._program(enrollment=Program.Enrollment.APPLY)
        person = insider(program.organization)
        place = program_apply(program=program, user=person.user, answers={}, department="Sales",
                              now=now)  # fmt: skip
        assert place.department == "Sales"

    def test_accepting_an_invitation_stores_it(self, client):
        program = ProgramFactory(enrollment=Program.Enrollment.INVITE)
        person = ProfileFactory()
        token = invitation_token(program_id=program.pk, email=person.user.email, now=timezone.now())
        client.force_login(person.user)
        path = reverse("programs:invitation", args=[token])
        assert "Your department (optional)" in client.get(path).content.decode()
        assert client.post(path, {"role": "mentor", "department": "Legal"}).status_code == 302
        assert Participant.objects.get(program=program, profile=person).department == "Legal"

    def test_changing_ones_answers_changes_it_and_the_form_shows_it(self, client):
        place = ParticipantFactory(program__enrollment=Program.Enrollment.OPEN, department="Ops")
        client.force_login(place.profile.user)
        url = reverse("programs:join", args=[place.program.slug])
        form = client.get(url).context["form"]
        assert form["department"].value() == "Ops"
        assert client.post(url, {"department": "Finance"}).status_code == 302
        assert Participant.objects.get(pk=place.pk).department == "Finance"

    def test_an_imported_department_stays_when_none_is_given(self, now):
        place = ParticipantFactory(department="Research")
        token = invitation_token(
            program_id=place.program.pk, email=place.profile.user.email, now=now
        )
        Participant.objects.filter(pk=place.pk).update(state=Participant.State.LEFT)
        again = invitation_accept(token=token, user=place.profile.user, answers={}, now=now)
        assert again.department == "Research"
        answers_give(program=place.program, user=place.profile.user, answers={}, now=now)
        assert Participant.objects.get(pk=place.pk).department == "Research"

    def test_pools_do_not_ask(self, client, now):
        program = self._program(kind=Program.Kind.COFFEE)
        person = insider(program.organization)
        client.force_login(person.user)
        url = reverse("programs:join", args=[program.slug])
        assert "department" not in client.get(url).context["form"].fields
        place = program_join(program=program, user=person.user, answers={}, department="Ops",
                             now=now)  # fmt: skip
        assert place.department == ""
