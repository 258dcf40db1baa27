"""A manager's check-in on a pair: both people hear from the program once a week at most, only
for a live mentorship of this program, and only a manager of the program may send it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import IllegalTransition, NotFound
from tandem.core.tests.clock import NOW
from tandem.mentorships.services.mentorships import mentorship_move
from tandem.notifications.kinds import Kind
from tandem.notifications.models import Notification
from tandem.programs.models import Program
from tandem.programs.tests.factories import ParticipantFactory, ProgramFactory, manager_of
from tandem.reports.services.check_ins import ALREADY, pair_check_in
from tandem.reports.tests.live_pairs import START, live_pair, pair_in
from tandem.reports.tests.world import Pair, program_pair

pytestmark = pytest.mark.django_db
BODY = (
    "{name}'s team is checking in: how is it going? If the rhythm slipped, booking the next "
    "meeting is the easiest way back; if something's in the way, reply to your program manager."
)


def _check_ins() -> list[tuple[int, str]]:
    """(recipient id, cause) of every check-in raised, in a stable order."""
    rows = Notification.objects.filter(kind=Kind.PROGRAM_CHECK_IN).order_by("recipient_id")
    return list(rows.values_list("recipient_id", "cause"))


def _sides(pair: Pair) -> list[int]:
    return sorted(place.profile.user_id for place in (pair.mentee, pair.mentor))


def _url(program: Program, match_id: int, query: str = "") -> str:
    url = reverse("reports:check_in", kwargs={"slug": program.slug, "match_id": match_id})
    return f"{url}?{query}" if query else url


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_both_people_hear_from_the_program_once_a_week() -> None:
    program = ProgramFactory(name="Grow Together")
    pair = pair_in(program, "at_risk")
    mentorship = pair.mentorship
    assert mentorship is not None
    manager = manager_of(program.organization)

    pair_check_in(program=program, match_id=pair.match.pk, actor=manager, now=NOW)

    # NOW is Monday 2 November 2026: ISO week 45 of 2026.
    cause = f"check-in:{mentorship.pk}:2026-W45"
    assert _check_ins() == [(user_id, cause) for user_id in _sides(pair)]
    notice = Notification.objects.filter(kind=Kind.PROGRAM_CHECK_IN).first()
    assert notice is not None
    assert notice.title == "Grow Together: how is it going?"
    assert notice.body == BODY.format(name="Grow Together")
    assert notice.url == mentorship.get_absolute_url()

    # Sunday of the same week: refused, nobody told twice. The next Monday: a new week.
    with pytest.raises(IllegalTransition, match=ALREADY):
        pair_check_in(
            program=program, match_id=pair.match.pk, actor=manager, now=NOW + timedelta(days=6)
        )
    assert len(_check_ins()) == 2
    pair_check_in(
        program=program, match_id=pair.match.pk, actor=manager, now=NOW + timedelta(days=7)
    )
    assert [c for _, c in _check_ins()].count(f"check-in:{mentorship.pk}:2026-W46") == 2


def test_only_a_live_mentorship_of_this_program_and_only_for_its_managers() -> None:
    program = ProgramFactory()
    manager = manager_of(program.organization)
    elsewhere = ProgramFactory(organization=program.organization)  # the manager runs both
    theirs = live_pair(elsewhere)
    with pytest.raises(NotFound):
        pair_check_in(program=program, match_id=theirs.match.pk, actor=manager, now=NOW)

    intro = program_pair(program, at=START, confirmed_at=START)  # not under way yet
    unconfirmed = program_pair(program, at=START)  # no mentorship at all
    closed = live_pair(program)
    assert closed.mentorship is not None
    mentorship_move(
        mentorship=closed.mentorship, actor=closed.mentor.profile.user, to_state="closed",
        now=START + timedelta(days=1),
    )  # fmt: skip
    for pair in (intro, unconfirmed, closed):
        with pytest.raises(IllegalTransition, match="nothing to check in on"):
            pair_check_in(program=program, match_id=pair.match.pk, actor=manager, now=NOW)

    live = pair_in(program, "paused")  # paused is still a mentorship: a check-in may help
    someone = ParticipantFactory(program=program).profile.user
    with pytest.raises(NotFound):
        pair_check_in(program=program, match_id=live.match.pk, actor=someone, now=NOW)
    assert _check_ins() == []
    pair_check_in(program=program, match_id=live.match.pk, actor=manager, now=NOW)
    assert len(_check_ins()) == 2


def test_the_button_checks_in_and_comes_back_to_the_health_section() -> None:
    program = ProgramFactory(name="Grow Together")
    pair = pair_in(program, "needs_attention")
    client = _client(manager_of(program.organization))

    response = client.post(_url(program, pair.match.pk, "role=mentee&department=Sales&x=1"))

    assert response.status_code == 302
    dashboard = reverse("reports:dashboard", kwargs={"slug": program.slug})
    assert response["Location"] == f"{dashboard}?department=Sales&role=mentee#section-health"
    assert [user_id for user_id, _ in _check_ins()] == _sides(pair)
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    mentee, mentor = (p.profile.user.display_name for p in (pair.mentee, pair.mentor))
    assert message == f"Sent. {mentee} and {mentor} each have a friendly note from Grow Together."

    again = client.post(_url(program, pair.match.pk))
    assert again.status_code == 409
    assert ALREADY in again.content.decode()
    assert len(_check_ins()) == 2  # still one each


def test_the_refusals_through_the_page() -> None:
    program = ProgramFactory()
    pair = pair_in(program, "at_risk")
    url = _url(program, pair.match.pk)
    manager = manager_of(program.organization)

    anonymous = _client(None).post(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    assert _client(manager).get(url).status_code == 405
    outsiders = (pair.mentee.profile.user, manager_of(ProgramFactory().organization),
                 UserFactory())  # fmt: skip
    for user in outsiders:
        assert _client(user).post(url).status_code == 404
    other = live_pair(ProgramFactory(organization=program.organization))
    assert _client(manager).post(_url(program, other.match.pk)).status_code == 404
    intro = program_pair(program, at=START, confirmed_at=START)
    assert _client(manager).post(_url(program, intro.match.pk)).status_code == 409
    assert _check_ins() == []
    assert _client(UserFactory(is_staff=True)).post(url).status_code == 302  # staff run any
    assert len(_check_ins()) == 2
