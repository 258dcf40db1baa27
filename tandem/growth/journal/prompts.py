"""What the journal asks about each kind of change: the fresh-eyes prompt shown once an entry
is written, and a first draft of the question a person might take to a meeting.

Words only: the services and pages read them, nothing here touches the database.
"""

from __future__ import annotations

from tandem.growth.journal.models import EntryKind

# The change is new to everyone else too: look at the place the way a newcomer would.
FRESH_EYES: dict[str, str] = {
    EntryKind.NEW_MANAGER: (
        "Your new manager sees your work with no history behind it. What would they notice "
        "about how you work that you no longer see? And what are they trying to get done that "
        "you could help with early on?"
    ),
    EntryKind.NEW_PROJECT: (
        "Who gains and who loses now that this project starts (or stops)? Which door does it "
        "open for you, and who would need to know you want to walk through it?"
    ),
    EntryKind.REORGANIZATION: (
        "Picture someone who joins next week. What would they make of who decides things now, "
        "what matters most, and where you fit in the new shape?"
    ),
    EntryKind.NEW_COLLEAGUE: (
        "What does your new colleague find odd, or obvious, about the way things are done here? "
        "What could you learn from how they see it, and how could you help them settle in?"
    ),
    EntryKind.ROLE_CHANGE: (
        "If you had just been hired into this role from outside, what would you do in your "
        "first month that you might skip because you think you know the place?"
    ),
    EntryKind.OTHER: (
        "Step back for a moment. What would a newcomer notice about this change that you have "
        "stopped seeing, and what might it ask of you?"
    ),
}

# A first draft for the agenda: short, about the situation, with none of the entry's words.
QUESTION_DRAFT: dict[str, str] = {
    EntryKind.NEW_MANAGER: "I have a new manager. How would you make the first few months count?",
    EntryKind.NEW_PROJECT: "A new project is starting near me. How do I find my place in it?",
    EntryKind.REORGANIZATION: "We've been reorganized. How do I work out where I fit now?",
    EntryKind.NEW_COLLEAGUE: "Someone new joined my team. What can I learn from how they see us?",
    EntryKind.ROLE_CHANGE: "My role has changed. What should I do first to settle into it?",
    EntryKind.OTHER: "Something changed around me at work. Can we look at it with fresh eyes?",
}


def fresh_eyes_prompt(kind: str) -> str:
    """The prompt for this kind of change (the general one for a kind it does not know)."""
    return FRESH_EYES.get(kind, FRESH_EYES[EntryKind.OTHER])


def question_draft(kind: str) -> str:
    """A first draft of the question to take to a meeting, for the person to rewrite."""
    return QUESTION_DRAFT.get(kind, QUESTION_DRAFT[EntryKind.OTHER])
