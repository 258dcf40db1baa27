"""A mentorship's health: on track, needs attention or at risk, always with its reasons (F9, P12).

Pure on purpose: it reads only the `HealthFacts` it is given (gathered in bulk by
`health/selectors.py`), so the rules are plain to test and the same for one mentorship page, a
dashboard and the nightly sweep, which nudges on the very same signals (`since_last_met`,
`quiet_side`).

The status is the worst rule that applies; the reasons list the problems first (worst first),
then what is going well, in short sentences that never blame either side.

At risk
* no meeting for more than 2.5 × the agreed cadence, and none booked: two meetings have
  slipped in a row, which is when pairs quietly drift apart;
* two or more missed meetings (no-shows) in the last 90 days;
* one side has been quiet for 21 days or more while the other kept things going (did
  something at least 3 days after the quiet side's last sign of life, so not just the
  wrap-up of the same conversation, and within the last 21 days), and no meeting is booked:
  the waiting side is the one who needs a word (a gracious back-off).

Needs attention
* no meeting for more than 1.5 × the cadence, and none booked (a week or two of slack on a
  monthly rhythm is normal life, more is a slip);
* three or more reschedules in 90 days (a time slot that keeps not working);
* an action item past its due date (follow-through, P10);
* feedback falling: the last rating 2 or less out of 5, or the last two ratings averaging a
  point or more below the earlier ones (at least three ratings);
* the agreed term has ended and the mentorship is still running (renew, complete or stay in
  touch).

"Met" counts held meetings and scheduled ones whose day has passed without being marked: people
forget the paperwork, and a nudge about paperwork would be noise. A booked meeting (or times
offered and waiting for a pick) settles the cadence question for now.

Only active mentorships have a health. A paused one gets the status "paused" and a reason
saying so (nudges stop while paused, PRODUCT.md §4.2); asking for the health of any other
state is a programming error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean
from typing import Literal

Status = Literal["on_track", "needs_attention", "at_risk", "paused"]
Side = Literal["mentee", "mentor"]

ACTIVE, PAUSED = "active", "paused"
HEALTH_STATES = (ACTIVE, PAUSED)

# Agreement.Cadence codes in days: a month is 30, two months 61, a quarter 91.
CADENCE_DAYS = {"2w": 14, "1m": 30, "6w": 42, "2m": 61, "3m": 91}
CADENCE_WORDS = {
    14: "every two weeks",
    30: "every month",
    42: "every six weeks",
    61: "every two months",
    91: "every three months",
}

SLIP_ATTENTION, SLIP_RISK = 1.5, 2.5  # × cadence without a meeting
QUIET_DAYS = 21
REPLY_GAP_DAYS = 3  # a later move by the other side, not the tail of the same exchange
WINDOW_DAYS = 90  # no-shows and reschedules are counted over this window
NO_SHOWS_AT_RISK = 2
RESCHEDULES_ATTENTION = 3
LOW_RATING = 2
RATING_DROP = 1.0
TERM_REVIEW_DAYS = 30

LABELS: dict[Status, str] = {
    "on_track": "On track",
    "needs_attention": "Needs attention",
    "at_risk": "At risk",
    "paused": "Paused",
}
_WEIGHT: dict[Status, int] = {"paused": 0, "on_track": 0, "needs_attention": 1, "at_risk": 2}


@dataclass(frozen=True)
class HealthFacts:
    """What one mentorship's health is judged on; every date is a UTC day."""

    today: date
    state: str
    cadence_days: int | None = None  # from the agreement in force
    started_on: date | None = None  # when the regular arrangement began
    ends_on: date | None = None  # the end of the latest agreed term
    last_held_on: date | None = None
    next_meeting_on: date | None = None  # scheduled, today or later
    no_shows_90d: int = 0
    reschedules_90d: int = 0
    overdue_actions: int = 0
    last_mentee_activity: date | None = None
    last_mentor_activity: date | None = None
    recent_ratings: tuple[int, ...] = ()  # meeting feedback, newest last
    times_offered: bool = False  # a meeting waits for one side to pick a time


@dataclass(frozen=True)
class Health:
    status: Status
    reasons: list[str]

    @property
    def label(self) -> str:
        """The status in plain words, for a badge."""
        return LABELS[self.status]


@dataclass(frozen=True)
class Quiet:
    """One side has gone quiet while the other waits (P12)."""

    side: Side  # the quiet one
    since: date  # their last sign of life (or the start, if none)
    days: int


def day_words(day: date, today: date) -> str:
    """ "3 March", with the year only when it isn't this year's."""
    words = f"{day.day} {day:%B}"
    return words if day.year == today.year else f"{words} {day.year}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def since_last_met(facts: HealthFacts) -> tuple[date, int] | None:
    """(the day the rhythm is counted from, days since); None without a rhythm to keep.

    Counted from the last meeting, or from the start of the arrangement if the pair has not
    met since it began.
    """
    if facts.cadence_days is None:
        return None
    anchors = [d for d in (facts.last_held_on, facts.started_on) if d is not None]
    if not anchors:
        return None
    anchor = max(anchors)
    return anchor, (facts.today - anchor).days


def cadence_slip(facts: HealthFacts) -> float:
    """How many agreed intervals have passed without a meeting; 0 if one is booked or offered."""
    since = since_last_met(facts)
    if since is None or facts.cadence_days is None:
        return 0.0
    if facts.next_meeting_on is not None or facts.times_offered:
        return 0.0
    return since[1] / facts.cadence_days


def quiet_side(facts: HealthFacts) -> Quiet | None:
    """The side that has been quiet for 21+ days while the other is still active.

    "Still active": the other side did something at least 3 days after the quiet side's last
    sign of life (a move of its own, not marking the same meeting held) and within the last
    21 days. Nothing when a meeting is booked (they will talk then), or when both have gone
    quiet (a lull is the cadence's business, not a one-sided silence).
    """
    if facts.next_meeting_on is not None:
        return None
    sides: tuple[tuple[Side, date | None, date | None], ...] = (
        ("mentee", facts.last_mentee_activity, facts.last_mentor_activity),
        ("mentor", facts.last_mentor_activity, facts.last_mentee_activity),
    )
    for side, own, other in sides:
        since = own or facts.started_on
        if since is None or other is None:
            continue
        if (other - since).days < REPLY_GAP_DAYS or (facts.today - other).days >= QUIET_DAYS:
            continue
        days = (facts.today - since).days
        if days >= QUIET_DAYS:
            return Quiet(side=side, since=since, days=days)
    return None


def _cadence(facts: HealthFacts) -> tuple[Status, str]:
    today = facts.today
    if facts.cadence_days is None:
        return "on_track", "No meeting rhythm is agreed yet."
    rhythm = CADENCE_WORDS.get(facts.cadence_days, f"every {facts.cadence_days} days")
    if facts.next_meeting_on is not None:
        return (
            "on_track",
            f"Your next meeting is booked for {day_words(facts.next_meeting_on, today)}.",
        )
    if facts.times_offered:
        return "on_track", "Times are offered for your next meeting, waiting for a pick."
    since = since_last_met(facts)
    if since is None:
        return "on_track", f"You agreed to meet {rhythm}."
    anchor, days = since
    met = facts.last_held_on is not None and facts.last_held_on >= anchor
    slip = days / facts.cadence_days
    if slip > SLIP_ATTENTION:
        status: Status = "at_risk" if slip > SLIP_RISK else "needs_attention"
        if met:
            return status, (
                f"It's been {days} days since you last met, on {day_words(anchor, today)}; "
                f"you agreed to meet {rhythm}, and nothing is booked yet."
            )
        return status, (
            f"No meeting yet since you started on {day_words(anchor, today)} ({days} days); "
            f"you agreed to meet {rhythm}."
        )
    if met:
        return "on_track", f"You've met as agreed: last on {day_words(anchor, today)}."
    due = anchor + timedelta(days=facts.cadence_days)
    return "on_track", (
        f"You started on {day_words(anchor, today)}; aim for a first meeting by "
        f"{day_words(due, today)}."
    )


def _ratings(ratings: tuple[int, ...]) -> tuple[Status, str] | None:
    if not ratings:
        return None
    latest = ratings[-1]
    if latest <= LOW_RATING:
        return "needs_attention", (
            f"The last meeting was rated {latest} out of 5: worth asking each other what would "
            "make the next one more useful."
        )
    recent = fmean(ratings[-2:])  # fmean: mean's exact fractions cost 25 ms a dashboard
    if len(ratings) >= 3:
        earlier = fmean(ratings[:-2])
        if recent <= earlier - RATING_DROP:
            return "needs_attention", (
                f"Recent meetings were rated lower than before ({recent:.1f} against "
                f"{earlier:.1f} out of 5): worth talking about what would help."
            )
    if recent >= 4:
        return "on_track", f"Recent meetings were rated {recent:.1f} out of 5."
    return None


def health_assess(facts: HealthFacts) -> Health:
    """The health of one active (or paused) mentorship, with at least one reason."""
    if facts.state == PAUSED:
        return Health(
            "paused", ["Paused: no nudges and no health signals until one of you resumes."]
        )
    if facts.state != ACTIVE:
        raise ValueError(f"Only active or paused mentorships have a health, not {facts.state!r}.")
    today = facts.today
    found: list[tuple[Status, str]] = [_cadence(facts)]
    if facts.no_shows_90d >= NO_SHOWS_AT_RISK:
        found.append((
            "at_risk",
            f"{facts.no_shows_90d} meetings were missed in the last 90 days: maybe find a time "
            "that's easier for both of you.",
        ))  # fmt: skip
    quiet = quiet_side(facts)
    if quiet is not None:
        found.append((
            "at_risk",
            f"No word from the {quiet.side}'s side for {quiet.days} days, since "
            f"{day_words(quiet.since, today)}. People get busy; a short, friendly note and some "
            "room usually helps.",
        ))  # fmt: skip
    if facts.reschedules_90d >= RESCHEDULES_ATTENTION:
        found.append((
            "needs_attention",
            f"{facts.reschedules_90d} meetings were moved in the last 90 days: a steadier time "
            "slot might help.",
        ))  # fmt: skip
    if facts.overdue_actions:
        count = _plural(facts.overdue_actions, "action item is", "action items are")
        found.append((
            "needs_attention",
            f"{count} past the due date: done, tried or dropped are all fine answers.",
        ))  # fmt: skip
    rated = _ratings(facts.recent_ratings)
    if rated is not None:
        found.append(rated)
    if facts.ends_on is not None:
        left = (facts.ends_on - today).days
        if left < 0:
            found.append((
                "needs_attention",
                f"The term ended on {day_words(facts.ends_on, today)}: renew it, complete it, "
                "or stay in touch.",
            ))  # fmt: skip
        elif left <= TERM_REVIEW_DAYS:
            found.append((
                "on_track",
                f"The term ends on {day_words(facts.ends_on, today)}: a good moment to look back "
                "together.",
            ))  # fmt: skip
    status = max((s for s, _ in found), key=_WEIGHT.__getitem__)
    ordered = sorted(found, key=lambda item: -_WEIGHT[item[0]])  # stable: rule order kept
    return Health(status, [reason for _, reason in ordered])
