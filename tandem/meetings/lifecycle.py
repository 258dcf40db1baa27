"""The meeting's state machine (PRODUCT.md §4.3): one table says who may move it where.

proposed    --the other side picks one of the times-->  scheduled
scheduled   --either side, with new times-->            rescheduled
rescheduled --the other side picks one of them-->       scheduled
scheduled   --either side, once it has started-->       held | no_show
proposed | scheduled | rescheduled --either side-->     cancelled

"Proposer" is whoever offered the times now on the table; "other" is the other side.
"""

from __future__ import annotations

from tandem.meetings.models import Meeting
from tandem.mentorships.ask_lifecycle import IllegalTransition

PROPOSER, OTHER = "proposer", "other"
EITHER = frozenset({PROPOSER, OTHER})
S = Meeting.State

TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.PROPOSED, S.SCHEDULED): frozenset({OTHER}),
    (S.PROPOSED, S.CANCELLED): EITHER,
    (S.SCHEDULED, S.RESCHEDULED): EITHER,
    (S.RESCHEDULED, S.SCHEDULED): frozenset({OTHER}),
    (S.RESCHEDULED, S.CANCELLED): EITHER,
    (S.SCHEDULED, S.CANCELLED): EITHER,
    (S.SCHEDULED, S.HELD): EITHER,
    (S.SCHEDULED, S.NO_SHOW): EITHER,
}


def meeting_transition_check(*, meeting: Meeting, to_state: str, role: str) -> None:
    """Raise IllegalTransition unless `role` may move `meeting` to `to_state` now."""
    allowed = TRANSITIONS.get((meeting.state, to_state))
    if allowed is None:
        raise IllegalTransition(
            f"This meeting is {meeting.get_state_display().lower()}, so it can't become "
            f"{S(to_state).label.lower()} now."
        )
    if role not in allowed:
        raise IllegalTransition("The other side picks from the times you offered.")
