"""Coffee cycles that run by themselves: the sweep publishes each cycle when it is due, leaves
a manager's draft alone, and a second sweep finds nothing to do."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from tandem.notifications.models import Notification
from tandem.programs.models import Match, Program, Round
from tandem.programs.rounds.cycles import coffee_cycles_due, coffee_cycles_run, next_cycle_on
from tandem.programs.rounds.run import round_start
from tandem.programs.tests.factories import ProgramFactory
from tandem.programs.tests.round_world import person

pytestmark = pytest.mark.django_db


def _coffee(**settings: object) -> ProgramFactory:
    program = ProgramFactory(kind=Program.Kind.COFFEE, **settings)
    for _ in range(4):
        person(program)
    return program


@pytest.mark.parametrize(
    ("last", "cycle", "after"),
    [
        (date(2027, 1, 4), "1w", date(2027, 1, 11)),
        (date(2027, 1, 4), "2w", date(2027, 1, 18)),
        (date(2027, 1, 31), "1m", date(2027, 2, 28)),
        (date(2027, 12, 15), "1m", date(2028, 1, 15)),
    ],
)
def test_the_next_cycle_begins_a_whole_cycle_later(last, cycle, after) -> None:
    assert next_cycle_on(last, cycle) == after


def test_a_due_cycle_is_run_and_published_with_notices_once(now) -> None:
    program = _coffee(cycle=Program.Cycle.WEEKLY)
    done = coffee_cycles_run(now=now)
    assert (done.published, done.failed) == (1, 0)
    (round_,) = program.rounds.all()
    assert round_.state == Round.State.PUBLISHED
    assert round_.cycle_on == now.date()
    assert Match.objects.filter(round=round_).count() == 2
    assert Notification.objects.filter(kind="program_match").count() == 4
    # Twice is safe: nothing is due again until a week has passed.
    assert coffee_cycles_run(now=now + timedelta(days=6)).published == 0
    assert coffee_cycles_run(now=now + timedelta(days=7)).published == 1
    assert program.rounds.count() == 2


def test_not_before_it_starts_nor_after_it_ends(now) -> None:
    _coffee(starts_on=now.date() + timedelta(days=1))
    _coffee(starts_on=now.date() - timedelta(days=30), ends_on=now.date() - timedelta(days=1))
    assert coffee_cycles_due(today=now.date()) == []


def test_a_draft_a_manager_is_reviewing_is_left_alone(now) -> None:
    program = _coffee()
    round_start(program=program, actor=None, now=now, enqueue=False)
    assert coffee_cycles_due(today=now.date()) == []
    assert coffee_cycles_run(now=now).published == 0


def test_too_few_people_is_skipped_and_1_to_1_programs_are_never_run(now) -> None:
    lonely = ProgramFactory(kind=Program.Kind.COFFEE)
    person(lonely)
    mentoring = ProgramFactory(kind=Program.Kind.MENTORING)
    person(mentoring)
    person(mentoring, "mentor")
    done = coffee_cycles_run(now=now)
    assert (done.published, done.too_few) == (0, 1)
    assert not Round.objects.exists()


def test_the_sweep_command_runs_the_coffee_cycles() -> None:
    program = _coffee()
    out = io.StringIO()
    call_command("sweep", stdout=out)
    assert "1 coffee cycle(s) published" in out.getvalue()
    assert program.rounds.get().state == Round.State.PUBLISHED
