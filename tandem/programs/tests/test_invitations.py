"""An emailed invitation into a program: valid, expired, changed, someone else's; and who
may send them, to whom."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.core.errors import NotFound
from tandem.profiles.tests.factories import ProfileFactory
from tandem.programs.invitations import InvitationExpired, InvitationRefused, invitation_token
from tandem.programs.models import Participant, Program
from tandem.programs.services.enrollment import invitation_accept, invitations_send
from tandem.programs.tests.factories import ParticipantFactory, ProgramFactory, manager_of

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


class TestInvitations:
    def _invite(self, program, email, now):
        return invitations_send(
            program=program, emails=[email], actor=manager_of(program.organization), now=now
        )

    def test_the_email_carries_a_link_that_lets_the_person_in(self, client):
        program = ProgramFactory(enrollment=Program.Enrollment.INVITE, name="Women in Data")
        person = ProfileFactory()
        now = timezone.now()  # the page reads the real clock
        assert self._invite(program, person.user.email.upper(), now) == [person.user.email]
        (email,) = mail.outbox
        assert email.to == [person.user.email]
        assert "invites you to Women in Data" in email.subject
        link = next(line for line in email.body.splitlines() if "/program-invitations/" in line)
        path = link.strip().removeprefix("http://testserver")
        client.force_login(person.user)
        assert client.get(path).status_code == 200
        assert client.post(path, {"role": "mentee"}).status_code == 302
        assert Participant.objects.get(program=program, profile=person).state == "active"

    def test_an_invitation_to_an_apply_program_skips_the_approval(self, now):
        program = ProgramFactory(enrollment=Program.Enrollment.APPLY)
        person = ProfileFactory()
        token = invitation_token(program_id=program.pk, email=person.user.email, now=now)
        place = invitation_accept(token=token, user=person.user, answers={}, now=now + DAY)
        assert place.state == Participant.State.ACTIVE

    def test_a_confirmed_second_address_counts(self, now):
        program = ProgramFactory(enrollment=Program.Enrollment.INVITE)
        person = ProfileFactory()
        EmailAddress.objects.create(user=person.user, email="me@work.example", verified=True)
        token = invitation_token(program_id=program.pk, email="me@work.example", now=now)
        assert invitation_accept(token=token, user=person.user, answers={}, now=now).pk

    def test_an_expired_link_is_refused(self, client, now):
        program = ProgramFactory(enrollment=Program.Enrollment.INVITE)
        person = ProfileFactory()
        token = invitation_token(program_id=program.pk, email=person.user.email, now=now)
        later = now + 14 * DAY
        with pytest.raises(InvitationExpired, match="expired on"):
            invitation_accept(token=token, user=person.user, answers={}, now=later)
        client.force_login(person.user)
        response = client.get(reverse("programs:invitation", args=[token]))
        assert response.status_code == 410
        assert "expired on" in response.content.decode()
        assert not Participant.objects.exists()

    def test_a_changed_link_is_refused(self, client, now):
        program = ProgramFactory(enrollment=Program.Enrollment.INVITE)
        person = ProfileFactory()
        token = invitation_token(program_id=program.pk, email=person.user.email, now=now)
        tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
        with pytest.raises(InvitationRefused, match="was changed"):
            invitation_accept(token=tampered, user=person.user, answers={}, now=now)
        client.force_login(person.user)
        for method in (client.get, client.post):
            response = method(reverse("programs:invitation", args=[tampered]))
            assert response.status_code == 404
            assert "was changed" in response.content.decode()
        assert not Participant.objects.exists()

    def test_a_link_for_another_address_is_refused_and_shows_nothing(self, client):
        now = timezone.now()
        program = ProgramFactory(enrollment=Program.Enrollment.INVITE, name="Secret Circle")
        token = invitation_token(program_id=program.pk, email="someone@else.example", now=now)
        person = ProfileFactory()
        with pytest.raises(InvitationRefused, match="another email address"):
            invitation_accept(token=token, user=person.user, answers={}, now=now)
        client.force_login(person.user)
        response = client.post(reverse("programs:invitation", args=[token]), {"role": "mentee"})
        assert response.status_code == 404
        page = response.content.decode()
        assert "another email address" in page
        assert "Secret Circle" not in page
        assert not Participant.objects.exists()

    def test_signing_in_comes_first(self, client, now):
        token = invitation_token(program_id=ProgramFactory().pk, email="a@b.example", now=now)
        response = client.get(reverse("programs:invitation", args=[token]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_bad_addresses_are_named_and_nothing_is_sent(self, now):
        program = ProgramFactory()
        with pytest.raises(Exception, match="“not-an-address” isn't an email address"):
            invitations_send(program=program, emails=["ok@example.com", "not-an-address"],
                             actor=manager_of(program.organization), now=now)  # fmt: skip
        assert not mail.outbox

    def test_people_already_in_are_left_out(self, now):
        place = ParticipantFactory()
        invited = invitations_send(
            program=place.program, emails=[place.profile.user.email, "new@example.com"],
            actor=manager_of(place.program.organization), now=now,
        )  # fmt: skip
        assert invited == ["new@example.com"]

    def test_only_the_programs_managers_invite(self, now):
        program = ProgramFactory()
        with pytest.raises(NotFound):
            invitations_send(program=program, emails=["x@example.com"],
                             actor=manager_of(ProgramFactory().organization), now=now)  # fmt: skip
        assert not mail.outbox
