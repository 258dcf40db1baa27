"""Deleting an account end to end: the confirm page, what goes, and what the other side of
the mentorship still sees ("a former member", never the name or the email)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils.html import escape

from tandem.accounts.models import FORMER_MEMBER, User
from tandem.accounts.tests.factories import PASSWORD
from tandem.core.tests.clock import NOW
from tandem.meetings.models import CalendarFeed, Meeting, MeetingFeedback, Note, ThankYou
from tandem.meetings.recipients import Recipients
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, AskFactory
from tandem.notifications.models import Notification
from tandem.privacy.services import account_delete
from tandem.privacy.tests.world import (
    FEEDBACK,
    MENTEE_PRIVATE,
    MENTEE_SHARED,
    MENTOR_PRIVATE,
    MENTOR_SHARED,
    THANKS,
    world,
)
from tandem.profiles.models import Profile
from tandem.profiles.tests.factories import MentorProfileFactory
from tandem.reports.exports.base import person

DELETE = reverse("privacy:delete")


def delete_through_the_page(client, user):
    client.force_login(user)
    return client.post(DELETE, {"confirm": "DELETE", "password": PASSWORD})


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
class TestDeleteEndToEnd:
    def test_the_other_side_keeps_its_records_showing_a_former_member(self, client):
        w = world()
        name, email = w.mentee.user.display_name, w.mentee.user.email
        CalendarFeed.objects.create(user=w.mentee.user)

        response = delete_through_the_page(client, w.mentee.user)
        assert response.status_code == 302
        assert response["Location"] == reverse("privacy:deleted")
        assert "_auth_user_id" not in client.session  # signed out
        assert "account is deleted" in page(client, reverse("privacy:deleted"))

        # What went.
        gone = User.objects.get(pk=w.mentee.user.pk)
        assert (gone.first_name, gone.last_name, gone.is_active) == ("", "", False)
        assert gone.email != email
        assert not gone.has_usable_password()
        assert gone.display_name == FORMER_MEMBER
        assert not EmailAddress.objects.filter(user=gone).exists()
        assert not Notification.objects.filter(recipient=gone).exists()
        assert not CalendarFeed.objects.filter(user=gone).exists()
        assert not Note.objects.filter(text=MENTEE_PRIVATE).exists()
        profile = Profile.objects.get(pk=w.mentee.pk)
        assert (profile.headline, profile.is_mentee, profile.visibility) == ("", False, "hidden")

        # What the other side keeps.
        w.mentorship.refresh_from_db()
        assert w.mentorship.state == Mentorship.State.CLOSED
        assert Meeting.objects.get(pk=w.ahead.pk).state == Meeting.State.CANCELLED
        assert Meeting.objects.get(pk=w.held.pk).state == Meeting.State.HELD
        kept = set(Note.objects.values_list("text", flat=True))
        assert kept == {MENTEE_SHARED, MENTOR_SHARED, MENTOR_PRIVATE}
        assert ThankYou.objects.filter(text=THANKS).exists()
        assert MeetingFeedback.objects.filter(appreciated=FEEDBACK).count() == 2
        told = Notification.objects.filter(recipient=w.mentor.user).first()
        assert told is not None
        assert told.title == "A former member closed the mentorship"
        assert "Ada" not in "".join(
            Notification.objects.filter(recipient=w.mentor.user).values_list("title", flat=True)
        )

        client.force_login(w.mentor.user)
        pages = [
            page(client, reverse("mentorships:dashboard")),
            page(client, w.mentorship.get_absolute_url()),
            page(client, w.held.get_absolute_url()),
            page(client, reverse("notifications:list")),
        ]
        for html in pages:
            assert name not in html
            assert email not in html
        for html in pages[:3]:
            assert FORMER_MEMBER in html
        meeting = pages[2]
        assert escape(MENTEE_SHARED) in meeting  # their shared note stays, by a former member
        assert escape(MENTOR_PRIVATE) in meeting  # the mentor's own private note is theirs
        assert escape(MENTEE_PRIVATE) not in meeting
        # The empty profile is no one's to open, and no longer listed.
        assert client.get(w.mentee.get_absolute_url()).status_code == 404

    def test_the_deleted_person_cannot_sign_in(self, client):
        w = world()
        email = w.mentee.user.email
        delete_through_the_page(client, w.mentee.user)
        assert not client.login(email=email, password=PASSWORD)
        response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
        assert "_auth_user_id" not in client.session
        assert response.status_code == 200  # the form again, with its error

    def test_a_deleted_mentor_leaves_the_directory_and_frees_the_place(self, client):
        mentor = MentorProfileFactory(user__first_name="Zoltan", user__last_name="Quist")
        mentorship = ActiveMentorshipFactory(mentor=mentor)
        waiting = AskFactory(mentor=mentor)
        client.force_login(mentorship.mentee.user)
        assert "Zoltan" in page(client, reverse("profiles:directory"))

        account_delete(user=mentor.user, now=NOW)

        assert "Zoltan" not in page(client, reverse("profiles:directory"))
        assert Profile.objects.get(pk=mentor.pk).places_taken == 0
        assert Ask.objects.get(pk=waiting.pk).state == Ask.State.DECLINED
        html = page(client, mentorship.get_absolute_url())
        assert "Zoltan" not in html
        assert FORMER_MEMBER in html

    def test_a_completed_mentorship_shows_no_contact_details(self, client):
        mentorship = ActiveMentorshipFactory()
        mentee = mentorship.mentee
        mentorship_move(
            mentorship=mentorship, actor=mentee.user, to_state=Mentorship.State.COMPLETED,
            now=NOW,
        )  # fmt: skip
        account_delete(user=mentee.user, now=NOW)
        mentorship.refresh_from_db()
        assert mentorship.state == Mentorship.State.COMPLETED  # finished ones stay as they were
        client.force_login(mentorship.mentor.user)
        html = page(client, mentorship.get_absolute_url())
        assert "A former member has left Tandem" in html
        assert "deleted.invalid" not in html

    def test_a_second_deletion_changes_nothing(self):
        w = world()
        account_delete(user=w.mentee.user, now=NOW)
        user = User.objects.get(pk=w.mentee.user.pk)
        before = (user.email, user.deleted_at, Notification.objects.count())
        account_delete(user=user, now=NOW.replace(year=2027))
        user.refresh_from_db()
        assert (user.email, user.deleted_at, Notification.objects.count()) == before

    def test_names_read_without_the_model_say_a_former_member_too(self):
        w = world()
        account_delete(user=w.mentee.user, now=NOW)
        user = User.objects.get(pk=w.mentee.user.pk)
        assert Recipients([user.pk]).name(user.pk) == FORMER_MEMBER
        assert person(user.first_name, user.last_name, user.email) == FORMER_MEMBER


@pytest.mark.django_db
class TestConfirmPage:
    def test_the_page_says_what_goes_and_what_stays(self, client, user):
        client.force_login(user)
        html = page(client, DELETE)
        assert "What the other side keeps" in html
        assert "a former member" in html

    @pytest.mark.parametrize(
        ("confirm", "password", "field"),
        [("delete", PASSWORD, "confirm"), ("DELETE", "not-my-password", "password")],
    )
    def test_a_wrong_word_or_password_deletes_nothing(self, client, user, confirm, password, field):
        client.force_login(user)
        response = client.post(DELETE, {"confirm": confirm, "password": password})
        assert response.status_code == 200
        assert response.context["form"].errors[field]
        user.refresh_from_db()
        assert user.is_active
        assert user.deleted_at is None

    def test_the_email_address_confirms_too(self, client, user):
        client.force_login(user)
        client.post(DELETE, {"confirm": user.email.upper(), "password": PASSWORD})
        user.refresh_from_db()
        assert user.is_former_member

    def test_a_get_changes_nothing_and_signed_out_asks_to_sign_in(self, client, user):
        assert client.get(DELETE).status_code == 302
        client.force_login(user)
        client.get(DELETE)
        user.refresh_from_db()
        assert user.is_active
