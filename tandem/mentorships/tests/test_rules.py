"""The mentorship rules as plain functions: a term ends on the same day of the month, or on the
month's last day when that day is missing."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.mentorships.rules import add_months


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 31), 12, date(2027, 1, 31)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 5, 15), 24, date(2028, 5, 15)),
    ],
)
def test_terms_end_on_the_same_day_or_the_month_end(start, months, end):
    assert add_months(start, months) == end
