"""The mentorship's state machine (PRODUCT.md §4.2): one table says who may move it where.

intro    --mentee proposes an agreement-->       proposed
intro    --either: "not a fit" / "all I needed"--> closed (no blame)
proposed --mentor accepts the agreement-->        active
proposed --mentor declines, or either side closes--> closed
active  <-->                                      paused (either side)
active   --both renew at term end-->              active (a new agreement version)
active   --either side-->                         completed | closed
paused   --either side-->                         closed
completed --either side-->                        alumni (stay in touch)
"""

from __future__ import annotations

from tandem.mentorships.ask_lifecycle import IllegalTransition
from tandem.mentorships.models import Mentorship

MENTEE, MENTOR = "mentee", "mentor"
EITHER = frozenset({MENTEE, MENTOR})
S = Mentorship.State

TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.INTRO, S.PROPOSED): frozenset({MENTEE}),
    (S.INTRO, S.CLOSED): EITHER,
    (S.PROPOSED, S.ACTIVE): frozenset({MENTOR}),
    (S.PROPOSED, S.CLOSED): EITHER,  # the mentor declines, or either side parts kindly
    (S.ACTIVE, S.PAUSED): EITHER,
    (S.PAUSED, S.ACTIVE): EITHER,
    (S.ACTIVE, S.ACTIVE): EITHER,  # renewal: one side proposes, the other accepts
    (S.ACTIVE, S.COMPLETED): EITHER,
    (S.ACTIVE, S.CLOSED): EITHER,
    (S.PAUSED, S.CLOSED): EITHER,
    (S.COMPLETED, S.ALUMNI): EITHER,
}


def mentorship_transition_check(*, mentorship: Mentorship, to_state: str, role: str) -> None:
    """Raise IllegalTransition unless `role` may move `mentorship` to `to_state` now."""
    allowed = TRANSITIONS.get((mentorship.state, to_state))
    if allowed is None:
        raise IllegalTransition(
            f"This mentorship is {mentorship.get_state_display().lower()}; it can't become "
            f"{Mentorship.State(to_state).label.lower()} from here."
        )
    if role not in allowed:
        raise IllegalTransition("That step is the other side's to take.")
