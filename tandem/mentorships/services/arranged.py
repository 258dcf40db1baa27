"""Intros an organization arranges: a program's published pair starts as an accepted ask.

The mentee did not write the ask and the mentor did not answer it; the program did both, so
the ask is recorded as already accepted (with no actor) and the mentorship begins in `intro`,
holding one of the mentor's places like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db import transaction

from tandem.mentorships import notices
from tandem.mentorships.models import INTRO_MINUTES, Ask, Mentorship, Transition
from tandem.mentorships.rules import AtCapacity, places_taken, together
from tandem.profiles.models import Profile

TERMS = ("cadence", "meeting_minutes", "term_months")
SYSTEM_REASON = "Arranged by a program"


@transaction.atomic
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
    """A mentorship in `intro` between two people a program paired, with its accepted ask.

    `note` is told to the mentee (why this mentor); `mentor_note` to the mentor (the note
    itself when empty).

    Refuses (nothing written) when the mentor has no free place or the pair already has a
    live mentorship, so a publish that includes them stops whole.
    """
    if intro_minutes not in INTRO_MINUTES:
        raise ValueError(f"An intro lasts one of {INTRO_MINUTES} minutes.")
    locked = Profile.objects.select_for_update(no_key=True).get(pk=mentor.pk)
    if places_taken(mentor=locked) >= locked.capacity:
        raise AtCapacity(f"{mentor.user.display_name} has no free mentoring place left.")
    if together(mentee=mentee, mentor=mentor):
        raise AtCapacity(
            f"{mentee.user.display_name} and {mentor.user.display_name} already have a mentorship."
        )
    ask = Ask.objects.create(
        mentee=mentee, mentor=mentor, state=Ask.State.ACCEPTED, note=(mentor_note or note)[:600],
        intro_minutes=intro_minutes, sent_at=now, decided_at=now,
    )  # fmt: skip
    mentorship = Mentorship.objects.create(
        mentee=mentee, mentor=mentor, ask=ask,
        suggested_terms={k: v for k, v in suggested_terms.items() if k in TERMS},
    )  # fmt: skip
    Transition.objects.bulk_create(
        [
            Transition(ask=ask, actor=None, from_state="", to_state=ask.state, at=now,
                       reason=SYSTEM_REASON),
            Transition(mentorship=mentorship, actor=None, from_state="",
                       to_state=mentorship.state, at=now, reason=SYSTEM_REASON),
        ]
    )  # fmt: skip
    locked.places_taken = places_taken(mentor=locked)
    locked.save(update_fields=["places_taken", "updated_at"])
    notices.intro_arranged(mentorship, notes=(note, mentor_note or note), now=now)
    return mentorship
