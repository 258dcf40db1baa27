"""The dashboard bench's program: people, rounds, matches and mentorships across a year.

Rows are written with `bulk_create` in batches, straight to the tables (no services, no
notices): the bench measures reading a year of activity, not making it. Every moment is chosen
(`stamped` turns the auto_now fields off while writing), so enrollment months, rounds,
intros, agreements and their terms fall where a real year would put them. One seeded
`random.Random` makes the same rows on every run. The activity inside the mentorships
(meetings, feedback, goals, action items, pulses) is `dashboard_activity.py`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

BATCH = 2000
DEPARTMENTS = tuple(
    f"{name}" for name in (
        "Engineering", "Sales", "Marketing", "Finance", "Operations", "People", "Legal",
        "Product", "Support", "Research",
    )
)  # fmt: skip
MENTEE_SHARE = 0.65  # 6,500 mentees and 3,500 mentors in 10,000
ROUND_DAYS = (35, 95, 155, 215, 275, 335)  # days after the program started
DECLINED_SHARE = 0.12
UNMATCHED_SHARE = 0.3  # mentees no round found a mentor for (still waiting at the year's end)
CADENCES = (("2w", 0.35), ("1m", 0.5), ("6w", 0.15))


@contextmanager
def stamped(*models: Any) -> Iterator[None]:
    """While writing, created_at/updated_at keep the values given instead of now."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add


def at(moment: datetime) -> dict[str, datetime]:
    return {"created_at": moment, "updated_at": moment}


def pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))


@dataclass
class Life:
    """One mentorship as the bench imagines it, for the activity writers."""

    mentorship_id: int
    match_id: int
    mentee: Any  # Participant (with .profile_id); user ids below
    mentor: Any
    mentee_user: int
    mentor_user: int
    state: str
    started: datetime  # both confirmed: the intro begins
    intro_held: datetime | None = None
    agreement_start: date | None = None
    ends_on: date | None = None
    cadence_days: int = 30
    ended: datetime | None = None  # completed or closed


@dataclass
class World:
    """What the builders made, with the figures the bench prints."""

    now: datetime
    counts: dict[str, int] = field(default_factory=dict)
    user_of: dict[int, int] = field(default_factory=dict)  # participant id → account id

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


def people_write(world: World, organization: Any, n: int, tag: str) -> list[Any]:
    """`n` accounts with profiles at the organization; their profiles, in id order."""
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    from tandem.accounts.models import User
    from tandem.profiles.models import Profile

    users = [
        User(email=f"{tag}{i}@bench.example", first_name="Bench", last_name=f"{tag}{i}",
             password=UNUSABLE_PASSWORD_PREFIX)  # no one signs in but the test client
        for i in range(n)
    ]  # fmt: skip
    User.objects.bulk_create(users, batch_size=BATCH)
    profiles = [
        Profile(user=u, organization=organization, is_mentee=True, is_mentor=True) for u in users
    ]
    Profile.objects.bulk_create(profiles, batch_size=BATCH)
    world.add("accounts and profiles", n)
    return profiles


def participants_write(
    world: World, rng: random.Random, program: Any, profiles: list[Any], start: datetime,
    *, mentee_share: float = MENTEE_SHARE, role: str = "",
) -> list[Any]:  # fmt: skip
    """Places created across the year (more in the first months), a few left or waiting."""
    from tandem.programs.models import Participant

    S = Participant.State
    rows = []
    for profile in profiles:
        side = role or ("mentee" if rng.random() < mentee_share else "mentor")
        enrolled = start + timedelta(days=min(rng.expovariate(1 / 110), 360), hours=rng.random())
        state = rng.choices((S.ACTIVE, S.LEFT, S.APPLIED), (0.95, 0.04, 0.01))[0]
        rows.append(Participant(
            program=program, profile_id=profile.pk, role=side, state=state,
            department=rng.choice(DEPARTMENTS), capacity=rng.randint(1, 3) if side == "mentor"
            else 1, **at(min(enrolled, world.now - timedelta(hours=1))),
        ))  # fmt: skip
    with stamped(Participant):
        Participant.objects.bulk_create(rows, batch_size=BATCH)
    world.add("participants", len(rows))
    for row, profile in zip(rows, profiles, strict=True):
        world.user_of[row.pk] = profile.user_id
    return rows


def rounds_write(
    world: World, rng: random.Random, program: Any, places: list[Any], start: datetime
) -> list[tuple[Any, datetime | None]]:
    """Six published rounds; each pairs the mentees who enrolled a week before it and are
    still waiting with mentors who have a free place. (match, when both confirmed or None)."""
    from tandem.programs.models import Match, Participant, Round

    active = [p for p in places if p.state != Participant.State.APPLIED]
    mentees = sorted(
        (p for p in active if p.role == "mentee" and rng.random() >= UNMATCHED_SHARE),
        key=lambda p: p.created_at,
    )
    mentors = [p for p in active if p.role == "mentor"]
    free = {m.pk: m.capacity for m in mentors}
    waiting: list[Any] = []
    queue = iter(mentees)
    upcoming = next(queue, None)
    made: list[tuple[Any, datetime | None]] = []
    rows: list[Match] = []
    for number, day in enumerate(ROUND_DAYS, start=1):
        moment = start + timedelta(days=day)
        if moment > world.now:
            break
        with stamped(Round):
            round_ = Round.objects.create(
                program=program, number=number, state=Round.State.PUBLISHED, mode="optimal",
                progress=100, finished_at=moment, published_at=moment, **at(moment),
            )  # fmt: skip
        while upcoming is not None and upcoming.created_at < moment - timedelta(days=7):
            waiting.append(upcoming)
            upcoming = next(queue, None)
        open_mentors = [m for m in mentors if free[m.pk] > 0 and m.created_at < moment]
        rng.shuffle(waiting)
        still = []
        recent = (world.now - moment).days < 21
        for mentee in waiting:
            open_mentors = [m for m in open_mentors if free[m.pk] > 0]
            if not open_mentors:
                still.append(mentee)
                continue
            mentor = rng.choice(open_mentors)
            roll = rng.random()
            if roll < DECLINED_SHARE:
                state, confirmed = Match.State.DECLINED, None
                still.append(mentee)  # asked again next round
            elif recent and roll < 0.45:
                state, confirmed = Match.State.PROPOSED, None
                free[mentor.pk] -= 1
            else:
                state = Match.State.CONFIRMED
                confirmed = moment + timedelta(days=rng.uniform(0.5, 10))
                confirmed = min(confirmed, world.now - timedelta(hours=2))
                free[mentor.pk] -= 1
            match = Match(
                program=program, round=round_, first=mentee, second=mentor,
                score=rng.uniform(55, 95), state=state, first_confirmed_at=confirmed,
                second_confirmed_at=confirmed, **at(moment),
            )  # fmt: skip
            rows.append(match)
            made.append((match, confirmed))
        waiting = still
    with stamped(Match):
        Match.objects.bulk_create(rows, batch_size=BATCH)
    world.add("published matches", len(rows))
    world.add("  of which declined", sum(m.state == Match.State.DECLINED for m in rows))
    return made


def _plan_life(rng: random.Random, world: World, life: Life) -> None:
    """The state a confirmed pair has reached by now, and its moments."""
    age = (world.now - life.started).days
    if age < 25:
        life.state = "intro" if rng.random() < 0.7 else "active"
    elif age < 150:
        life.state = pick(rng, (("intro", 0.06), ("active", 0.76), ("paused", 0.06),
                                ("closed", 0.12)))  # fmt: skip
    else:
        life.state = pick(rng, (("intro", 0.03), ("active", 0.5), ("paused", 0.07),
                                ("completed", 0.25), ("closed", 0.15)))  # fmt: skip
    if life.state == "intro":
        return  # the intro is still to be held
    life.intro_held = life.started + timedelta(days=rng.uniform(3, min(14, max(age, 4) - 1)))
    life.intro_held = min(life.intro_held, world.now - timedelta(hours=1))
    life.cadence_days = {"2w": 14, "1m": 30, "6w": 42}[pick(rng, CADENCES)]
    life.agreement_start = (life.intro_held + timedelta(days=2)).date()
    term = 6 if rng.random() < 0.6 else 12
    life.ends_on = add_months(life.agreement_start, term)
    last = world.now - timedelta(days=1)
    if life.state == "completed":
        life.ends_on = min(life.ends_on, last.date())
        life.ended = datetime.combine(life.ends_on, datetime.min.time(), tzinfo=world.now.tzinfo)
    elif life.state == "closed":
        span = max((last - life.intro_held).days, 1)
        life.ended = life.intro_held + timedelta(days=rng.uniform(span * 0.3, span))


def mentorships_write(
    world: World, rng: random.Random, made: list[tuple[Any, datetime | None]]
) -> list[Life]:
    """A mentorship for each confirmed match, in a mix of states, with its accepted agreement
    (cadence, term, ends_on) and the transitions that brought it there."""
    from tandem.mentorships.models import Agreement, Mentorship, Transition
    from tandem.programs.models import Match

    lives, rows, matches = [], [], []
    for match, confirmed in made:
        if confirmed is None:
            continue
        matches.append(match)
        life = Life(0, match.pk, match.first, match.second, world.user_of[match.first.pk],
                    world.user_of[match.second.pk], "intro", confirmed)  # fmt: skip
        _plan_life(rng, world, life)
        lives.append(life)
        rows.append(Mentorship(
            mentee_id=match.first.profile_id, mentor_id=match.second.profile_id,
            state=life.state, intro_held_at=life.intro_held, **at(confirmed),
        ))  # fmt: skip
    with stamped(Mentorship):
        Mentorship.objects.bulk_create(rows, batch_size=BATCH)
    for life, row, match in zip(lives, rows, matches, strict=True):
        life.mentorship_id = match.mentorship_id = row.pk
    Match.objects.bulk_update(matches, ["mentorship"], batch_size=BATCH)

    agreements, transitions = [], []
    cadence_code = {14: "2w", 30: "1m", 42: "6w"}
    for life in lives:
        steps = [("", "intro", life.started, life.mentee_user)]
        if life.agreement_start is not None and life.intro_held is not None:
            agreements.append(Agreement(
                mentorship_id=life.mentorship_id, version=1, proposed_by_id=life.mentee_user,
                goals=["Grow", "Learn", "Decide"], cadence=cadence_code[life.cadence_days],
                term_months=6, state=Agreement.State.ACCEPTED, starts_on=life.agreement_start,
                ends_on=life.ends_on, **at(life.intro_held),
            ))  # fmt: skip
            steps += [("intro", "proposed", life.intro_held, life.mentee_user),
                      ("proposed", "active", life.intro_held + timedelta(days=1),
                       life.mentor_user)]  # fmt: skip
        if life.state == "paused" and life.intro_held is not None:
            when = life.intro_held + (world.now - life.intro_held) * rng.uniform(0.4, 0.9)
            steps.append(("active", "paused", when, life.mentor_user))
        if life.ended is not None:
            steps.append(("active", life.state, life.ended, life.mentee_user))
        transitions += [
            Transition(mentorship_id=life.mentorship_id, actor_id=who, from_state=a,
                       to_state=b, at=when)
            for a, b, when, who in steps
        ]  # fmt: skip
    with stamped(Agreement):
        Agreement.objects.bulk_create(agreements, batch_size=BATCH)
    Transition.objects.bulk_create(transitions, batch_size=BATCH)
    world.add("mentorships", len(rows))
    world.add("agreements (accepted)", len(agreements))
    world.add("mentorship transitions", len(transitions))
    return lives
