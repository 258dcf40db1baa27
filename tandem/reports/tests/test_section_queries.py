"""The funnel, pace, meetings and outcomes sections cost the same number of queries for a
program of 2 pairs as for one of 12: every figure comes from an aggregate over the scope,
never a query per person or pair."""

from __future__ import annotations

from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.programs.models import Program
from tandem.programs.tests.factories import ProgramFactory
from tandem.reports.metrics.base import Builder
from tandem.reports.metrics.funnel import funnel
from tandem.reports.metrics.meetings import meetings
from tandem.reports.metrics.outcomes import outcomes
from tandem.reports.metrics.pace import pace
from tandem.reports.tests.pair_steps import (
    accepted,
    action_item,
    at,
    completed,
    goal_now,
    held,
    scope_of,
)
from tandem.reports.tests.world import program_pair

pytestmark = pytest.mark.django_db

BUILDERS: dict[str, Builder] = {
    "funnel": funnel, "pace": pace, "meetings": meetings, "outcomes": outcomes,
}  # fmt: skip
# The queries each one runs, whatever the size (see each module's docstring).
EXPECTED = {"funnel": 1, "pace": 2, "meetings": 2, "outcomes": 2}


def _program(pairs: int) -> Program:
    """`pairs` pairs that went all the way (met twice, agreed, an action item done, goals
    moved on); every other one completed."""
    program = cast(Program, ProgramFactory())
    for n in range(pairs):
        pair = program_pair(program, at=at("2026-09-01"), confirmed_at=at("2026-09-02"))
        intro = held(pair, starts_at=at("2026-09-07"))
        goals = accepted(pair, on=at("2026-09-08"))
        held(pair, starts_at=at("2026-10-05"))
        action_item(intro, on=at("2026-09-09"), status="done")
        goal_now(goals[0], "achieved", on=at("2026-10-06"))
        if n % 2:
            completed(pair, on=at("2026-10-20"))
    return program


def _queries(build: Builder, program: Program, start: str, end: str) -> int:
    scope = scope_of(program, start, end)
    with CaptureQueriesContext(connection) as queries:
        section = build(scope)
    assert section is not None
    return len(queries)


def test_two_pairs_and_twelve_pairs_cost_the_same_queries() -> None:
    small, large = _program(2), _program(12)
    for start, end in (("2026-09-01", "2026-10-31"), ("2025-12-01", "2026-11-30")):
        # week by week (61 days) and month by month (a year) alike
        for key, build in BUILDERS.items():
            counts = (_queries(build, small, start, end), _queries(build, large, start, end))
            assert counts == (EXPECTED[key], EXPECTED[key]), (key, start)
