"""TARGETS.md R3: simultaneous accepts never overfill a mentor (PostgreSQL row locks)."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.db import connection, connections

from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Mentorship
from tandem.mentorships.rules import AtCapacity
from tandem.mentorships.services import asks as services
from tandem.mentorships.services.asks import ask_accept
from tandem.mentorships.tests.factories import AskFactory
from tandem.profiles.tests.factories import MentorProfileFactory

THREADS = 20


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; .ci/run runs this file on PostgreSQL",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # like the browser tests
def test_twenty_simultaneous_accepts_for_one_free_place_let_exactly_one_through(monkeypatch):
    mentor = MentorProfileFactory(capacity=1)
    asks = [AskFactory(mentor=mentor) for _ in range(THREADS)]
    start = threading.Barrier(THREADS)
    # Widen the race: after counting the places taken, each accept waits (briefly) for the
    # others to have counted too. Without the row lock all twenty would then see a free place.
    counted = threading.Barrier(THREADS)
    count_places = services.places_taken

    def slow_places_taken(*, mentor):
        taken = count_places(mentor=mentor)
        with contextlib.suppress(threading.BrokenBarrierError):
            counted.wait(timeout=0.5)
        return taken

    monkeypatch.setattr(services, "places_taken", slow_places_taken)
    outcomes: list[str] = []
    lock = threading.Lock()

    def accept(ask):
        try:
            start.wait()
            ask_accept(ask=ask, actor=mentor.user, now=NOW)
            result = "accepted"
        except AtCapacity:
            result = "at capacity"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=accept, args=(ask,)) for ask in asks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted"] + ["at capacity"] * (THREADS - 1)
    assert Mentorship.objects.filter(mentor=mentor).count() == 1
