"""Intros an organization arranges: a program's published pair starts as an accepted ask.

The mentee did not write the ask and the mentor did not answer it; the program did both, so
the ask is recorded as already accepted (with no actor) and the mentorship begins in `intro`,
holding one of the mentor's places like any other.

A round publishes thousands at once, so the writes go in bulk: the mentors' rows are locked
and their free places checked in two queries, asks, mentorships and audit rows are inserted in
batches, and both sides are told through one `notify_many` (one email job for all of them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Count

from tandem.mentorships import notices
from tandem.mentorships.models import INTRO_MINUTES, Ask, Mentorship, Transition
from tandem.mentorships.rules import AtCapacity
from tandem.notifications.services import notify_many
from tandem.profiles.models import Profile

TERMS = ("cadence", "meeting_minutes", "term_months")
SYSTEM_REASON = "Arranged by a program"
BATCH = 500


@dataclass(frozen=True)
class Arranged:
    """One intro to arrange. `note` is told to the mentee (why this mentor); `mentor_note` to
    the mentor (the note itself when empty)."""

    mentee: Profile
    mentor: Profile
    note: str
    mentor_note: str = ""
    suggested_terms: Mapping[str, object] = field(default_factory=dict)
    intro_minutes: int = 30


def _places_checked(intros: Sequence[Arranged]) -> dict[int, Profile]:
    """Lock the mentors' rows, then refuse (nothing written) if any would go over capacity or
    a pair already has a live mentorship. The mentors, locked, by id."""
    mentor_ids = sorted({i.mentor.pk for i in intros})
    locked = {
        p.pk: p
        for p in Profile.objects.select_for_update(no_key=True)
        .select_related("user")
        .filter(pk__in=mentor_ids)
        .order_by("pk")
    }
    held = dict(
        Mentorship.objects.filter(mentor_id__in=mentor_ids, state__in=Mentorship.HOLDING_A_PLACE)
        .values_list("mentor_id")
        .annotate(n=Count("id"))
        .values_list("mentor_id", "n")
    )
    wanted = Counter(i.mentor.pk for i in intros)
    for mentor_id, count in wanted.items():
        if held.get(mentor_id, 0) + count > locked[mentor_id].capacity:
            name = locked[mentor_id].user.display_name
            raise AtCapacity(f"{name} has no free mentoring place left.")
    live = set(
        Mentorship.objects.filter(
            mentor_id__in=mentor_ids,
            mentee_id__in={i.mentee.pk for i in intros},
            state__in=Mentorship.HOLDING_A_PLACE,
        ).values_list("mentee_id", "mentor_id")
    )
    for intro in intros:
        if (intro.mentee.pk, intro.mentor.pk) in live:
            raise AtCapacity(
                f"{intro.mentee.user.display_name} and {intro.mentor.user.display_name} "
                "already have a mentorship."
            )
    return locked


@transaction.atomic
def intros_arrange(intros: Sequence[Arranged], *, now: datetime) -> list[Mentorship]:
    """Mentorships in `intro` for pairs a program made, each with its accepted ask, in order.

    All or none: a mentor with no free place, or a pair that already has a live mentorship,
    refuses the whole lot (AtCapacity naming them) and nothing is written.
    """
    if not intros:
        return []
    if any(i.intro_minutes not in INTRO_MINUTES for i in intros):
        raise ValueError(f"An intro lasts one of {INTRO_MINUTES} minutes.")
    mentors = _places_checked(intros)
    wanted = Counter(i.mentor.pk for i in intros)
    asks = Ask.objects.bulk_create(
        [
            Ask(
                mentee=i.mentee, mentor=i.mentor, state=Ask.State.ACCEPTED,
                note=(i.mentor_note or i.note)[:600], intro_minutes=i.intro_minutes,
                sent_at=now, decided_at=now,
            )
            for i in intros
        ],
        batch_size=BATCH,
    )  # fmt: skip
    mentorships = Mentorship.objects.bulk_create(
        [
            Mentorship(
                mentee=i.mentee, mentor=i.mentor, ask=ask,
                suggested_terms={k: v for k, v in i.suggested_terms.items() if k in TERMS},
            )
            for i, ask in zip(intros, asks, strict=True)
        ],
        batch_size=BATCH,
    )  # fmt: skip
    Transition.objects.bulk_create(
        [
            row
            for ask, mentorship in zip(asks, mentorships, strict=True)
            for row in (
                Transition(ask=ask, from_state="", to_state=ask.state, at=now,
                           reason=SYSTEM_REASON),
                Transition(mentorship=mentorship, from_state="", to_state=mentorship.state,
                           at=now, reason=SYSTEM_REASON),
            )
        ],
        batch_size=BATCH,
    )  # fmt: skip
    for mentor in mentors.values():
        # updated_at by hand: bulk_update skips auto_now, and the mentor index watches it.
        mentor.places_taken, mentor.updated_at = mentor.places_taken + wanted[mentor.pk], now
    Profile.objects.bulk_update(
        list(mentors.values()), ["places_taken", "updated_at"], batch_size=BATCH
    )
    notify_many(
        (
            notice
            for i, m in zip(intros, mentorships, strict=True)
            for notice in notices.intro_arranged(m, notes=(i.note, i.mentor_note or i.note))
        ),
        now=now,
    )
    return mentorships


def intro_arrange(
    *,
    mentee: Profile,
    mentor: Profile,
    note: str,
    mentor_note: str = "",
    suggested_terms: Mapping[str, object],
    intro_minutes: int = 30,
    now: datetime,
) -> Mentorship:
    """One arranged intro (a match both people confirmed): `intros_arrange` for one pair."""
    (mentorship,) = intros_arrange(
        [Arranged(mentee, mentor, note, mentor_note, suggested_terms, intro_minutes)], now=now
    )
    return mentorship
