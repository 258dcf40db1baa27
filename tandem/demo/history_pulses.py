"""The demo program's pulses: both sides of each pair were asked the one question behind the
program's NPS some weeks after their intro and, where it ended, at the end of their term; most
answered within a few days, pairs whose story went well more gladly."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from tandem.core.models import BaseModel
from tandem.demo.dated_rows import dated_write
from tandem.demo.pair_history import GLAD, HOUR, Lived
from tandem.programs.models import Match, Program
from tandem.reports.models import Pulse

GLAD_SCORES = (1, 0, 1, 1, 2, 3, 5, 12, 22, 25, 28)  # weights of the scores 0 to 10
OTHER_SCORES = (4, 3, 4, 6, 8, 12, 14, 17, 14, 10, 8)
PULSE_ANSWERED = 0.6

# (the match, how the pair's months went, when both had said yes, how their story ended)
Story = tuple[Match, Lived, datetime, str]


def pulses_write(
    program: Program, stories: Sequence[Story], rng: random.Random, now: datetime
) -> None:
    """The one-question pulse: some weeks after the intro, and when the agreed term ended,
    to both sides; most answered, within a few days."""
    after = timedelta(days=program.pulse_after_days or 30)
    rows: list[tuple[BaseModel, datetime, datetime]] = []
    for match, lived, confirmed, fate in stories:
        moments = [(Pulse.Moment.AFTER_INTRO, (lived.intro_held_at or confirmed) + after)]
        if lived.term_ends is not None and lived.term_ends < now.date():
            ends = datetime.combine(lived.term_ends, time(9), UTC)
            moments.append((Pulse.Moment.TERM_END, ends))
        scores = GLAD_SCORES if fate in GLAD else OTHER_SCORES
        for moment, sent in moments:
            if sent >= now:
                continue
            for side in (match.first, match.second):
                pulse = Pulse(program=program, participant=side, match=match, moment=moment,
                              sent_at=sent)  # fmt: skip
                answered = sent + rng.randint(1, 96) * HOUR
                if rng.random() < PULSE_ANSWERED and answered < now:
                    pulse.score = rng.choices(range(11), weights=scores)[0]
                    pulse.answered_at = answered
                rows.append((pulse, sent, pulse.answered_at or sent))
    dated_write(Pulse, rows)
