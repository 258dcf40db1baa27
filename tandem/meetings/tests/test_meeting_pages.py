"""Meeting pages: who sees what (private notes never cross), refusals, and query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.meetings import services
from tandem.meetings.models import AgendaItem, Meeting, Note
from tandem.meetings.tests.factories import ProposedMeetingFactory
from tandem.mentorships.tests.factories import ActiveMentorshipFactory, IntroFactory
from tandem.profiles.tests.factories import ProfileFactory

DAY = timedelta(days=1)


@pytest.mark.django_db
class TestMeetingPages:
    def test_offering_times_from_the_page(self, client):
        now = timezone.now()  # the pages read the real clock
        mentorship = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        client.force_login(mentorship.mentee.user)
        when = (timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT10:00")
        response = client.post(
            reverse("meetings:for_mentorship", args=[mentorship.pk]),
            {"slot_1": when, "minutes": "30"},
        )
        meeting = Meeting.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
        assert meeting.minutes == 30

    def test_a_past_time_is_a_clear_error_and_nothing_is_made(self, client):
        now = timezone.now()  # the pages read the real clock
        mentorship = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        client.force_login(mentorship.mentee.user)
        response = client.post(
            reverse("meetings:for_mentorship", args=[mentorship.pk]),
            {"slot_1": "2001-01-01T10:00", "minutes": "30"},
        )
        assert response.status_code == 400
        assert "in the future" in response.content.decode()
        assert not Meeting.objects.exists()

    def test_the_other_side_sees_the_times_and_the_time_box(self, client):
        now = timezone.now()  # the pages read the real clock
        intro = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        meeting = ProposedMeetingFactory(mentorship=intro, now=now)
        client.force_login(meeting.mentorship.mentor.user)
        page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
        assert "20-minute time box" in page
        assert "Pick this time" in page

    def test_private_notes_never_reach_the_other_sides_page(self, client):
        now = timezone.now()  # the pages read the real clock
        intro = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        meeting = ProposedMeetingFactory(mentorship=intro, now=now)
        mentee, mentor = meeting.mentorship.mentee.user, meeting.mentorship.mentor.user
        services.note_add(
            meeting=meeting, actor=mentee, text="Nervous about this", is_private=True, now=now
        )
        services.note_add(
            meeting=meeting, actor=mentee, text="Bring the CV", is_private=False, now=now
        )
        client.force_login(mentor)
        page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
        assert "Bring the CV" in page
        assert "Nervous about this" not in page
        client.force_login(mentee)
        page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
        assert "Nervous about this" in page

    def test_strangers_get_404_everywhere_and_change_nothing(self, client):
        now = timezone.now()  # the pages read the real clock
        intro = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        meeting = ProposedMeetingFactory(mentorship=intro, now=now)
        item = services.agenda_add(
            meeting=meeting, actor=meeting.mentorship.mentee.user, text="Q", now=now
        )
        client.force_login(ProfileFactory().user)
        urls = [
            ("get", reverse("meetings:detail", args=[meeting.pk])),
            ("get", reverse("meetings:for_mentorship", args=[meeting.mentorship_id])),
            ("get", reverse("meetings:actions", args=[meeting.mentorship_id])),
            ("post", reverse("meetings:action", args=[meeting.pk, "cancel"])),
            ("post", reverse("meetings:action", args=[meeting.pk, "note"])),
            ("post", reverse("meetings:agenda_remove", args=[item.pk])),
        ]
        for method, url in urls:
            assert getattr(client, method)(url, {"text": "x"}).status_code == 404, url
        meeting.refresh_from_db()
        assert meeting.state == Meeting.State.PROPOSED
        assert AgendaItem.objects.count() == 1
        assert not Note.objects.exists()

    def test_the_proposer_cannot_pick_their_own_time(self, client):
        now = timezone.now()  # the pages read the real clock
        intro = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        meeting = ProposedMeetingFactory(mentorship=intro, now=now)
        client.force_login(meeting.mentorship.mentee.user)
        response = client.post(
            reverse("meetings:action", args=[meeting.pk, "pick"]),
            {"slot": meeting.slots.first().pk},
        )
        assert response.status_code == 409
        meeting.refresh_from_db()
        assert meeting.state == Meeting.State.PROPOSED

    def test_an_empty_agenda_question_is_a_bad_request(self, client):
        now = timezone.now()  # the pages read the real clock
        intro = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        meeting = ProposedMeetingFactory(mentorship=intro, now=now)
        client.force_login(meeting.mentorship.mentee.user)
        response = client.post(
            reverse("meetings:action", args=[meeting.pk, "agenda"]), {"text": ""}
        )
        assert response.status_code == 400
        assert not AgendaItem.objects.exists()

    def test_the_meeting_page_queries_do_not_grow_with_its_content(
        self, client, django_assert_max_num_queries
    ):
        now = timezone.now()  # the pages read the real clock
        intro = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        meeting = ProposedMeetingFactory(mentorship=intro, now=now)
        mentee = meeting.mentorship.mentee.user
        client.force_login(mentee)
        url = reverse("meetings:detail", args=[meeting.pk])
        client.get(url)
        with django_assert_max_num_queries(30) as few:
            client.get(url)
        for i in range(6):
            services.agenda_add(meeting=meeting, actor=mentee, text=f"Question {i}", now=now)
            services.note_add(
                meeting=meeting, actor=mentee, text=f"N{i}", is_private=i % 2 == 0, now=now
            )
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(url)
        assert page.content.decode().count("<li>Question ") == 6


@pytest.mark.django_db
class TestHealthOnPages:
    def test_the_mentorship_shows_its_health_with_reasons(self, client):
        now = timezone.now()  # the pages read the real clock
        mentorship = ActiveMentorshipFactory(
            asked_at=now - 3 * DAY, now=now, goals=("One goal", "Another"), cadence="2w",
            meeting_minutes=30,
        )  # fmt: skip
        client.force_login(mentorship.mentee.user)
        page = client.get(reverse("meetings:for_mentorship", args=[mentorship.pk])).content
        assert b'id="health-status"' in page
        assert b'class="health-reasons"' in page

    def test_the_overview_lists_each_live_mentorship_in_constant_queries(
        self, client, django_assert_max_num_queries
    ):
        now = timezone.now()  # the pages read the real clock
        mentorship = ActiveMentorshipFactory(
            asked_at=now - 3 * DAY, now=now, goals=("One goal", "Another"), cadence="2w",
            meeting_minutes=30,
        )  # fmt: skip
        client.force_login(mentorship.mentor.user)
        url = reverse("meetings:health")
        client.get(url)
        with django_assert_max_num_queries(40) as few:
            client.get(url)
        mentorship.mentor.capacity = 5
        mentorship.mentor.save(update_fields=["capacity"])
        for _ in range(3):
            now = timezone.now()
            ActiveMentorshipFactory(
                mentor=mentorship.mentor, asked_at=now - DAY, now=now, goals=("A", "B"),
                meeting_minutes=30,
            )  # fmt: skip
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(url).content.decode()
        assert page.count("<li>") == 4
