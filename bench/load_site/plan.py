"""Who the simulated people are: demo people with a live mentorship, signed in, each with the
rows their journey opens. Runs inside Django, on the run's database, before gunicorn starts.

People are signed in by writing their session the way Django's `login` does, not through the
login form: every journey would otherwise begin with a password hash (hundreds of ms of CPU
with production's hasher, which is not a page), and allauth's 30 sign-ins a minute from one
address would turn most of 50 people away before they started.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count, Q
from django.utils import timezone

from tandem.accounts.models import User
from tandem.meetings.models import Meeting
from tandem.meetings.rules import MEETING_STATES
from tandem.meetings.services.moves import meeting_propose, meeting_schedule
from tandem.mentorships.models import Ask, Mentorship
from tandem.profiles.models import Profile, SkillOffered

Plan = dict[str, Any]


def session_for(user: User) -> str:
    """A signed-in session for `user`, as `django.contrib.auth.login` writes it; its key."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def _meeting_of(mentorship: Mentorship) -> int:
    """A meeting of the mentorship: its latest, or one booked now through the services (the
    demo gives meetings to few pairs; the journey opens one)."""
    latest = mentorship.meetings.order_by("-id").values_list("id", flat=True).first()
    if latest is not None:
        return latest
    now = timezone.now()
    meeting = meeting_propose(
        mentorship=mentorship, actor=mentorship.mentee.user, now=now,
        slots=[now + timedelta(days=2), now + timedelta(days=3)],
    )  # fmt: skip
    first = meeting.slots.order_by("starts_at").values_list("id", flat=True).first()
    assert first is not None
    return meeting_schedule(
        meeting=meeting, actor=mentorship.mentor.user, slot_id=first, now=now
    ).pk


def _pairs() -> list[Mentorship]:
    """Mentorships a meeting can be held in, those already with meetings first."""
    return list(
        Mentorship.objects.filter(state__in=MEETING_STATES)
        .select_related("mentee__user", "mentor__user")
        .annotate(meeting_count=Count("meetings"))
        .order_by("-meeting_count", "id")
    )


def _popular_skill() -> str:
    top = SkillOffered.objects.values("skill__name").annotate(n=Count("id")).order_by("-n").first()
    return str(top["skill__name"]) if top else ""


def _mentees(count: int, pairs: list[Mentorship]) -> list[dict[str, Any]]:
    """`count` mentees on the journey, taken in turn from the pairs' mentees (a person is
    used again, with a session of their own, when there are fewer pairs than people)."""
    fallback = _popular_skill()
    wanted: dict[int, str] = dict(
        Profile.skills_wanted.through.objects.filter(
            profile_id__in={pair.mentee_id for pair in pairs}
        ).values_list("profile_id", "skill__name")
    )
    chosen = []
    for pair in itertools.islice(itertools.cycle(pairs), count):
        chosen.append(
            {
                "session": session_for(pair.mentee.user),
                "mentorship": pair.pk,
                "meeting": _meeting_of(pair),
                "skill": wanted.get(pair.mentee_id, fallback),
            }
        )
    return chosen


def _mentors(count: int, pairs: list[Mentorship]) -> list[dict[str, Any]]:
    """`count` mentors on the journey, those with the most asks waiting first."""
    waiting = dict(
        Ask.objects.filter(state=Ask.State.PENDING)
        .values("mentor")
        .annotate(n=Count("id"))
        .values_list("mentor", "n")
    )
    by_mentor = {pair.mentor_id: pair for pair in pairs}  # one pair each
    ordered = sorted(by_mentor.values(), key=lambda pair: -waiting.get(pair.mentor_id, 0))
    return [
        {
            "session": session_for(pair.mentor.user),
            "mentorship": pair.pk,
            "meeting": _meeting_of(pair),
        }
        for pair in itertools.islice(itertools.cycle(ordered), count)
    ]


def _accepts(count: int) -> list[dict[str, Any]]:
    """Up to `count` waiting asks a mentor can accept, one per mentor (so one accept never
    takes the place another needs): the mentor takes requests and has a place free."""
    holding = Count("mentorships_as_mentor", filter=Q(
        mentorships_as_mentor__state__in=Mentorship.HOLDING_A_PLACE
    ))  # fmt: skip
    free = (
        Profile.objects.filter(is_mentor=True, is_paused=False)
        .annotate(held=holding)
        .values_list("id", "capacity", "held")
    )
    open_mentors = {pk for pk, capacity, held in free if held < capacity}
    together = set(
        Mentorship.objects.filter(state__in=Mentorship.HOLDING_A_PLACE).values_list(
            "mentee_id", "mentor_id"
        )
    )
    chosen: dict[int, Ask] = {}
    for ask in Ask.objects.filter(state=Ask.State.PENDING).select_related("mentor__user"):
        if ask.mentor_id in open_mentors and (ask.mentee_id, ask.mentor_id) not in together:
            chosen.setdefault(ask.mentor_id, ask)
    asks = list(chosen.values())[:count]
    return [{"session": session_for(ask.mentor.user), "ask": ask.pk} for ask in asks]


def plan_build(*, mentees: int, mentors: int, accepts: int) -> Plan:
    """The simulated people and what they open; sessions for the bare view's people too."""
    pairs = _pairs()
    if not pairs:
        raise RuntimeError("the demo data has no live mentorship to follow")
    plan: Plan = {
        "mentees": _mentees(mentees, pairs),
        "mentors": _mentors(mentors, pairs),
        "accepts": _accepts(accepts),
        "meetings": Meeting.objects.count(),
    }
    plan["bare"] = [person["session"] for person in plan["mentees"] + plan["mentors"]]
    return plan
