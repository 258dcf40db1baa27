"""The rules of asks and mentorships (PRODUCT.md §4.1, §4.2): caps, windows, cool-downs,
places, and which agreement is in force.

Reads only. Services check these inside their transactions before they write; selectors use
the same functions to tell a person in advance what is possible ("you can't ask this mentor
right now", "renewal is open"), so a page and the service it leads to never disagree.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, DateTimeField, IntegerField, Q, QuerySet

from tandem.core.compiled import CompiledQuery, Slot, compiled, run, sql_of
from tandem.core.errors import IllegalTransition, NotFound, RuleBroken
from tandem.core.moments import moment_from_iso
from tandem.mentorships.models import INTRO_MINUTES, NOTE_MAX_LENGTH, Agreement, Ask, Mentorship
from tandem.profiles.choices import FocusArea
from tandem.profiles.models import Profile
from tandem.profiles.selectors import profile_listed

S = Mentorship.State

MAX_PENDING_ASKS = 3
COOL_DOWN = timedelta(days=90)  # after a decline or a lapse, before asking the same mentor again
MAX_FOCUS_AREAS = 3
MAX_PROPOSED_TIMES = 3
FOLLOW_UP_AFTER = timedelta(days=7)  # one gentle reminder to the mentor
EXPIRE_AFTER = timedelta(days=14)  # then the ask lapses
MIN_GOALS, MAX_GOALS = 2, 3
MAX_LEARNING_GOALS = 3
RENEWAL_WINDOW = timedelta(days=60)  # renewal opens this long before the term ends
TERM_REVIEW_WINDOW = timedelta(days=30)
FEEDBACK_TEXT_MAX = 500

ENDED = (S.COMPLETED, S.CLOSED, S.ALUMNI)
# Mentorships that still connect two people: contact details stay visible to each other.
CONNECTED = (*Mentorship.HOLDING_A_PLACE, S.COMPLETED, S.ALUMNI)
# Mentorships whose goals still move.
LIVE = (S.ACTIVE, S.PAUSED)
# Mentorships whose meetings, agenda, notes and action items may still change: once it has
# ended, what was written stays as it was.
OPEN = Mentorship.HOLDING_A_PLACE


class AtCapacity(RuleBroken):
    """The mentor has no free place."""


def open_check(mentorship: Mentorship, *, states: Sequence[str] = OPEN) -> None:
    """Raise IllegalTransition unless the mentorship is in one of `states` (by default, not
    ended). Every write to its meetings, follow-through and goals asks this one question, so
    neither side can keep working through a mentorship the other has closed."""
    if mentorship.state not in states:
        raise IllegalTransition(
            f"This mentorship is {mentorship.get_state_display().lower()}, so this can't "
            "change any more."
        )


def contact_shared(mentorship: Mentorship) -> bool:
    """Do the two people still see each other's contact details (email included)? The
    mentorship page, the invites and the calendar files all ask this."""
    return mentorship.state in CONNECTED


# --- Asks -----------------------------------------------------------------------------------


def places_taken(*, mentor: Profile) -> int:
    """How many of the mentor's places are held by mentorships right now."""
    return Mentorship.objects.filter(mentor=mentor, state__in=Mentorship.HOLDING_A_PLACE).count()


def together(*, mentee: Profile, mentor: Profile) -> bool:
    """Do these two already have a mentorship holding one of the mentor's places?"""
    return Mentorship.objects.filter(
        mentee=mentee, mentor=mentor, state__in=Mentorship.HOLDING_A_PLACE
    ).exists()


def _held_places_query(mentee_id: int, mentor_id: int) -> QuerySet[Mentorship, Any]:
    # Grouped by the mentor filtered on: one row, or none while they hold no places.
    return (
        Mentorship.objects.filter(mentor_id=mentor_id, state__in=Mentorship.HOLDING_A_PLACE)
        .values("mentor_id")
        .annotate(taken=Count("pk"), together=Count("pk", filter=Q(mentee_id=mentee_id)))
        .values_list("together", "taken")
        .order_by()
    )


# Asked whenever an ask is opened or sent: compiled once per process (tandem.core.compiled).
_HELD_PLACES = CompiledQuery(_held_places_query, values=2)


def _held_places(*, mentee: Profile, mentor: Profile) -> tuple[bool, int]:
    """(do these two have a mentorship holding a place, how many places the mentor's
    mentorships hold): `together` and `places_taken` in one query."""
    row = _HELD_PLACES.first(mentee.pk, mentor.pk)
    return (bool(row[0]), int(row[1])) if row else (False, 0)


MENTEE, MENTOR = Slot("mentee", IntegerField()), Slot("mentor", IntegerField())
TURNED_DOWN_SINCE = Slot("turned_down_since", DateTimeField())


def _asks_so_far_sql() -> tuple[str, Sequence[Any]]:
    pending = Q(state=Ask.State.PENDING)
    turned_down = Q(
        state__in=[Ask.State.DECLINED, Ask.State.EXPIRED], decided_at__gte=TURNED_DOWN_SINCE
    )
    here = Q(mentor_id=MENTOR)
    return sql_of(
        Ask.objects.filter(mentee_id=MENTEE)
        .values("mentee_id")
        .annotate(
            waiting_here=Count("pk", filter=pending & here),
            waiting=Count("pk", filter=pending),
            turned_down_here=Count("pk", filter=turned_down & here),
        )
        .values_list("waiting_here", "waiting", "turned_down_here")
        .order_by()
    )


def _asks_so_far(*, mentee: Profile, mentor: Profile, now: datetime) -> dict[str, int]:
    """The mentee's asks that bear on asking this mentor now, counted in one query."""
    values = {"mentee": mentee.pk, "mentor": mentor.pk, "turned_down_since": now - COOL_DOWN}
    rows = run(compiled("ask-new-asks-so-far", "one", _asks_so_far_sql), values)
    waiting_here, waiting, turned_down_here = rows[0] if rows else (0, 0, 0)
    return {
        "waiting_here": int(waiting_here),
        "waiting": int(waiting),
        "turned_down_here": int(turned_down_here),
    }


def ask_new_check(*, mentee: Profile, mentor: Profile, now: datetime) -> None:
    """Raise RuleBroken (or AtCapacity) if this mentee may not ask this mentor now, and
    NotFound for a mentor the directory would not show them (hidden, another organization's,
    or a block either way), staff included: to the mentee it is as if there were no such
    mentor. The checks run in this order (the first broken one is the one said)."""
    if mentee.pk == mentor.pk:
        raise RuleBroken("You can't ask yourself.")
    if not profile_listed(profile_id=mentor.pk, viewer=mentee.user):
        raise NotFound("No such mentor.")
    if not mentee.is_mentee:
        raise RuleBroken("Turn on “I want a mentor” on your profile first.")
    together_now, taken = _held_places(mentee=mentee, mentor=mentor)
    if together_now:
        raise RuleBroken("You already have a mentorship with this mentor.")
    if not (mentor.is_mentor and mentor.is_onboarded):
        raise RuleBroken("This person isn't taking mentoring requests.")
    if mentor.is_paused or taken >= mentor.capacity:
        raise AtCapacity("This mentor isn't taking new requests right now. It isn't personal.")
    asks = _asks_so_far(mentee=mentee, mentor=mentor, now=now)
    if asks["waiting_here"]:
        raise RuleBroken("You already have a request waiting with this mentor.")
    if asks["waiting"] >= MAX_PENDING_ASKS:
        raise RuleBroken(
            f"You have {MAX_PENDING_ASKS} requests waiting. Give mentors a little time, or "
            "withdraw one, before asking someone new."
        )
    if asks["turned_down_here"]:
        raise RuleBroken(
            "This mentor couldn't take your last request. Let it rest for a while; other "
            "mentors may fit just as well."
        )


def ask_refusal(*, mentee: Profile, mentor: Profile, now: datetime) -> str | None:
    """Why this mentee can't ask this mentor now, if they can't (shown before they write)."""
    try:
        ask_new_check(mentee=mentee, mentor=mentor, now=now)
    except RuleBroken as error:
        return error.message
    return None


def suggested_times(ask: Ask) -> list[datetime]:
    """The times the mentee suggested for the intro, aware and in UTC, soonest first."""
    return sorted(moment_from_iso(t) for t in ask.proposed_times)


def ask_content_check(
    *, focus_areas: Sequence[str], note: str, intro_minutes: int, proposed_times: Sequence[str]
) -> None:
    """Raise RuleBroken, naming the field, if the ask itself is not the right shape."""
    if not 1 <= len(focus_areas) <= MAX_FOCUS_AREAS or set(focus_areas) - set(FocusArea.values):
        raise RuleBroken("Pick one to three focus areas.", field="focus_areas")
    if not note.strip() or len(note) > NOTE_MAX_LENGTH:
        raise RuleBroken(
            f"Write a short note (at most {NOTE_MAX_LENGTH} characters).", field="note"
        )
    if intro_minutes not in INTRO_MINUTES:
        raise RuleBroken("Choose a 15, 20 or 30 minute intro.", field="intro_minutes")
    if len(proposed_times) > MAX_PROPOSED_TIMES:
        raise RuleBroken("Propose at most three times.", field="proposed_times")


# --- Agreements and terms -------------------------------------------------------------------


def intro_held(mentorship: Mentorship) -> bool:
    """Has the pair held their intro meeting? Only then may the mentee propose an agreement
    (§4.2: "intro meeting held, mentee proposes an agreement")."""
    return mentorship.intro_held_at is not None


def agreement_propose_check(mentorship: Mentorship) -> None:
    """Raise RuleBroken if an agreement can't be proposed yet: the intro comes first."""
    if mentorship.state == S.INTRO and not intro_held(mentorship):
        raise RuleBroken(
            "After your intro, you can propose an agreement. Once you've met, mark the intro "
            "meeting as held on its page, then come back here."
        )


def agreement_terms_check(
    *, goals: Sequence[str], cadence: str, meeting_minutes: int, term_months: int
) -> None:
    """Raise RuleBroken, naming the field, if the proposed terms are out of bounds."""
    if not MIN_GOALS <= len([g for g in goals if g.strip()]) <= MAX_GOALS:
        raise RuleBroken("Agree two or three goals.", field="goals")
    if cadence not in Agreement.Cadence.values:
        raise RuleBroken("Choose how often you'll meet.", field="cadence")
    if not 30 <= meeting_minutes <= 60:
        raise RuleBroken("Meetings last 30 to 60 minutes.", field="meeting_minutes")
    if not 1 <= term_months <= 24:
        raise RuleBroken("Choose a term of 1 to 24 months.", field="term_months")


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def _versions(mentorship: Mentorship) -> list[Agreement]:
    """The agreement versions, oldest first: as the selectors prefetched them, else read now."""
    versions: list[Agreement] | None = getattr(mentorship, "versions", None)
    if versions is None:
        versions = list(mentorship.agreements.order_by("version"))
    return versions


def agreement_current(mentorship: Mentorship) -> Agreement | None:
    """The agreement in force: the latest accepted version."""
    accepted = [a for a in _versions(mentorship) if a.state == Agreement.State.ACCEPTED]
    return accepted[-1] if accepted else None


def agreement_proposal(mentorship: Mentorship) -> Agreement | None:
    """The proposal (a first agreement or a renewal) waiting for an answer, if any."""
    waiting = [a for a in _versions(mentorship) if a.state == Agreement.State.PROPOSED]
    return waiting[-1] if waiting else None


def _within(
    mentorship: Mentorship, window: timedelta, now: datetime, current: Agreement | None
) -> bool:
    """Is this active mentorship's term ending within `window` (or already over)?"""
    current = current or agreement_current(mentorship)
    return (
        mentorship.state == S.ACTIVE
        and current is not None
        and current.ends_on is not None
        and now.date() >= current.ends_on - window
    )


# `current`, in these and in wording.next_step: the agreement in force when the caller has it
# already (a page works it out once), else it is worked out here.


def renewal_open(
    mentorship: Mentorship, *, now: datetime, current: Agreement | None = None
) -> bool:
    """Renewal is offered from 60 days before the term ends (or any time after it ended)."""
    return _within(mentorship, RENEWAL_WINDOW, now, current)


def term_review_open(
    mentorship: Mentorship, *, now: datetime, current: Agreement | None = None
) -> bool:
    """The last 30 days of an active term (and after its end, until it is renewed or ends)."""
    return _within(mentorship, TERM_REVIEW_WINDOW, now, current)


# --- Feedback -------------------------------------------------------------------------------


def feedback_check(*, rating: int, helped: str, better: str, appreciated: str) -> dict[str, str]:
    """A rating from 1 to 5 and the three texts, stripped; anything out of bounds names its
    field. Shared by the feedback on a meeting and on the whole mentorship."""
    if not 1 <= rating <= 5:
        raise RuleBroken("Choose a rating from 1 to 5.", field="rating")
    texts = {"helped": helped, "better": better, "appreciated": appreciated}
    for field, text in texts.items():
        if len(text) > FEEDBACK_TEXT_MAX:
            raise RuleBroken(f"Keep it to {FEEDBACK_TEXT_MAX} characters.", field=field)
    return {field: text.strip() for field, text in texts.items()}
