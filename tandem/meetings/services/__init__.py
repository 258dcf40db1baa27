"""Writes for meetings and what follows them, one module per concept: `moves` (the meeting's
own table: offer, pick, move, cancel, mark, where), `intros` (accepting an ask by picking one of
its suggested times) and `follow_through` (agenda, notes, action items, thank-you, feedback).

Callers use `services.<name>`; the names below are the public writes.
"""

from tandem.meetings.services.follow_through import (
    action_item_add,
    action_item_update,
    agenda_add,
    agenda_remove,
    meeting_feedback_give,
    note_add,
    thank_you_give,
)
from tandem.meetings.services.intros import ask_accept_with_time
from tandem.meetings.services.moves import (
    meeting_cancel,
    meeting_mark,
    meeting_place_set,
    meeting_propose,
    meeting_reschedule,
    meeting_schedule,
)

__all__ = [
    "action_item_add",
    "action_item_update",
    "agenda_add",
    "agenda_remove",
    "ask_accept_with_time",
    "meeting_cancel",
    "meeting_feedback_give",
    "meeting_mark",
    "meeting_place_set",
    "meeting_propose",
    "meeting_reschedule",
    "meeting_schedule",
    "note_add",
    "thank_you_give",
]
