"""Reads for asks and mentorships: inboxes, dashboards, one ask or mentorship for its people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import User
from tandem.matching.availability import Availability
from tandem.mentorships.ask_lifecycle import MENTEE, MENTOR, NotYours
from tandem.mentorships.models import Agreement, Ask, Goal, GoalUpdate, Mentorship, Transition
from tandem.mentorships.services import COOL_DOWN
from tandem.profiles.models import Profile

# Mentorships that still connect two people: contact details stay visible to each other.
CONNECTED = (*Mentorship.HOLDING_A_PLACE, Mentorship.State.COMPLETED, Mentorship.State.ALUMNI)
RECENT_DECIDED = 20


def _asks() -> QuerySet[Ask]:
    return Ask.objects.select_related(
        "mentee__user", "mentee__organization", "mentor__user", "mentor__organization",
        "referred_to__user", "mentorship",
    )  # fmt: skip


def ask_for_user(*, ask_id: int, user: User) -> tuple[Ask, str]:
    """The ask and the viewer's side of it; anyone else gets NotYours (a 404)."""
    ask = _asks().filter(pk=ask_id).filter(Q(mentee__user=user) | Q(mentor__user=user)).first()
    if ask is None:
        raise NotYours("No such request.")
    return ask, MENTOR if ask.mentor.user_id == user.pk else MENTEE


@dataclass(frozen=True)
class Inbox:
    waiting: list[Ask]  # pending, oldest first: the longest wait is answered first
    decided: list[Ask]  # the most recent answers


def asks_received(*, mentor: Profile) -> Inbox:
    qs = _asks().filter(mentor=mentor).prefetch_related("mentee__skills_wanted")
    return Inbox(
        waiting=list(qs.filter(state=Ask.State.PENDING).order_by("sent_at", "id")),
        decided=list(qs.exclude(state=Ask.State.PENDING)[:RECENT_DECIDED]),
    )


def asks_sent(*, mentee: Profile) -> Inbox:
    qs = _asks().filter(mentee=mentee)
    return Inbox(
        waiting=list(qs.filter(state=Ask.State.PENDING).order_by("sent_at", "id")),
        decided=list(qs.exclude(state=Ask.State.PENDING)[:RECENT_DECIDED]),
    )


def _mentorships() -> QuerySet[Mentorship]:
    return Mentorship.objects.select_related(
        "mentee__user", "mentee__organization", "mentor__user", "mentor__organization", "ask"
    ).prefetch_related(
        Prefetch("agreements", queryset=Agreement.objects.order_by("version"), to_attr="versions")
    )


@dataclass(frozen=True)
class Dashboard:
    as_mentee: list[Mentorship]  # "My mentors"
    as_mentor: list[Mentorship]  # "My mentees"


def mentorships_for(*, profile: Profile) -> Dashboard:
    """Both sides of a person's mentorships, live ones first, in two queries."""
    order = ("-updated_at", "-id")
    both = list(_mentorships().filter(Q(mentee=profile) | Q(mentor=profile)).order_by(*order))
    rank = {state: i for i, state in enumerate(CONNECTED)}
    both.sort(key=lambda m: rank.get(Mentorship.State(m.state), len(rank)))
    return Dashboard(
        as_mentee=[m for m in both if m.mentee_id == profile.pk],
        as_mentor=[m for m in both if m.mentor_id == profile.pk],
    )


def mentorship_for_user(*, mentorship_id: int, user: User) -> tuple[Mentorship, str]:
    """The mentorship with its agreements and history, and the viewer's side of it."""
    mentorship = (
        _mentorships()
        .prefetch_related(
            Prefetch(
                "transitions",
                queryset=Transition.objects.select_related("actor"),
                to_attr="history",
            ),
            "feedback",
            Prefetch(
                "goals",
                queryset=Goal.objects.prefetch_related(
                    Prefetch("updates", queryset=GoalUpdate.objects.select_related("author"))
                ),
                to_attr="goal_rows",
            ),
        )
        .filter(pk=mentorship_id)
        .filter(Q(mentee__user=user) | Q(mentor__user=user))
        .first()
    )
    if mentorship is None:
        raise NotYours("No such mentorship.")
    return mentorship, MENTOR if mentorship.mentor.user_id == user.pk else MENTEE


def contact_visible(*, viewer: Profile, other: Profile) -> bool:
    """Contact details show only between people whose ask was accepted (PRODUCT.md F13)."""
    return Mentorship.objects.filter(
        Q(mentee=viewer, mentor=other) | Q(mentee=other, mentor=viewer), state__in=CONNECTED
    ).exists()


def pending_ask(*, mentee: Profile, mentor: Profile) -> Ask | None:
    return Ask.objects.filter(mentee=mentee, mentor=mentor, state=Ask.State.PENDING).first()


def mentor_availability_for(mentee: Profile, *, now: datetime | None = None) -> Availability:
    """Mentors this mentee can't ask now (waiting, cooling down, already together) and load.

    Load is the share of a mentor's free places already claimed by waiting asks, so a mentor
    with a queue is suggested less often than an equally good one without.
    """
    now = now or timezone.now()
    mine = Ask.objects.filter(mentee=mentee)
    unavailable = set(mine.filter(state=Ask.State.PENDING).values_list("mentor_id", flat=True))
    unavailable |= set(
        mine.filter(
            state__in=[Ask.State.DECLINED, Ask.State.EXPIRED], decided_at__gte=now - COOL_DOWN
        ).values_list("mentor_id", flat=True)
    )
    unavailable |= set(
        Mentorship.objects.filter(mentee=mentee, state__in=CONNECTED).values_list(
            "mentor_id", flat=True
        )
    )
    waiting = (
        Ask.objects.filter(state=Ask.State.PENDING)
        .values("mentor_id", "mentor__capacity", "mentor__places_taken")
        .annotate(n=Count("id"))
    )
    load = {
        row["mentor_id"]: min(
            1.0, row["n"] / max(row["mentor__capacity"] - row["mentor__places_taken"], 1)
        )
        for row in waiting
    }
    return Availability(unavailable=frozenset(unavailable), load=load)
