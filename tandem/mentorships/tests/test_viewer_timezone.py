"""Times on pages are shown in the viewer's own timezone (their profile's)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.mentorships.tests.factories import IntroFactory
from tandem.profiles.middleware import SESSION_KEY
from tandem.profiles.tests.factories import ProfileFactory


@pytest.mark.django_db
def test_the_history_shows_each_viewer_their_own_clock(client):
    mentorship = IntroFactory(mentee=ProfileFactory(timezone="Asia/Tokyo"))  # at NOW, 09:00 UTC
    url = reverse("mentorships:detail", args=[mentorship.pk])
    client.force_login(mentorship.mentee.user)
    assert "2 Nov 2026, 18:00" in client.get(url).content.decode()
    assert client.session[SESSION_KEY] == "Asia/Tokyo"
    client.force_login(mentorship.mentor.user)  # Europe/London, on GMT in November
    assert "2 Nov 2026, 09:00" in client.get(url).content.decode()


@pytest.mark.django_db
def test_saving_the_profile_picks_up_a_new_timezone(client):
    profile = ProfileFactory(timezone="Asia/Tokyo")
    client.force_login(profile.user)
    client.get(reverse("home"))
    assert client.session[SESSION_KEY] == "Asia/Tokyo"
    edit = client.get(reverse("profiles:edit", args=[profile.pk]))
    form = edit.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update({"timezone": "America/Chicago", "is_mentee": "on"})
    data["focus_areas_sought"] = form.initial.get("focus_areas_sought") or []
    client.post(reverse("profiles:edit", args=[profile.pk]), data)
    profile.refresh_from_db()
    assert profile.timezone == "America/Chicago"
    client.get(reverse("home"))
    assert client.session[SESSION_KEY] == "America/Chicago"
