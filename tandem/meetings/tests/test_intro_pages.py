"""The ask and intro pages around booking (issue 10, item 7): the mentor picks one of the
mentee's times on the ask page, each shown on both clocks; "none of these work" leads to
offering times; the intro page leads with the booked meeting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from tandem.meetings.models import Meeting
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.tests.factories import AskFactory
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

DAY = timedelta(days=1)


def days_ahead(days: int, hour: int) -> datetime:
    """A whole hour some days from the real clock (the pages read it), in UTC."""
    day = (timezone.now() + days * DAY).date()
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def ask_with(times: list[datetime]) -> Ask:
    """A waiting ask from Aiko in Tokyo to a mentor on UTC, suggesting `times`."""
    mentee = ProfileFactory(timezone="Asia/Tokyo", user__first_name="Aiko")
    mentor = MentorProfileFactory(timezone="UTC")
    return AskFactory.create(
        mentee=mentee, mentor=mentor, proposed_times=[t.isoformat() for t in times],
        now=timezone.now() - DAY,
    )  # fmt: skip


def book(client, ask: Ask, **data: str):
    client.force_login(ask.mentor.user)
    return client.post(reverse("meetings:ask_book", args=[ask.pk]), data)


@pytest.mark.django_db
class TestPickingATimeOnTheAskPage:
    def test_each_time_is_shown_on_both_clocks(self, client):
        morning, evening = days_ahead(3, 9), days_ahead(4, 20)
        ask = ask_with([morning, evening])
        client.force_login(ask.mentor.user)
        page = client.get(ask.get_absolute_url()).content.decode()
        assert "Accept and book this time" in page
        assert "None of these work" in page
        assert "Accept the intro</button>" not in page
        tokyo_next_day = (evening + 9 * timedelta(hours=1)).strftime("%a %-d %b, %H:%M")
        mine = f"{morning:%a %-d %b}, 09:00</time> (your time)"
        assert f"{mine} · 18:00 for Aiko in Asia/Tokyo" in page
        assert f"20:00</time> (your time) · {tokyo_next_day} for Aiko in Asia/Tokyo" in page

    def test_picking_a_time_books_the_intro_and_opens_the_mentorship(self, client):
        ask = ask_with([days_ahead(3, 9), days_ahead(4, 20)])
        response = book(client, ask, time=days_ahead(4, 20).isoformat())
        meeting = Meeting.objects.get()
        assert response.status_code == 302
        assert response["Location"] == meeting.mentorship.get_absolute_url()
        assert (meeting.state, meeting.starts_at) == ("scheduled", days_ahead(4, 20))

    @pytest.mark.parametrize("time", ["", "tomorrow", "2030-01-01T10:00"])
    def test_a_time_not_offered_or_unreadable_is_a_bad_request(self, client, time):
        ask = ask_with([days_ahead(3, 9)])
        response = book(client, ask, time=time)
        assert response.status_code == 400
        ask.refresh_from_db()
        assert (ask.state, Meeting.objects.exists()) == ("pending", False)

    def test_a_time_that_has_passed_is_refused(self, client):
        ask = ask_with([timezone.now() - 2 * timedelta(hours=1), days_ahead(3, 9)])
        passed = datetime.fromisoformat(ask.proposed_times[0])
        response = book(client, ask, time=passed.isoformat())
        assert response.status_code == 409
        assert "That time has passed" in response.content.decode()
        ask.refresh_from_db()
        assert ask.state == "pending"

    def test_none_of_these_work_accepts_and_leads_to_offering_times(self, client):
        ask = ask_with([days_ahead(3, 9)])
        response = book(client, ask, time=days_ahead(3, 9).isoformat(), none="1")
        mentorship = Mentorship.objects.get()
        assert response["Location"] == reverse("meetings:for_mentorship", args=[mentorship.pk])
        assert not Meeting.objects.exists()
        [said] = get_messages(response.wsgi_request)
        assert "offer two or three of your own" in str(said)
        page = client.get(response["Location"]).content.decode()
        assert "Offer times to meet" in page

    def test_without_suggested_times_the_plain_accept_stays(self, client):
        ask = ask_with([])
        client.force_login(ask.mentor.user)
        page = client.get(ask.get_absolute_url()).content.decode()
        assert "Accept the intro</button>" in page
        assert "Accept and book this time" not in page

    def test_when_every_suggested_time_has_passed_the_mentor_accepts_and_offers(self, client):
        ask = ask_with([timezone.now() - timedelta(hours=3)])
        client.force_login(ask.mentor.user)
        page = client.get(ask.get_absolute_url()).content.decode()
        assert "suggested have passed" in page
        assert "Accept and offer times" in page

    def test_the_mentee_cannot_book_their_own_ask(self, client):
        ask = ask_with([days_ahead(3, 9)])
        client.force_login(ask.mentee.user)
        response = client.post(
            reverse("meetings:ask_book", args=[ask.pk]), {"time": days_ahead(3, 9).isoformat()}
        )
        assert response.status_code == 409
        assert not Mentorship.objects.exists()


@pytest.mark.django_db
class TestTheIntroPageLeadsWithTheMeeting:
    def test_the_intro_part_shows_the_time_box_and_the_invite(self, client):
        ask = ask_with([days_ahead(3, 9)])
        book(client, ask, time=days_ahead(3, 9).isoformat())
        mentorship, meeting = Mentorship.objects.get(), Meeting.objects.get()
        page = client.get(mentorship.get_absolute_url()).content.decode()
        lead = page.index("?part=intro")
        assert lead < page.index("contact-title") < page.index("agreement-title")
        part = client.get(
            reverse("meetings:for_mentorship", args=[mentorship.pk]) + "?part=intro",
            headers={"HX-Request": "true"},
        ).content.decode()
        assert part.lstrip().startswith('<section id="intro-meeting"')
        assert f"{days_ahead(3, 9):%A %-d %B %Y}, 09:00" in part
        assert "20-minute time box" in part
        assert reverse("calendar:invite", args=[meeting.pk]) in part
        assert meeting.get_absolute_url() in part

    def test_the_mentee_is_told_the_agreement_comes_after_the_intro(self, client):
        ask = ask_with([days_ahead(3, 9)])
        book(client, ask, time=days_ahead(3, 9).isoformat())
        client.force_login(ask.mentee.user)
        page = client.get(Mentorship.objects.get().get_absolute_url()).content.decode()
        assert "After your intro, you can propose an agreement" in page
        assert "Propose this agreement" not in page

    def test_without_a_booked_intro_the_part_offers_times(self, client):
        ask = ask_with([])
        client.force_login(ask.mentor.user)
        client.post(reverse("mentorships:ask_answer", args=[ask.pk, "accept"]))
        mentorship = Mentorship.objects.get()
        part = client.get(
            reverse("meetings:for_mentorship", args=[mentorship.pk]) + "?part=intro",
            headers={"HX-Request": "true"},
        ).content.decode()
        assert "No time is booked yet" in part
        assert "Offer times for the intro" in part
