"""Demo asks and mentorships, so every page has something real to show on the first run.

The demo logins get a story of their own (the mentee has an active mentor and a request
waiting; the mentor has requests to answer); a share of the generated people get asks and
mentorships in every state. Rows are written in bulk, like the rest of the demo, and without
notifications: nobody should get email about a story the demo made up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count

from tandem.mentorships.models import Agreement, Ask, Mentorship, Transition
from tandem.profiles.choices import FocusArea
from tandem.profiles.models import Profile

BATCH_SIZE = 1000
S = Mentorship.State
# How a generated mentee's mentorship stands today.
STATES = (S.INTRO, S.PROPOSED, S.ACTIVE, S.PAUSED, S.COMPLETED, S.ALUMNI, S.CLOSED)
STATE_WEIGHTS = (15, 10, 40, 5, 10, 5, 15)
SHARE_MENTORED, SHARE_WAITING, SHARE_DECLINED = 0.15, 0.1, 0.04
GOALS = (
    "Lead my first project from kick-off to launch",
    "Give feedback that lands, kindly and clearly",
    "Build a network outside my team",
    "Prepare for a promotion conversation",
    "Get confident presenting to senior people",
    "Make a plan for moving into a new function",
)
NOTES = (
    "Hi {mentor}, I'm a {job} working towards my next step. Your path looks like the one I "
    "want, and I'd value 20 minutes of advice on {focus}.",
    "Hello {mentor}! I think you could help me with {focus}. I'm a {job}; would a 20-minute "
    "call work for you sometime in the next few weeks?",
    "Hi {mentor}, I'm a {job} and I'm stuck on {focus}. I've tried a few things already; "
    "could I ask you what worked for you, in 20 minutes?",
)


@dataclass(frozen=True)
class Step:
    """One audit row to write: of an ask (by index) or a mentorship (by index)."""

    ask: int | None
    mentorship: int | None
    actor: int | None
    from_state: str
    to_state: str
    at: datetime


@dataclass
class Story:
    """The rows to write, linked by list index until they have primary keys."""

    asks: list[Ask] = field(default_factory=list)
    mentorships: list[tuple[Mentorship, int]] = field(default_factory=list)  # (row, its ask)
    agreements: list[tuple[Agreement, int]] = field(default_factory=list)  # (row, mentorship)
    steps: list[Step] = field(default_factory=list)
    busy: set[tuple[int, int]] = field(default_factory=set)  # (mentee, mentor) already linked
    places: dict[int, int] = field(default_factory=dict)  # mentor id → places taken


def _note(rng: random.Random, mentee: Profile, mentor: Profile, focus: list[str]) -> str:
    labels = dict(FocusArea.choices)
    return rng.choice(NOTES).format(
        mentor=mentor.user.first_name or "there",
        job=(mentee.job_title or "professional").lower(),
        focus=" and ".join(labels[f].lower() for f in focus),
    )[:600]


def ask_add(
    story: Story, rng: random.Random, mentee: Profile, mentor: Profile, *, state: str,
    sent: datetime, decided: datetime | None = None,
) -> int:  # fmt: skip
    """An ask, with its audit rows; returns its index."""
    sought = [f for f in mentee.focus_areas_sought if f in FocusArea.values]
    focus = rng.sample(sought, k=min(len(sought), 2)) or [FocusArea.CAREER_ADVICE.value]
    story.asks.append(
        Ask(
            mentee=mentee, mentor=mentor, state=state, focus_areas=focus,
            note=_note(rng, mentee, mentor, focus), intro_minutes=20, sent_at=sent,
            decided_at=decided,
        )
    )  # fmt: skip
    story.busy.add((mentee.pk, mentor.pk))
    index = len(story.asks) - 1
    story.steps.append(Step(index, None, mentee.user_id, "", Ask.State.PENDING, sent))
    if decided is not None:
        story.steps.append(Step(index, None, mentor.user_id, Ask.State.PENDING, state, decided))
    return index


def mentorship_add(
    story: Story, rng: random.Random, mentee: Profile, mentor: Profile, *, state: str,
    accepted: datetime,
) -> None:  # fmt: skip
    """A mentorship that has reached `state`, with its ask, agreement and history."""
    sent = accepted - timedelta(days=rng.randint(1, 6))
    ask = ask_add(story, rng, mentee, mentor, state=Ask.State.ACCEPTED, sent=sent, decided=accepted)
    story.mentorships.append((Mentorship(mentee=mentee, mentor=mentor, state=state), ask))
    m = len(story.mentorships) - 1
    if state in Mentorship.HOLDING_A_PLACE:
        story.places[mentor.pk] = story.places.get(mentor.pk, 0) + 1
    path = _path(state)
    proposed = accepted + timedelta(days=rng.randint(2, 10))
    started = proposed + timedelta(days=rng.randint(1, 5))
    moments: dict[str, datetime] = {S.INTRO: accepted, S.PROPOSED: proposed}
    previous = ""
    for target in path:
        actor = mentor.user_id if target in (S.INTRO, S.ACTIVE, S.ALUMNI) else mentee.user_id
        at = moments.get(target, started)
        story.steps.append(Step(None, m, actor, previous, target, at))
        previous = target
    if S.PROPOSED in path:
        agreed = S.ACTIVE in path
        story.agreements.append((
            Agreement(
                version=1, goals=rng.sample(GOALS, k=rng.choice((2, 3))),
                proposed_by_id=mentee.user_id, cadence=rng.choice(Agreement.Cadence.values),
                meeting_minutes=rng.choice((30, 45, 60)), term_months=12, channel="Video call",
                state=Agreement.State.ACCEPTED if agreed else Agreement.State.PROPOSED,
                starts_on=started.date() if agreed else None,
                ends_on=(started + timedelta(days=365)).date() if agreed else None,
            ),
            m,
        ))  # fmt: skip


def _path(state: str) -> list[str]:
    """The states a mentorship passed through to reach `state` (a legal walk of §4.2)."""
    agreed: list[str] = [S.INTRO, S.PROPOSED, S.ACTIVE]
    paths: dict[str, list[str]] = {
        S.INTRO: [S.INTRO],
        S.PROPOSED: [S.INTRO, S.PROPOSED],
        S.ACTIVE: agreed,
        S.PAUSED: [*agreed, S.PAUSED],
        S.COMPLETED: [*agreed, S.COMPLETED],
        S.ALUMNI: [*agreed, S.COMPLETED, S.ALUMNI],
        S.CLOSED: [*agreed, S.CLOSED],
    }
    return paths[state]


def story_plan(
    *, profiles: list[Profile], named: dict[str, Profile], seed: int, now: datetime
) -> Story:
    """Decide who asked whom and how it went; deterministic for a seed."""
    rng = random.Random(seed * 7919 + 17)
    story = Story()
    mentors = [p for p in profiles if p.is_mentor and not p.is_paused and p.capacity > 0]
    generated = [p for p in profiles if p not in named.values()]
    mentees = [p for p in generated if p.is_mentee]
    if not mentors:
        return story
    _named_story(story, rng, named, mentors, mentees, now)
    planned = 0
    for mentee in mentees:
        roll = rng.random()
        if roll < SHARE_MENTORED:
            mentor = _free_mentor(story, rng, mentee, mentors)
            if mentor is not None:
                # The first few take every state once, so each page has an example whatever
                # the seed; the rest follow the weights.
                if planned < len(STATES):
                    state = STATES[planned]
                else:
                    state = rng.choices(STATES, weights=STATE_WEIGHTS)[0]
                planned += 1
                accepted = now - timedelta(days=rng.randint(20, 200))
                mentorship_add(story, rng, mentee, mentor, state=state, accepted=accepted)
        elif roll < SHARE_MENTORED + SHARE_WAITING:
            mentor = _free_mentor(story, rng, mentee, mentors)
            if mentor is not None:
                sent = now - timedelta(days=rng.randint(0, 6), hours=rng.randint(0, 23))
                ask_add(story, rng, mentee, mentor, state=Ask.State.PENDING, sent=sent)
        elif roll < SHARE_MENTORED + SHARE_WAITING + SHARE_DECLINED:
            mentor = rng.choice(mentors)
            if mentor.pk != mentee.pk and (mentee.pk, mentor.pk) not in story.busy:
                decided = now - timedelta(days=rng.randint(1, 60))
                ask_add(story, rng, mentee, mentor, state=Ask.State.DECLINED,
                        sent=decided - timedelta(days=3), decided=decided)  # fmt: skip
    return story


def _free_mentor(
    story: Story, rng: random.Random, mentee: Profile, mentors: list[Profile]
) -> Profile | None:
    for mentor in rng.sample(mentors, k=min(5, len(mentors))):
        taken = story.places.get(mentor.pk, 0)
        free = mentor.pk != mentee.pk and taken < mentor.capacity
        if free and (mentee.pk, mentor.pk) not in story.busy:
            return mentor
    return None


def _named_story(
    story: Story, rng: random.Random, named: dict[str, Profile], mentors: list[Profile],
    mentees: list[Profile], now: datetime,
) -> None:  # fmt: skip
    """The demo logins' own story: something to look at and something to do."""
    mentee, mentor, both = named.get("mentee"), named.get("mentor"), named.get("both")
    others = [m for m in mentors if m not in named.values()]
    if mentee and mentor:
        mentorship_add(
            story, rng, mentee, mentor, state=S.ACTIVE, accepted=now - timedelta(days=45)
        )
    if mentee and others:
        ask_add(story, rng, mentee, others[0], state=Ask.State.PENDING,
                sent=now - timedelta(days=2))  # fmt: skip
    if mentor:
        for days, asker in zip((1, 5), mentees[:2], strict=False):
            ask_add(story, rng, asker, mentor, state=Ask.State.PENDING,
                    sent=now - timedelta(days=days, hours=3))  # fmt: skip
    if both and len(others) > 1:
        mentorship_add(story, rng, both, others[1], state=S.INTRO, accepted=now - timedelta(days=4))
    if both and len(mentees) > 2:
        ask_add(story, rng, mentees[2], both, state=Ask.State.PENDING,
                sent=now - timedelta(days=3))  # fmt: skip


@dataclass(frozen=True)
class StoryReport:
    asks: int
    mentorships: int


def story_write(story: Story) -> StoryReport:
    """Write the planned rows in bulk and bring the mentors' place counts up to date."""
    Ask.objects.bulk_create(story.asks, batch_size=BATCH_SIZE)
    mentorships: list[Mentorship] = []
    for mentorship, ask in story.mentorships:
        mentorship.ask = story.asks[ask]
        mentorships.append(mentorship)
    Mentorship.objects.bulk_create(mentorships, batch_size=BATCH_SIZE)
    agreements: list[Agreement] = []
    for agreement, m in story.agreements:
        agreement.mentorship = mentorships[m]
        agreements.append(agreement)
    Agreement.objects.bulk_create(agreements, batch_size=BATCH_SIZE)
    Transition.objects.bulk_create(
        [
            Transition(
                ask=story.asks[s.ask] if s.ask is not None else None,
                mentorship=mentorships[s.mentorship] if s.mentorship is not None else None,
                actor_id=s.actor,
                from_state=s.from_state,
                to_state=s.to_state,
                at=s.at,
            )
            for s in story.steps
        ],
        batch_size=BATCH_SIZE,
    )
    places_recount(list(story.places))
    return StoryReport(asks=len(story.asks), mentorships=len(mentorships))


def places_recount(mentor_ids: list[int]) -> None:
    """Each mentor's places taken: the mentorships of theirs still running (also after the
    program history, `program_history.py`)."""
    held = dict(
        Mentorship.objects.filter(mentor_id__in=mentor_ids, state__in=Mentorship.HOLDING_A_PLACE)
        .values("mentor_id")
        .annotate(n=Count("id"))
        .values_list("mentor_id", "n")
    )
    profiles = list(Profile.objects.filter(pk__in=mentor_ids).only("id", "places_taken"))
    for profile in profiles:
        profile.places_taken = held.get(profile.pk, 0)
    Profile.objects.bulk_update(profiles, ["places_taken"], batch_size=BATCH_SIZE)
