"""Far-future times (issue 13, item 2): a proposed time must lie between now and the horizon,
with a field message; and a time already stored at the end of the calendar never breaks a
page, an invite or the invite job, in any timezone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.core.moments import (
    SAFE_LATEST,
    ProposedTimeField,
    moment_from_iso,
    proposed_time_horizon,
    safe_moment,
)
from tandem.meetings.calendar.tasks import meeting_invites
from tandem.meetings.models import Meeting, Slot
from tandem.meetings.tests.factories import ScheduledMeetingFactory
from tandem.mentorships.models import Ask
from tandem.mentorships.tests.factories import AskFactory, IntroFactory
from tandem.profiles.models import Profile

FAR = "9999-12-31T23:59"
END = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
ZONES = ["Pacific/Kiritimati", "America/Los_Angeles", "UTC"]
DAY = timedelta(days=1)


def _as(client, profile: Profile, zone: str):
    Profile.objects.filter(pk=profile.pk).update(timezone=zone)
    client.force_login(profile.user)
    return client


class TestProposedTimeField:
    def _clean(self, value: str, zone: str = "UTC", now: datetime | None = None):
        with timezone.override(ZoneInfo(zone)):
            return ProposedTimeField(now=now).clean(value)

    @pytest.mark.parametrize("zone", ZONES)
    def test_the_end_of_the_calendar_is_a_field_message_in_any_zone(self, zone):
        with pytest.raises(forms.ValidationError, match="within the next 365 days"):
            self._clean(FAR, zone)

    def test_a_time_in_the_horizon_comes_back_in_utc(self):
        now = datetime(2026, 3, 1, 9, tzinfo=UTC)
        assert self._clean("2026-03-02T10:00", "Europe/Lisbon", now) == datetime(
            2026, 3, 2, 10, tzinfo=UTC
        )
        assert self._clean("2026-03-02T10:00", "America/Los_Angeles", now) == datetime(
            2026, 3, 2, 18, tzinfo=UTC
        )

    def test_past_and_beyond_the_horizon(self, settings):
        now = datetime(2026, 3, 1, 9, tzinfo=UTC)
        with pytest.raises(forms.ValidationError, match="in the future"):
            self._clean("2026-03-01T08:59", now=now)
        assert self._clean("2027-02-28T09:00", now=now)  # 364 days ahead
        with pytest.raises(forms.ValidationError, match="within"):
            self._clean("2027-03-02T09:00", now=now)
        settings.TANDEM_PROPOSED_TIME_HORIZON_DAYS = 30
        assert proposed_time_horizon() == 30 * DAY
        with pytest.raises(forms.ValidationError, match="within the next 30 days"):
            self._clean("2026-04-01T09:00", now=now)


class TestSafeMoment:
    def test_the_ends_of_the_calendar_are_kept_away_from(self):
        assert safe_moment(END) == SAFE_LATEST
        assert safe_moment(datetime(1, 1, 1, tzinfo=UTC)).year == 2
        kiritimati = datetime(9999, 12, 31, 23, 59, tzinfo=ZoneInfo("Pacific/Kiritimati"))
        assert safe_moment(kiritimati) == SAFE_LATEST
        west = datetime(9999, 12, 31, 23, 59, tzinfo=ZoneInfo("America/Los_Angeles"))
        assert safe_moment(west) == SAFE_LATEST  # no UTC time at all
        ordinary = datetime(2026, 5, 1, 12, tzinfo=UTC)
        assert safe_moment(ordinary) is ordinary
        assert moment_from_iso(END.isoformat()) == SAFE_LATEST
        # Shown in the easternmost zone, with the longest meeting added: no overflow.
        shown = SAFE_LATEST.astimezone(ZoneInfo("Pacific/Kiritimati")) + timedelta(minutes=90)
        assert shown.year == 9998


@pytest.mark.django_db
class TestFormsRefuseFarFutureTimes:
    @pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Kiritimati"])
    def test_ask_form(self, client, mentee, mentor, zone):
        _as(client, mentee, zone)
        response = client.post(
            reverse("mentorships:ask_new", args=[mentor.pk]),
            {"focus_areas": ["career_advice"], "note": "Hello, could we talk?",
             "intro_minutes": "20", "time_1": FAR},
        )  # fmt: skip
        assert response.status_code == 400
        assert "within the next 365 days" in response.content.decode()
        assert not Ask.objects.exists()

    @pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Kiritimati"])
    def test_meeting_slots_form(self, client, zone):
        now = timezone.now()
        mentorship = IntroFactory(asked_at=now - 3 * DAY, now=now - 2 * DAY)
        _as(client, mentorship.mentee, zone)
        response = client.post(
            reverse("meetings:for_mentorship", args=[mentorship.pk]),
            {"slot_1": FAR, "minutes": "30"},
        )
        assert response.status_code == 400
        assert "within the next 365 days" in response.content.decode()
        assert not Meeting.objects.exists()

    def test_picking_a_suggested_time_that_has_no_utc_time(self, client):
        ask = AskFactory(now=timezone.now())
        client.force_login(ask.mentor.user)
        response = client.post(
            reverse("meetings:ask_book", args=[ask.pk]), {"time": "9999-12-31T23:59:00-14:00"}
        )
        assert response.status_code == 400
        assert not Meeting.objects.exists()


@pytest.mark.django_db
class TestStoredFarFutureTimesNeverBreakAPage:
    """Stored directly, as a time accepted before the horizon existed would be."""

    def _far_meeting(self, *, cancel: bool = False) -> Meeting:
        now = timezone.now()
        meeting = ScheduledMeetingFactory(mentorship=IntroFactory(now=now), now=now)
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=END)
        Slot.objects.filter(meeting=meeting).update(starts_at=END)
        if cancel:
            Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.CANCELLED)
        return Meeting.objects.get(pk=meeting.pk)

    @pytest.mark.parametrize("zone", ZONES)
    @pytest.mark.parametrize("cancel", [False, True])
    def test_meeting_page_invite_and_meetings_list(self, client, zone, cancel):
        meeting = self._far_meeting(cancel=cancel)
        for profile in (meeting.mentorship.mentee, meeting.mentorship.mentor):
            _as(client, profile, zone)
            for url in (
                meeting.get_absolute_url(),
                reverse("calendar:invite", args=[meeting.pk]),
                reverse("meetings:for_mentorship", args=[meeting.mentorship_id]),
                reverse("mentorships:detail", args=[meeting.mentorship_id]),
                reverse("mentorships:dashboard"),
                reverse("home"),
            ):
                assert client.get(url).status_code == 200, url

    @pytest.mark.parametrize("zone", ZONES)
    def test_ask_page(self, client, zone):
        ask = AskFactory(now=timezone.now())
        Ask.objects.filter(pk=ask.pk).update(proposed_times=[END.isoformat()])
        for profile in (ask.mentee, ask.mentor):
            _as(client, profile, zone)
            assert client.get(reverse("mentorships:ask", args=[ask.pk])).status_code == 200
            assert client.get(reverse("mentorships:inbox")).status_code == 200

    @pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
    def test_the_invite_job(self, method):
        meeting = self._far_meeting()
        for profile in (meeting.mentorship.mentee, meeting.mentorship.mentor):
            Profile.objects.filter(pk=profile.pk).update(timezone="Pacific/Kiritimati")
        mail.outbox.clear()
        meeting_invites.call(meeting.pk, method)
        assert len(mail.outbox) == 2
