"""The dashboard bench's year inside the mentorships: meetings on the agreed rhythm (mostly
held, some missed, cancelled or booked ahead), their transitions, thank-yous and ratings,
goals and their updates, action items, ending feedback and the program's pulses; then a coffee
program's cycles with their feedback. Bulk writes with chosen moments, like
`dashboard_world.py`."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from dashboard_world import BATCH, Life, World, at, pick, stamped

RATINGS = (("5", 0.37), ("4", 0.4), ("3", 0.15), ("2", 0.05), ("1", 0.03))
PAST_MEETING = (("held", 0.86), ("no_show", 0.06), ("cancelled", 0.08))
GOAL_STATUS = {
    "ended": (("achieved", 0.55), ("progressing", 0.2), ("dropped", 0.15), ("open", 0.1)),
    "running": (("open", 0.3), ("progressing", 0.45), ("achieved", 0.2), ("dropped", 0.05)),
}
ACTION_STATUS = (("open", 0.2), ("done", 0.5), ("tried", 0.15), ("dropped", 0.15))


def _meeting_times(rng: random.Random, world: World, life: Life) -> list[tuple[datetime, str]]:
    """(starts_at, state): the intro, then one a cadence (with slack) until the end or now,
    and for a running pair most often one booked ahead (or times offered)."""
    if life.intro_held is None:  # still in intro: the intro meeting booked or offered
        if rng.random() < 0.6:
            return [(world.now + timedelta(days=rng.uniform(1, 10)), "scheduled")]
        return [(world.now, "proposed")]
    times = [(life.intro_held, "held")]
    end = life.ended or world.now
    moment = life.intro_held
    while True:
        moment += timedelta(days=life.cadence_days * rng.uniform(0.7, 1.4))
        if moment >= end:
            break
        times.append((moment, pick(rng, PAST_MEETING)))
    if life.state == "active":
        roll = rng.random()
        if roll < 0.65:
            times.append((world.now + timedelta(days=rng.uniform(1, 25)), "scheduled"))
        elif roll < 0.75:
            times.append((world.now, "proposed"))
    return times


def meetings_write(world: World, rng: random.Random, lives: list[Life]) -> list[tuple[Any, Life]]:
    """Meetings with their state changes; the held ones, with their pair, for what follows."""
    from tandem.meetings.models import Meeting, MeetingTransition

    rows, owners = [], []
    for life in lives:
        for starts, state in _meeting_times(rng, world, life):
            created = min(starts - timedelta(days=rng.uniform(3, 14)), world.now)
            created = max(created, life.started)
            rows.append(Meeting(
                mentorship_id=life.mentorship_id, state=state, minutes=45,
                starts_at=None if state == "proposed" else starts,
                proposed_by_id=life.mentee_user, **at(created),
            ))  # fmt: skip
            owners.append(life)
    with stamped(Meeting):
        Meeting.objects.bulk_create(rows, batch_size=BATCH)
    transitions = [
        MeetingTransition(
            meeting_id=m.pk, actor_id=rng.choice((life.mentee_user, life.mentor_user)),
            from_state="scheduled", to_state=m.state, at=m.starts_at + timedelta(hours=1),
        )
        for m, life in zip(rows, owners, strict=True)
        if m.state in ("held", "no_show", "cancelled") and m.starts_at is not None
    ]  # fmt: skip
    MeetingTransition.objects.bulk_create(transitions, batch_size=BATCH)
    world.add("meetings", len(rows))
    for state in ("held", "no_show", "cancelled", "scheduled", "proposed"):
        world.add(f"  {state}", sum(m.state == state for m in rows))
    world.add("meeting transitions", len(transitions))
    return [(m, life) for m, life in zip(rows, owners, strict=True) if m.state == "held"]


def after_meetings_write(world: World, rng: random.Random, held: list[tuple[Any, Life]]) -> None:
    """Ratings from either side (numbers only matter here), and the mentee's thank-yous."""
    from tandem.meetings.models import MeetingFeedback, ThankYou

    ratings, thanks = [], []
    for meeting, life in held:
        when = min(meeting.starts_at + timedelta(hours=3), world.now)
        for user, share in ((life.mentee_user, 0.55), (life.mentor_user, 0.35)):
            if rng.random() < share:
                ratings.append(MeetingFeedback(
                    meeting_id=meeting.pk, author_id=user, rating=int(pick(rng, RATINGS)),
                    **at(when),
                ))  # fmt: skip
        if rng.random() < 0.3:
            thanks.append(ThankYou(meeting_id=meeting.pk, author_id=life.mentee_user,
                                   text="Thank you!", **at(when)))  # fmt: skip
    with stamped(MeetingFeedback, ThankYou):
        MeetingFeedback.objects.bulk_create(ratings, batch_size=BATCH)
        ThankYou.objects.bulk_create(thanks, batch_size=BATCH)
    world.add("meeting ratings", len(ratings))
    world.add("thank-yous", len(thanks))


def goals_write(world: World, rng: random.Random, lives: list[Life]) -> None:
    """Three goals for each agreement (a mentor's learning goal now and then), an update on
    the ones that moved."""
    from tandem.mentorships.models import Goal, GoalUpdate

    goals, moments = [], []
    for life in lives:
        if life.intro_held is None:
            continue
        weights = GOAL_STATUS["ended" if life.ended else "running"]
        owners = [(life.mentee_user, False)] * 3
        if rng.random() < 0.3:
            owners.append((life.mentor_user, True))
        for n, (owner, learning) in enumerate(owners):
            goals.append(Goal(
                mentorship_id=life.mentorship_id, owner_id=owner, text=f"Goal {n + 1}",
                is_learning_goal=learning, agreement_version=1, status=pick(rng, weights),
                **at(life.intro_held),
            ))  # fmt: skip
            moments.append((life.intro_held, life.ended or world.now))
    with stamped(Goal, GoalUpdate):
        Goal.objects.bulk_create(goals, batch_size=BATCH)
        updates = [
            GoalUpdate(goal_id=g.pk, author_id=g.owner_id, text="A step", status=g.status,
                       **at(start + (end - start) * rng.uniform(0.2, 1)))
            for g, (start, end) in zip(goals, moments, strict=True)
            if g.status != "open"
        ]  # fmt: skip
        GoalUpdate.objects.bulk_create(updates, batch_size=BATCH)
    world.add("goals", len(goals))
    world.add("goal updates", len(updates))


def actions_write(world: World, rng: random.Random, held: list[tuple[Any, Life]]) -> None:
    """About five action items a mentorship, each from one of its held meetings."""
    from tandem.meetings.models import ActionItem

    by_life: dict[int, list[Any]] = {}
    lives: dict[int, Life] = {}
    for meeting, life in held:
        by_life.setdefault(life.mentorship_id, []).append(meeting)
        lives[life.mentorship_id] = life
    rows = []
    for mentorship_id, meetings in by_life.items():
        life = lives[mentorship_id]
        for _ in range(rng.randint(3, 7)):
            meeting = rng.choice(meetings)
            made = meeting.starts_at + timedelta(hours=2)
            due = (made + timedelta(days=rng.randint(7, 30))).date()
            status = "open" if due >= world.now.date() else pick(rng, ACTION_STATUS)
            closed = None if status == "open" else min(
                made + timedelta(days=rng.uniform(2, 30)), world.now)  # fmt: skip
            rows.append(ActionItem(
                mentorship_id=mentorship_id, meeting_id=meeting.pk, text="Try it",
                owner_id=life.mentee_user if rng.random() < 0.8 else life.mentor_user,
                due_on=due, status=status, closed_at=closed, created_at=made,
                updated_at=closed or made,
            ))  # fmt: skip
    with stamped(ActionItem):
        ActionItem.objects.bulk_create(rows, batch_size=BATCH)
    world.add("action items", len(rows))


def endings_write(world: World, rng: random.Random, lives: list[Life]) -> None:
    """Each side's rating when a mentorship completed or closed (about six in ten give one)."""
    from tandem.mentorships.models import Feedback

    rows = [
        Feedback(mentorship_id=life.mentorship_id, author_id=user, occasion="ending",
                 rating=int(pick(rng, RATINGS)), **at(life.ended))
        for life in lives
        if life.ended is not None
        for user in (life.mentee_user, life.mentor_user)
        if rng.random() < 0.6
    ]  # fmt: skip
    with stamped(Feedback):
        Feedback.objects.bulk_create(rows, batch_size=BATCH)
    world.add("ending ratings", len(rows))


def _score(rng: random.Random) -> int:
    band = rng.random()
    if band < 0.25:
        return rng.randint(0, 6)
    return rng.randint(7, 8) if band < 0.6 else rng.randint(9, 10)


def pulses_write(world: World, rng: random.Random, program: Any, lives: list[Life]) -> None:
    """The program's pulses: both sides 30 days after the intro, and again when an agreed
    term ended; about 60 % answered within a few days."""
    from tandem.reports.models import Pulse

    rows = []
    for life in lives:
        moments = [("intro", life.started + timedelta(days=30))]
        if life.ends_on is not None and life.ends_on < world.now.date():
            moments.append(("term_end", datetime.combine(
                life.ends_on, datetime.min.time(), tzinfo=world.now.tzinfo)))  # fmt: skip
        for moment, sent in moments:
            if sent >= world.now:
                continue
            for place in (life.mentee, life.mentor):
                reply = sent + timedelta(days=rng.uniform(0, 5))
                answered = reply if rng.random() < 0.6 and reply < world.now else None
                rows.append(Pulse(
                    program=program, participant_id=place.pk, match_id=life.match_id,
                    moment=moment, sent_at=sent, answered_at=answered,
                    score=None if answered is None else _score(rng), **at(sent),
                ))  # fmt: skip
    with stamped(Pulse):
        Pulse.objects.bulk_create(rows, batch_size=BATCH)
    world.add("pulses sent", len(rows))
    world.add("  answered", sum(p.answered_at is not None for p in rows))


def coffee_write(
    world: World, rng: random.Random, program: Any, places: list[Any], start: datetime
) -> None:
    """A coffee program's fortnightly cycles: everyone opted in paired at random, about half
    saying afterwards whether they met, how it was and whether to meet again."""
    from tandem.programs.models import Match, MatchFeedback, Round

    matches, feedback_of = [], []
    cycle_on, number = start, 0
    while cycle_on < world.now:
        number += 1
        with stamped(Round):
            round_ = Round.objects.create(
                program=program, number=number, state=Round.State.PUBLISHED, progress=100,
                cycle_on=cycle_on.date(), finished_at=cycle_on, published_at=cycle_on,
                **at(cycle_on),
            )  # fmt: skip
        pool = [p for p in places if p.created_at < cycle_on and rng.random() < 0.85]
        rng.shuffle(pool)
        for a, b in zip(pool[::2], pool[1::2], strict=False):
            first, second = sorted((a, b), key=lambda p: p.pk)
            matches.append(Match(
                program=program, round=round_, first=first, second=second, score=70,
                state=Match.State.CONFIRMED, **at(cycle_on),
            ))  # fmt: skip
            feedback_of.append((first, second, cycle_on))
        cycle_on += timedelta(days=14)
    with stamped(Match, MatchFeedback):
        Match.objects.bulk_create(matches, batch_size=BATCH)
        rows = [
            MatchFeedback(match_id=m.pk, author_id=who.pk, met=(met := rng.random() < 0.8),
                          rating=int(pick(rng, RATINGS)) if met else None,
                          meet_again=met and rng.random() < 0.3,
                          **at(min(when + timedelta(days=7), world.now)))
            for m, (first, second, when) in zip(matches, feedback_of, strict=True)
            for who in (first, second)
            if rng.random() < 0.5
        ]  # fmt: skip
        MatchFeedback.objects.bulk_create(rows, batch_size=BATCH)
    world.add("coffee cycles", number)
    world.add("coffee matches", len(matches))
    world.add("coffee feedback", len(rows))
