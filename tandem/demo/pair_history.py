"""One demo pair's months together, planned from how their story ends (`Fate`) and collected
as rows to write in bulk: the intro, the agreement (renewed for some), meetings about as often
as agreed with a few missed or called off, goals and their updates, action items and what
became of them, ratings, thank-yous, notes (a few private), the ending feedback and the audit
rows the services would have left.

Every row keeps the moment it was made: the reports count events by those dates (ratings
given, goals set, meetings held), and pair health reads each side's latest activity, so a
follow-up stamped today would make a pair that stopped meeting months ago look busy.

The last things either side does after a meeting fall within two days of it and the mentor
marks it held: pair health would otherwise read the gap as one side going quiet on the other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

from tandem.demo import history_texts as texts
from tandem.demo.dated_rows import Rows
from tandem.meetings.health.rules import CADENCE_DAYS
from tandem.meetings.models import (
    ActionItem,
    Meeting,
    MeetingFeedback,
    MeetingTransition,
    Note,
    Slot,
    ThankYou,
)
from tandem.mentorships.models import Agreement, Feedback, Goal, GoalUpdate, Mentorship, Transition
from tandem.mentorships.rules import add_months

S, M = Mentorship.State, Meeting.State
HOUR, DAY = timedelta(hours=1), timedelta(days=1)
TERM_MONTHS = 6
CADENCES = (("1m", 80), ("2w", 10), ("6w", 10))


class Fate:
    """How a pair's story goes, decided before anything is written."""

    NO_INTRO = "no_intro"  # never found a time for the intro; closed
    NO_AGREEMENT = "no_agreement"  # met once, agreed it was not the right fit; closed
    CLOSED = "closed"  # ended early after a few months
    COMPLETED = "completed"  # met through the term and completed it
    ALUMNI = "alumni"  # completed, and staying in touch
    RENEWED = "renewed"  # renewed the term and still meeting
    TERM_OVER = "term_over"  # still meeting though the term ended (renew, complete…)
    ACTIVE = "active"  # meeting about as agreed
    SLIPPED = "slipped"  # stopped meeting 70–120 days ago, nothing booked
    PAUSED = "paused"


ENDED = {Fate.NO_INTRO, Fate.NO_AGREEMENT, Fate.CLOSED, Fate.COMPLETED, Fate.ALUMNI}
GLAD = {Fate.COMPLETED, Fate.ALUMNI, Fate.RENEWED, Fate.TERM_OVER, Fate.ACTIVE}
FINAL_STATE = {
    Fate.NO_INTRO: S.CLOSED, Fate.NO_AGREEMENT: S.CLOSED, Fate.CLOSED: S.CLOSED,
    Fate.COMPLETED: S.COMPLETED, Fate.ALUMNI: S.ALUMNI, Fate.PAUSED: S.PAUSED,
}  # fmt: skip
# Goal statuses at the end of the story, by fate (weights for open, progressing, achieved,
# dropped).
GOAL_MIX = {
    Fate.COMPLETED: (0, 3, 6, 1), Fate.ALUMNI: (0, 3, 6, 1), Fate.RENEWED: (1, 5, 4, 0),
    Fate.TERM_OVER: (1, 5, 4, 0), Fate.ACTIVE: (3, 5, 2, 0), Fate.SLIPPED: (5, 4, 1, 0),
    Fate.PAUSED: (5, 4, 1, 0), Fate.CLOSED: (5, 2, 0, 3),
}  # fmt: skip
GOAL_STATUSES = (Goal.Status.OPEN, Goal.Status.PROGRESSING, Goal.Status.ACHIEVED,
                 Goal.Status.DROPPED)  # fmt: skip
# A pair's ratings sit around its own usual (4 or 5 out of 5), sometimes a point or two lower.
USUAL_RATINGS, RATING_DIPS = (4, 5, 5), ((0, 6), (1, 3), (2, 1))
T = TypeVar("T")


@dataclass(frozen=True)
class Lived:
    """What the story left that the program side needs: the state and a few moments."""

    state: str
    intro_held_at: datetime | None
    term_ends: date | None  # the first agreed term
    last_change: datetime


@dataclass
class _Pair:
    """The pair being written, and the moments of their meetings so far."""

    mentorship: Mentorship
    mentee: int  # user ids
    mentor: int
    rng: random.Random
    rows: Rows
    now: datetime
    usual: int = 5  # how they usually rate their meetings
    held: list[tuple[datetime, Meeting]] = field(default_factory=list)

    @property
    def last_held(self) -> datetime:
        return self.held[-1][0]


def pair_live(
    rows: Rows, rng: random.Random, mentorship: Mentorship, *, fate: str, confirmed: datetime,
    now: datetime,
) -> Lived:  # fmt: skip
    """Collect the rows of one pair's story from the day both confirmed; what it left."""
    pair = _Pair(mentorship, mentorship.mentee.user_id, mentorship.mentor.user_id, rng, rows, now,
                 usual=rng.choice(USUAL_RATINGS))  # fmt: skip
    if fate == Fate.NO_INTRO:
        closed = confirmed + rng.randint(45, 75) * DAY
        _transition(pair, S.INTRO, S.CLOSED, pair.mentor, closed,
                    "We couldn't find a time that worked for both of us.")  # fmt: skip
        return Lived(S.CLOSED, None, None, closed)
    intro = _at(confirmed.date() + rng.randint(5, 16) * DAY)
    _meeting(pair, intro, M.HELD, minutes=30, previous=confirmed)
    if fate == Fate.NO_AGREEMENT:
        closed = intro + rng.randint(20, 40) * DAY
        _transition(pair, S.INTRO, S.CLOSED, pair.mentee, closed,
                    "A good talk; we agreed it isn't the right fit.")  # fmt: skip
        return Lived(S.CLOSED, intro, None, closed)

    cadence = "1m" if fate == Fate.SLIPPED else _weighted(rng, CADENCES)
    agreed = intro + 4 * DAY
    term_ends = add_months(agreed.date(), TERM_MONTHS)
    aims = rng.sample(texts.GOALS, rng.choice((2, 3)))
    _agreement(pair, 1, cadence, aims, proposed=intro + 2 * DAY, accepted=agreed,
               starts=agreed.date(), ends=term_ends)  # fmt: skip
    _transition(pair, S.INTRO, S.PROPOSED, pair.mentee, intro + 2 * DAY)
    _transition(pair, S.PROPOSED, S.ACTIVE, pair.mentor, agreed)
    if fate == Fate.RENEWED:
        renewal = _at(term_ends) - 10 * DAY
        _agreement(pair, 2, cadence, aims, proposed=renewal, accepted=renewal + 3 * DAY,
                   starts=term_ends, ends=add_months(term_ends, TERM_MONTHS))  # fmt: skip

    stop = _stop(fate, rng, agreed, term_ends, now)
    _meetings(pair, fate, CADENCE_DAYS[cadence], agreed, stop)
    _goals(pair, fate, aims, agreed)
    end, state = _ending(pair, fate)
    return Lived(state, intro, term_ends, end or pair.last_held)


def _stop(
    fate: str, rng: random.Random, agreed: datetime, term_ends: date, now: datetime
) -> datetime:
    """The last meeting of the story (or, for those still meeting, today)."""
    if fate == Fate.CLOSED:
        return agreed + rng.randint(45, 100) * DAY
    if fate in (Fate.COMPLETED, Fate.ALUMNI):
        return _at(term_ends) - rng.randint(0, 10) * DAY
    if fate == Fate.SLIPPED:
        return _at(now.date() - rng.randint(70, 120) * DAY)
    if fate == Fate.PAUSED:
        return _at(now.date() - rng.randint(15, 50) * DAY)
    return now


def _ending(pair: _Pair, fate: str) -> tuple[datetime | None, str]:
    """How it ended (if it did): the audit rows and both sides' feedback."""
    rng, last = pair.rng, pair.last_held
    if fate not in FINAL_STATE:
        return None, S.ACTIVE
    end = last + rng.randint(1, 10) * DAY
    state = FINAL_STATE[fate]
    if fate == Fate.PAUSED:
        _transition(pair, S.ACTIVE, S.PAUSED, pair.mentee, last + 2 * DAY,
                    "Exams until the end of term; we'll pick up after.")  # fmt: skip
        return last + 2 * DAY, state
    if fate == Fate.CLOSED:
        _transition(pair, S.ACTIVE, S.CLOSED, pair.mentee, end,
                    "Work got busy for both of us; thank you for the help so far.")  # fmt: skip
    else:
        _transition(pair, S.ACTIVE, S.COMPLETED, pair.mentee, end)
    if fate == Fate.ALUMNI:
        _transition(pair, S.COMPLETED, S.ALUMNI, pair.mentor, end + DAY)
    glad = fate != Fate.CLOSED
    for author in (pair.mentee, pair.mentor):
        if rng.random() < 0.7:
            rating = _weighted(rng, ((5, 5), (4, 4), (3, 1))) if glad else rng.choice((2, 3, 3, 4))
            pair.rows.add(Feedback(mentorship=pair.mentorship, author_id=author, rating=rating),
                          end + DAY)  # fmt: skip
    return end, state


def _meetings(pair: _Pair, fate: str, every: int, agreed: datetime, stop: datetime) -> None:
    """About one meeting every `every` days from the agreement to `stop`; the last one held,
    and for pairs still meeting sometimes the next one booked."""
    rng, jitter = pair.rng, max(1, min(4, every // 5))
    moments, t = [], _at(agreed.date() + (every + rng.randint(-jitter, jitter)) * DAY)
    last_at = stop if fate in (Fate.SLIPPED, Fate.PAUSED) else None
    while t < stop - (every // 2 if last_at else 0) * DAY:
        moments.append(t)
        t = _at(t.date() + (every + rng.randint(-jitter, jitter)) * DAY)
    if last_at is not None:
        moments.append(last_at)
    missed_lately = 0
    previous = agreed
    for i, moment in enumerate(moments):
        roll, recent = rng.random(), (pair.now - moment).days < 90
        state = M.HELD
        if i < len(moments) - 1 and roll < 0.13 and not (recent and missed_lately):
            state = M.NO_SHOW if roll < 0.07 else M.CANCELLED
            missed_lately += recent and state == M.NO_SHOW
        _meeting(pair, moment, state, minutes=45, previous=previous)
        previous = moment
    if fate in (Fate.ACTIVE, Fate.RENEWED, Fate.TERM_OVER) and rng.random() < 0.6:
        soon = max(_at(pair.last_held.date() + every * DAY), _at(pair.now.date() + 2 * DAY))
        _booked(pair, min(soon, _at(pair.now.date() + 25 * DAY)))
    _actions(pair, fate, every)


def _meeting(pair: _Pair, at: datetime, state: str, *, minutes: int, previous: datetime) -> None:
    """A meeting proposed by the mentee, booked by the mentor, then held, missed or called
    off; after a held one, what each side wrote."""
    rows, rng = pair.rows, pair.rng
    meeting = Meeting(mentorship=pair.mentorship, state=state, minutes=minutes, starts_at=at,
                      proposed_by_id=pair.mentee)  # fmt: skip
    asked = max(previous + HOUR, at - min(7, max(1, (at - previous).days // 2)) * DAY)
    # Marked held or missed just after; called off a few hours before.
    done = at - 3 * HOUR if state == M.CANCELLED else at + minutes * timedelta(minutes=1)
    rows.add(meeting, asked, done)
    rows.add_plain(Slot(meeting=meeting, starts_at=at))
    _moves(pair, meeting, [("", M.PROPOSED, pair.mentee, asked),
                           (M.PROPOSED, M.SCHEDULED, pair.mentor, asked + DAY),
                           (M.SCHEDULED, state, pair.mentor, done)])  # fmt: skip
    if state != M.HELD:
        return
    pair.held.append((at, meeting))
    for author, chance, delay in ((pair.mentee, 0.55, 2), (pair.mentor, 0.4, 3)):
        if rng.random() < chance:
            rating = max(1, pair.usual - _weighted(rng, RATING_DIPS))
            rows.add(MeetingFeedback(meeting=meeting, author_id=author, rating=rating),
                     at + delay * HOUR)  # fmt: skip
    if rng.random() < 0.35:
        rows.add(ThankYou(meeting=meeting, author_id=pair.mentee,
                          text=rng.choice(texts.THANK_YOUS)), at + 2 * HOUR)  # fmt: skip
    if rng.random() < 0.2:
        rows.add(Note(meeting=meeting, author_id=pair.mentee,
                      text=rng.choice(texts.SHARED_NOTES)), at + HOUR)  # fmt: skip
    if rng.random() < 0.05:
        author = rng.choice((pair.mentee, pair.mentor))
        note = Note(meeting=meeting, author_id=author, text=rng.choice(texts.PRIVATE_NOTES),
                    is_private=True)  # fmt: skip
        rows.add(note, at + HOUR)


def _booked(pair: _Pair, at: datetime) -> None:
    """The next meeting, booked in the last few days."""
    asked = pair.now - pair.rng.randint(2, 6) * DAY
    meeting = Meeting(mentorship=pair.mentorship, state=M.SCHEDULED, minutes=45, starts_at=at,
                      proposed_by_id=pair.mentee)  # fmt: skip
    pair.rows.add(meeting, asked, asked + DAY)
    pair.rows.add_plain(Slot(meeting=meeting, starts_at=at))
    _moves(pair, meeting, [("", M.PROPOSED, pair.mentee, asked),
                           (M.PROPOSED, M.SCHEDULED, pair.mentor, asked + DAY)])  # fmt: skip


def _moves(pair: _Pair, meeting: Meeting, moves: list[tuple[str, str, int, datetime]]) -> None:
    for from_state, to_state, actor, at in moves:
        move = MeetingTransition(meeting=meeting, actor_id=actor, from_state=from_state,
                                 to_state=to_state, at=at)  # fmt: skip
        pair.rows.add_plain(move)


def _actions(pair: _Pair, fate: str, every: int) -> None:
    """Something to try after most meetings, looked at in the next one: done, tried or
    dropped. After the last one it stays open while it is not yet due; pairs who stopped
    meeting leave theirs open past the date."""
    rng, today = pair.rng, pair.now.date()
    held = pair.held[1:]  # not after the intro
    for i, (at, meeting) in enumerate(held):
        if rng.random() >= 0.6:
            continue
        due = at.date() + min(every, 21) * DAY
        owner = pair.mentee if rng.random() < 0.85 else pair.mentor
        item = ActionItem(mentorship=pair.mentorship, meeting=meeting, owner_id=owner,
                          due_on=due, text=rng.choice(texts.ACTIONS))  # fmt: skip
        looked_at = held[i + 1][0] + HOUR if i + 1 < len(held) else at + 2 * DAY
        still_open = i + 1 == len(held) and (due >= today or fate == Fate.SLIPPED)
        if still_open or (fate in ENDED and rng.random() < 0.08):
            pair.rows.add(item, at + HOUR)
            continue
        status = _weighted(rng, (("done", 55), ("tried", 25), ("dropped", 10)))
        item.status, item.closed_at = status, looked_at
        item.outcome = rng.choice(texts.OUTCOMES[status])
        pair.rows.add(item, at + HOUR, looked_at)


def _goals(pair: _Pair, fate: str, aims: list[str], agreed: datetime) -> None:
    """The agreement's goals (the mentee's), and for some pairs the mentor's own learning
    goal, with where each stands at the end of the story."""
    rng, mix = pair.rng, GOAL_MIX.get(fate, (1, 1, 0, 0))
    goals = []
    for text in aims:
        status = _weighted(rng, tuple(zip(GOAL_STATUSES, mix, strict=True)))
        goals.append(Goal(mentorship=pair.mentorship, owner_id=pair.mentee, text=text,
                          agreement_version=1, status=status))  # fmt: skip
    if rng.random() < 0.25:
        status = rng.choice((Goal.Status.PROGRESSING, Goal.Status.ACHIEVED))
        goals.append(Goal(mentorship=pair.mentorship, owner_id=pair.mentor, is_learning_goal=True,
                          text=rng.choice(texts.LEARNING_GOALS), status=status))  # fmt: skip
    _goal_updates(pair, goals, agreed)


def _goal_updates(pair: _Pair, goals: list[Goal], agreed: datetime) -> None:
    """A goal that moved has an update by its owner, the day after a meeting."""
    held = [at for at, _ in pair.held if at > agreed] or [agreed]
    for goal in goals:
        if goal.status == Goal.Status.OPEN:
            pair.rows.add(goal, agreed)
            continue
        at = (held[-1] if goal.status == Goal.Status.ACHIEVED else pair.rng.choice(held)) + DAY
        pair.rows.add(goal, agreed, at)
        words = texts.GOAL_UPDATES.get(goal.status, texts.GOAL_UPDATES["progressing"])
        pair.rows.add(GoalUpdate(goal=goal, author_id=goal.owner_id, status=goal.status,
                                 text=pair.rng.choice(words)), at)  # fmt: skip


def _agreement(
    pair: _Pair, version: int, cadence: str, goals: list[str], *, proposed: datetime,
    accepted: datetime, starts: date, ends: date,
) -> None:  # fmt: skip
    pair.rows.add(
        Agreement(mentorship=pair.mentorship, version=version, proposed_by_id=pair.mentee,
                  goals=goals, cadence=cadence, meeting_minutes=45, term_months=TERM_MONTHS,
                  channel=pair.rng.choice(("Video call", "Coffee on campus", "Phone")),
                  state=Agreement.State.ACCEPTED, starts_on=starts, ends_on=ends),
        proposed, accepted,
    )  # fmt: skip


def _transition(
    pair: _Pair, from_state: str, to_state: str, actor: int, at: datetime, reason: str = ""
) -> None:
    pair.rows.add_plain(Transition(mentorship=pair.mentorship, actor_id=actor, reason=reason,
                                   from_state=from_state, to_state=to_state, at=at))  # fmt: skip


def _at(day: date) -> datetime:
    """A meeting time on that day: late afternoon, UTC."""
    return datetime.combine(day, time(17, 0), tzinfo=UTC)


def _weighted(rng: random.Random, choices: tuple[tuple[T, int], ...]) -> T:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]
