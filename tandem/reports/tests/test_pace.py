"""How quickly pairs get going: days from the match to the first yes and to the first meeting
held, for the pairs matched in the range.

Eleven pairs are matched on 1 September 2026 at 09:00:
  9 say yes after 12 h, 1 day, 2 days or 3 days and first meet 2, 3, 4, 6, 7, 10, 20, 40
    and 70 days after the match (the last one after the range ends: it still counts);
  1 says yes after 12 h and has not met;
  1 has not answered (so has no mentorship and has not met).
One pair matched in August (yes after 12 h, met after 8 days) and a declined pair are left
out unless the range takes August in.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import cast

import pytest

from tandem.programs.models import Program
from tandem.programs.services.matches import match_decline
from tandem.programs.tests.factories import ProgramFactory
from tandem.reports.metrics.pace import band_of, pace
from tandem.reports.tests.pair_steps import at, built, figures, held, scope_of, table
from tandem.reports.tests.world import joined, program_pair

pytestmark = pytest.mark.django_db

MATCHED = at("2026-09-01")
HOUR, DAY = timedelta(hours=1), timedelta(days=1)
HEADER = ["Days to first meeting", "Pairs", "Of the pairs matched"]
# (hours to the first yes, days to the first meeting held, the mentee's department)
MET = (
    (12, 2, ""), (12, 3, ""), (12, 4, ""), (12, 6, ""), (12, 7, ""),
    (24, 10, ""), (48, 20, ""), (72, 40, "Ops"), (72, 70, "Ops"),
)  # fmt: skip


def _pair(
    program: Program, *, matched: datetime, yes_after: int, met_after: int | None,
    department: str = "",
) -> None:  # fmt: skip
    mentee = joined(program, at=matched, department=department)
    pair = program_pair(program, at=matched, mentee=mentee, confirmed_at=matched + yes_after * HOUR)
    if met_after is not None:
        held(pair, starts_at=matched + met_after * DAY)


@pytest.fixture
def program() -> Program:
    program = cast(Program, ProgramFactory())
    for yes_after, met_after, department in MET:
        _pair(program, matched=MATCHED, yes_after=yes_after, met_after=met_after,
              department=department)  # fmt: skip
    _pair(program, matched=MATCHED, yes_after=12, met_after=None, department="Ops")
    program_pair(program, at=MATCHED)  # no answer yet
    _pair(program, matched=at("2026-08-03"), yes_after=12, met_after=8)
    declined = program_pair(program, at=MATCHED)
    user = declined.mentor.profile.user
    match_decline(slug=program.slug, match_id=declined.match.pk, user=user, now=MATCHED + DAY)
    return program


def test_medians_over_the_pairs_matched_in_the_range(program: Program) -> None:
    section = built(pace, program, "2026-09-01", "2026-10-31")
    # First yes, in days, for the 10 that answered: 0.5 × 6, 1, 2, 3, 3 → the 5th and 6th
    # are both 0.5, so the median is 0.5. One pair has not answered: "fewer than 5" waiting.
    # First meeting: 2, 3, 4, 6, 7, 10, 20, 40, 70 → the 5th of 9 is 7. Two have not met.
    assert figures(section) == {
        "Pairs matched": "11",
        "Days to the first answer": "0.5 days",
        "Days to the first meeting": "7 days",
    }
    notes = {f.label: f.note for f in section.figures}
    assert notes["Days to the first answer"] == "median; fewer than 5 waiting"
    assert notes["Days to the first meeting"] == "median; fewer than 5 not met yet"
    # Bands of the 9 that met: 2, 3, 4, 6, 7 → 0–7 (5); 10; 20; 40; 70 → one each, whose
    # share (1/11) would give the one away: hidden too. The 2 not met yet are the last part
    # of the 11. Five parts hidden, 11 - 5 = 6 between them: one is 2 and which is unknown,
    # so nothing more is withheld (6 would have to be 5 or 20 to pin them all).
    assert table(section, "pace") == [
        HEADER,
        ["0–7 days", "5", "45.5%"],  # 5/11 = 45.45…
        ["8–14 days", "fewer than 5", "fewer than 5"],
        ["15–30 days", "fewer than 5", "fewer than 5"],
        ["31–60 days", "fewer than 5", "fewer than 5"],
        ["More than 60 days", "fewer than 5", "fewer than 5"],
        ["Not met yet", "fewer than 5", "fewer than 5"],
    ]
    assert section.charts[0].series[0].values == [5, None, None, None, None, None]


def test_a_range_taking_in_august_adds_the_august_pair(program: Program) -> None:
    section = built(pace, program, "2026-08-01", "2026-10-31")
    # Answers: 0.5 × 7, 1, 2, 3, 3 → the 6th of 11 is 0.5.
    # Meetings: 2, 3, 4, 6, 7, 8, 10, 20, 40, 70 → (7 + 8) / 2 = 7.5.
    assert figures(section) == {
        "Pairs matched": "12",
        "Days to the first answer": "0.5 days",
        "Days to the first meeting": "7.5 days",
    }
    # 8 days falls in 8–14 (now 2 pairs); 10 pairs met of 12 matched.
    assert table(section, "pace")[1:3] == [
        ["0–7 days", "5", "41.7%"],  # 5/12 = 41.66…
        ["8–14 days", "fewer than 5", "fewer than 5"],  # 2 of 12
    ]


def test_a_department_of_three_pairs_hides_its_medians(program: Program) -> None:
    section = built(pace, program, "2026-09-01", "2026-10-31", department="Ops")
    # Ops mentees: the pairs meeting after 40 and 70 days and the one not met: 3 pairs,
    # 3 answers (3, 3, 0.5 days) and 2 meetings: every figure is "fewer than 5".
    assert figures(section) == {
        "Pairs matched": "fewer than 5",
        "Days to the first answer": "fewer than 5",
        "Days to the first meeting": "fewer than 5",
    }
    assert table(section, "pace")[1:] == [
        ["0–7 days", "0", "fewer than 5"],
        ["8–14 days", "0", "fewer than 5"],
        ["15–30 days", "0", "fewer than 5"],
        ["31–60 days", "fewer than 5", "fewer than 5"],
        ["More than 60 days", "fewer than 5", "fewer than 5"],
        ["Not met yet", "fewer than 5", "fewer than 5"],
    ]
    assert section.charts[0].series[0].values == [0, 0, 0, None, None, None]


def test_a_range_before_any_match_shows_nothing(program: Program) -> None:
    section = built(pace, program, "2026-07-01", "2026-07-31")
    assert figures(section) == {
        "Pairs matched": "0",
        "Days to the first answer": "–",
        "Days to the first meeting": "–",
    }
    assert section.charts[0].is_empty


def test_a_part_day_rounds_down_into_its_band() -> None:
    assert [band_of(d) for d in (0, 7.9, 8, 14.5, 15, 30.99, 31, 60.5, 61, 400)] == [
        0, 0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]  # fmt: skip


def test_pool_programs_have_no_pace_section() -> None:
    program = ProgramFactory(kind=Program.Kind.PEER)
    assert pace(scope_of(program, "2026-09-01", "2026-10-31")) is None
