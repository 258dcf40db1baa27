"""The ask's and the mentorship's state machines (PRODUCT.md §4.1, §4.2): one table each says
who may move it where; `tandem.core.lifecycle` judges every move the same way.

The ask:
pending --mentor accepts--> accepted   (creates the mentorship in `intro`)
pending --mentor declines--> declined  (optional private reason, optional referral)
pending --mentee withdraws--> withdrawn
pending --day 14, no answer--> expired (the system)

The mentorship:
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

from tandem.core.lifecycle import Lifecycle
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.sides import MENTEE, MENTOR, SYSTEM

EITHER = frozenset({MENTEE, MENTOR})
A, S = Ask.State, Mentorship.State

ASK = Lifecycle(
    table={
        (A.PENDING, A.ACCEPTED): frozenset({MENTOR}),
        (A.PENDING, A.DECLINED): frozenset({MENTOR}),
        (A.PENDING, A.WITHDRAWN): frozenset({MENTEE}),
        (A.PENDING, A.EXPIRED): frozenset({SYSTEM}),
    },
    labels=dict(A.choices),
    illegal="This request is {state}, so it can't be {to_state} now.",
    not_your_move="Only the other side of this request can do that.",
)

MENTORSHIP = Lifecycle(
    table={
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
    },
    labels=dict(S.choices),
    illegal="This mentorship is {state}; it can't become {to_state} from here.",
    not_your_move="That step is the other side's to take.",
)

# Moves that only the agreement services make, so the agreement's state follows along.
AGREEMENT_MOVES = frozenset({
    (S.INTRO, S.PROPOSED),
    (S.PROPOSED, S.ACTIVE),
    (S.ACTIVE, S.ACTIVE),  # renewal
})  # fmt: skip
