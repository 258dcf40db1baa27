"""The pulse page: the one question, for the person asked only; answered once, 0 to 10."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import DomainError
from tandem.meetings.tests.factories import backdate
from tandem.programs.tests.factories import ProgramFactory, manager_of
from tandem.reports.models import Pulse
from tandem.reports.services.pulses import pulse_answer, pulses_send
from tandem.reports.tests.world import Pair, program_pair

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
QUESTION = "How likely are you to recommend Rising leaders to a colleague?"
SCORE_WORDS = "Choose a number from 0 to 10."


@pytest.fixture
def pair() -> Pair:
    program = ProgramFactory(name="Rising leaders", pulse_after_days=30)
    pair = program_pair(program, at=START, confirmed_at=START)
    assert pair.mentorship is not None
    backdate(pair.mentorship, START)
    pulses_send(now=START + timedelta(days=30))
    return pair


def _mine(pair: Pair) -> Pulse:
    return Pulse.objects.get(participant=pair.mentee)


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(pulse: Pulse) -> str:
    return reverse("reports:pulse", kwargs={"pulse_id": pulse.pk})


def test_the_person_asked_sees_the_question_as_a_radio_group(pair):
    pulse = _mine(pair)
    assert pulse.get_absolute_url() == _url(pulse)
    response = _client(pair.mentee.profile.user).get(_url(pulse))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<legend>{QUESTION}</legend>" in page
    assert page.count('type="radio" name="score"') == 11
    assert "0 – not at all likely" in page
    assert "10 – extremely likely" in page
    assert "csrfmiddlewaretoken" in page


def test_no_one_else_learns_anything(pair):
    pulse = _mine(pair)
    program = pair.match.program
    others = (
        pair.mentor.profile.user, UserFactory(), manager_of(program.organization),
        UserFactory(is_staff=True),
    )  # fmt: skip
    for user in others:
        client = _client(user)
        for response in (client.get(_url(pulse)), client.post(_url(pulse), {"score": 10})):
            assert response.status_code == 404
            assert b"Rising leaders" not in response.content
    missing = reverse("reports:pulse", kwargs={"pulse_id": pulse.pk + 1000})
    assert _client(pair.mentee.profile.user).get(missing).status_code == 404
    pulse.refresh_from_db()
    assert pulse.score is None


def test_anonymous_visitors_are_sent_to_sign_in(pair):
    response = _client(None).get(_url(_mine(pair)))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_answer_is_stored_and_thanked(pair):
    pulse = _mine(pair)
    client = _client(pair.mentee.profile.user)
    response = client.post(_url(pulse), {"score": "9"}, follow=True)
    assert response.redirect_chain == [(_url(pulse), 302)]
    pulse.refresh_from_db()
    assert pulse.score == 9
    assert pulse.answered_at is not None
    page = response.content.decode()
    assert "Thank you" in page
    assert reverse("programs:mine") in page
    assert 'type="radio"' not in page


def test_a_second_answer_is_refused_and_changes_nothing(pair):
    pulse = _mine(pair)
    client = _client(pair.mentee.profile.user)
    client.post(_url(pulse), {"score": "3"})
    pulse.refresh_from_db()
    first = (pulse.score, pulse.answered_at)
    response = client.post(_url(pulse), {"score": "10"})
    assert response.status_code == 409
    assert "already answered" in response.content.decode()
    pulse.refresh_from_db()
    assert (pulse.score, pulse.answered_at) == first == (3, first[1])


@pytest.mark.parametrize("data", [{}, {"score": ""}, {"score": "11"}, {"score": "-1"},
                                  {"score": "seven"}, {"score": "4.5"}])  # fmt: skip
def test_a_missing_or_bad_score_asks_again_and_stores_nothing(pair, data):
    pulse = _mine(pair)
    response = _client(pair.mentee.profile.user).post(_url(pulse), data)
    assert response.status_code == 400
    assert SCORE_WORDS in response.content.decode()
    pulse.refresh_from_db()
    assert (pulse.score, pulse.answered_at) == (None, None)


def test_the_service_refuses_a_score_outside_0_to_10(pair):
    pulse = _mine(pair)
    for score in (-1, 11, True, "5", None):
        with pytest.raises(DomainError) as refused:
            pulse_answer(pulse_id=pulse.pk, user=pair.mentee.profile.user, score=score,
                         now=START + timedelta(days=31))  # fmt: skip
        assert (refused.value.field, refused.value.message) == ("score", SCORE_WORDS)
    answered = pulse_answer(pulse_id=pulse.pk, user=pair.mentee.profile.user, score=0,
                            now=START + timedelta(days=31))  # fmt: skip
    assert answered.score == 0


def test_answers_are_rate_limited(pair):
    client = _client(pair.mentee.profile.user)
    url = _url(_mine(pair))
    statuses = [client.post(url, {"score": ""}).status_code for _ in range(31)]
    assert statuses[:30] == [400] * 30
    assert statuses[30] == 429
