"""The moment tests call "now" unless they need the real clock: services take `now`, so a
test that passes NOW gets the same dates on every run (a Monday morning, 2 November 2026, in
UTC; GMT in London). The `now` fixture (conftest.py) hands out the same moment."""

from datetime import UTC, datetime

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
