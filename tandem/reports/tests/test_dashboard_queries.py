"""The whole dashboard (every section registered) costs the same number of queries for a program
of 2 pairs as for one of 10, unfiltered and filtered, for a 1:1 program and for a coffee
program; so does a mentor's own progress page for 2 mentees or 10. Every figure comes from
aggregates over the scope, never a query per person, pair or meeting (issue 12: a constant
number of queries; bench/dashboard.py times the same page at 10,000 people).

Each pair of a 1:1 program goes the same way, so the two programs differ only in size: an intro
and a second meeting held, an agreement accepted with its goals (one achieved), an action item
done, a rating and a thank-you from the mentee, the pulse after the intro asked of both sides
and answered by the mentee; every other pair completed. All of a program's pairs share one
mentor, whose progress page is compared too.
"""

from __future__ import annotations

from datetime import date
from typing import cast

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.meetings.services.follow_through import meeting_feedback_give, thank_you_give
from tandem.meetings.tests.factories import backdate
from tandem.profiles.tests.factories import MentorProfileFactory
from tandem.programs.models import Participant, Program
from tandem.programs.services.matches import match_feedback_give
from tandem.programs.tests.factories import ParticipantFactory, ProgramFactory, manager_of
from tandem.programs.tests.worlds import match_of, round_of
from tandem.reports.models import Pulse
from tandem.reports.services.pulses import pulse_answer, pulses_send
from tandem.reports.tests.pair_steps import (
    accepted,
    action_item,
    at,
    completed,
    goal_now,
    held,
)
from tandem.reports.tests.world import joined, program_pair

pytestmark = pytest.mark.django_db

RANGE = {"from": "2026-07-01", "to": "2026-11-30"}
FILTERED = RANGE | {"cohort": "2026-08", "role": "mentee"}
MENTORING_SECTIONS = {"funnel", "pace", "meetings", "outcomes", "feedback", "health", "load"}


def _mentoring(pairs: int) -> tuple[Program, Participant]:
    """A 1:1 program of `pairs` pairs that all went the same way, and their one mentor."""
    program = cast(Program, ProgramFactory())
    profile = MentorProfileFactory(organization=program.organization, capacity=max(pairs, 3))
    mentor = joined(program, at=at("2026-08-01"), role="mentor", profile=profile)
    for n in range(pairs):
        pair = program_pair(
            program, at=at("2026-08-03"), mentor=mentor, confirmed_at=at("2026-08-04")
        )
        assert pair.mentorship is not None
        backdate(pair.mentorship, at("2026-08-04"))  # the pulse counts its days from here
        intro = held(pair, starts_at=at("2026-08-10"))
        goals = accepted(pair, on=at("2026-08-11"))
        action_item(intro, on=at("2026-08-12"), status="done")
        second = held(pair, starts_at=at("2026-09-08"))
        mentee = pair.mentee.profile.user
        meeting_feedback_give(meeting=second, actor=mentee, rating=4, now=at("2026-09-08", 12))
        thank_you_give(meeting=second, actor=mentee, text="Thank you", now=at("2026-09-08", 12))
        goal_now(goals[0], "achieved", on=at("2026-09-09"))
        if n % 2:
            completed(pair, on=at("2026-10-20"))
    return program, mentor


def _pulses_answered() -> None:
    """The pulses due on 10 September, asked of both sides of every pair (after the intro;
    at the term's end for the completed ones); each mentee answers theirs."""
    pulses_send(now=at("2026-09-10"))
    for pulse in Pulse.objects.filter(participant__role=Participant.Role.MENTEE):
        pulse_answer(
            pulse_id=pulse.pk, user=pulse.participant.profile.user, score=9,
            now=at("2026-09-11"),
        )  # fmt: skip


def _coffee(pairs: int) -> Program:
    """A coffee program with one cycle of `pairs` intros, each side saying they met."""
    program = cast(Program, ProgramFactory(kind=Program.Kind.COFFEE))
    cycle = round_of(program, cycle_on=date(2026, 9, 7))
    for _ in range(pairs):
        first, second = (ParticipantFactory(program=program) for _ in range(2))
        match = match_of(first, second, round_=cycle)
        for place in (first, second):
            match_feedback_give(
                slug=program.slug, match_id=match.pk, user=place.profile.user, met=True,
                rating=4, note="", now=at("2026-09-10"),
            )  # fmt: skip
    return program


def _queries(client: Client, url: str, params: dict[str, str]) -> tuple[int, list[str]]:
    """The queries of one request (after one that lets the session settle), and the keys of
    the sections it showed (none on a page without sections)."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    sections = (response.context or {}).get("sections", [])
    return len(captured), [section.key for section in sections]


def _dashboard(program: Program, params: dict[str, str]) -> tuple[int, list[str]]:
    client = Client()
    client.force_login(manager_of(program.organization))
    url = reverse("reports:dashboard", kwargs={"slug": program.slug})
    return _queries(client, url, params)


def test_a_mentoring_dashboard_costs_the_same_queries_for_2_and_for_10_pairs() -> None:
    (small, _), (large, _) = _mentoring(2), _mentoring(10)
    _pulses_answered()
    answered = Pulse.objects.filter(program=large, moment="intro", answered_at__isnull=False)
    assert answered.count() == 10
    for params in (RANGE, FILTERED):
        (few, shown), (many, shown_too) = _dashboard(small, params), _dashboard(large, params)
        assert set(shown) >= MENTORING_SECTIONS, params
        assert shown == shown_too
        assert few == many, params


def test_a_coffee_dashboard_costs_the_same_queries_for_2_and_for_10_pairs() -> None:
    small, large = _coffee(2), _coffee(10)
    # A pool has no role filter: its people filter here is the cohort (all enrolled today).
    for params in (RANGE, RANGE | {"cohort": f"{timezone.now():%Y-%m}"}):
        (few, shown), (many, shown_too) = _dashboard(small, params), _dashboard(large, params)
        assert set(shown) >= {"funnel", "coffee"}, params
        assert shown == shown_too
        assert few == many, params


def test_a_mentors_progress_costs_the_same_queries_for_2_and_for_10_mentees() -> None:
    counts = []
    for pairs in (2, 10):
        _program, mentor = _mentoring(pairs)
        client = Client()
        client.force_login(mentor.profile.user)
        counts.append(_queries(client, reverse("reports:progress"), {})[0])
    assert counts[0] == counts[1]
