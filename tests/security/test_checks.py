"""The walks' own plumbing: a request they send reaches the view, not a rate limit."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.core import ratelimit
from tandem.profiles.views import PROFILE_WRITES
from tests.security.checks import send


@pytest.mark.django_db
def test_send_reaches_the_view_though_the_allowance_is_used_up():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    action, rate = PROFILE_WRITES
    while ratelimit.consume(key=f"{action}:user:{user.pk}", rate=rate):
        pass
    path = reverse("profiles:onboarding_step", args=["no-such-step"])
    assert client.post(path).status_code == 429  # what the walk would have seen
    assert send(client, "POST", path).status_code == 404  # the view's own answer
