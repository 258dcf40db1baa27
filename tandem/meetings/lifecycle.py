"""The meeting's state machine (PRODUCT.md §4.3): one table says who may move it where.

proposed    --the other side picks one of the times-->  scheduled
scheduled   --either side, with new times-->            rescheduled
rescheduled --the other side picks one of them-->       scheduled
scheduled   --either side, once it has started-->       held | no_show
proposed | scheduled | rescheduled --either side-->     cancelled

"Proposer" is whoever offered the times now on the table; "other" is the other side.
"""

from __future__ import annotations

from tandem.core.lifecycle import Lifecycle
from tandem.meetings.models import Meeting

PROPOSER, OTHER = "proposer", "other"
EITHER = frozenset({PROPOSER, OTHER})
S = Meeting.State

MEETING = Lifecycle(
    table={
        (S.PROPOSED, S.SCHEDULED): frozenset({OTHER}),
        (S.PROPOSED, S.CANCELLED): EITHER,
        (S.SCHEDULED, S.RESCHEDULED): EITHER,
        (S.RESCHEDULED, S.SCHEDULED): frozenset({OTHER}),
        (S.RESCHEDULED, S.CANCELLED): EITHER,
        (S.SCHEDULED, S.CANCELLED): EITHER,
        (S.SCHEDULED, S.HELD): EITHER,
        (S.SCHEDULED, S.NO_SHOW): EITHER,
    },
    labels=dict(S.choices),
    illegal="This meeting is {state}, so it can't become {to_state} now.",
    not_your_move="The other side picks from the times you offered.",
)
