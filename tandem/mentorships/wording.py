"""What Tandem says about a mentorship's states: one table, one row per state.

The history on the page, the notice the other side gets, the button that makes a move, the
message after it and the next step on the dashboards all read their words from `WORDS`, so the
same state is described the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tandem.mentorships.lifecycles import AGREEMENT_MOVES, MENTORSHIP
from tandem.mentorships.models import Agreement, Mentorship, Transition
from tandem.mentorships.rules import RENEWAL_WINDOW, agreement_current
from tandem.mentorships.sides import MENTEE
from tandem.profiles.choices import FocusArea

S = Mentorship.State


@dataclass(frozen=True)
class Button:
    """The plain move into a state, as the mentorship page offers it."""

    label: str
    hint: str
    style: str = "secondary"


@dataclass(frozen=True)
class StateWords:
    """The words for one state of a mentorship."""

    did: str  # what the person who moved it here did: "{name} {did}" (history and notice)
    next_steps: tuple[str, str]  # the next step for the mentee, then the mentor
    now: str = ""  # what the state means now, told to the other side in the notice
    done: str = ""  # said to the person who made the move
    button: Button | None = None  # offered when the move here is a plain one


def _both(words: str) -> tuple[str, str]:
    return words, words


WORDS: dict[str, StateWords] = {
    S.INTRO: StateWords(
        "accepted the request: the intro begins",
        next_steps=(
            "Hold the intro; if it helped, propose an agreement, or close kindly.",
            "Hold the intro. If it's a fit, your mentee proposes an agreement.",
        ),
    ),
    S.PROPOSED: StateWords(
        "proposed an agreement",
        next_steps=(
            "Waiting for your mentor to answer the agreement.", "Answer the proposed agreement."
        ),
    ),
    # ACTIVE's next step is worked out from the term (`next_step`); this one is the fallback.
    S.ACTIVE: StateWords(
        "resumed the mentorship", _both("Meet as you agreed."), now="It's active again.",
        done="Resumed. Welcome back.",
        button=Button("Resume", "Pick up where you left off.", "primary"),
    ),
    S.PAUSED: StateWords(
        "paused the mentorship", _both("Paused. Resume when you're both ready."),
        now="It's paused: no nudges until one of you resumes.",
        done="Paused. Nudges stop until one of you resumes.",
        button=Button("Pause", "Nudges stop until one of you resumes."),
    ),
    S.COMPLETED: StateWords(
        "marked the mentorship complete",
        ("Stay in touch, and consider mentoring someone yourself.", "Stay in touch if you'd like."),
        now="It's complete. Tell each other how it went on its page.",
        done="Marked complete. Congratulations to you both. Tell each other how it went below.",
        button=Button("Mark complete", "You reached the end of what you agreed."),
    ),
    S.CLOSED: StateWords(
        "closed the mentorship", _both("Closed. Nothing more to do."),
        now="It's closed, without blame. You can say how it went on its page.",
        done="Closed. Thank you both for the time you gave. Say how it went below, if you like.",
        button=Button("Close", "No blame: people outgrow mentorships.", "secondary outline"),
    ),
    S.ALUMNI: StateWords(
        "moved the mentorship to staying in touch", _both("Staying in touch."),
        now="No cadence and no nudges from now on; you're still connected.",
        done="You're staying in touch.",
        button=Button("Stay in touch", "No cadence, no nudges, still connected.", "primary"),
    ),
}  # fmt: skip

# The agreement's own moves into a state, said differently from the plain move there.
AGREEMENT_WORDS: dict[tuple[str, str], str] = {
    (S.PROPOSED, S.ACTIVE): "accepted the agreement",
    (S.ACTIVE, S.ACTIVE): "renewed the agreement for another term",
}


@dataclass(frozen=True)
class Move:
    """A plain move offered on the mentorship page."""

    to_state: str
    label: str
    hint: str
    style: str


def moves_for(mentorship: Mentorship, role: str) -> list[Move]:
    """The plain moves this side may make now (agreement steps have their own forms)."""
    moves = []
    for target in MENTORSHIP.targets(state=mentorship.state, role=role):
        button = WORDS[target].button
        if (mentorship.state, target) not in AGREEMENT_MOVES and button is not None:
            moves.append(Move(target, button.label, button.hint, button.style))
    return moves


def history_line(step: Transition) -> str:
    """One audit row in words: what the person did (the reason is shown beside it)."""
    return AGREEMENT_WORDS.get((step.from_state, step.to_state)) or WORDS[step.to_state].did


def next_step(
    mentorship: Mentorship, role: str, *, now: datetime, current: Agreement | None = None
) -> str:
    """One sentence: the next thing this side could do (`current`: the agreement in force,
    when the caller has it)."""
    if mentorship.state == S.ACTIVE:
        current = current or agreement_current(mentorship)
        if current and current.ends_on and now.date() >= current.ends_on - RENEWAL_WINDOW:
            return f"The term ends on {current.ends_on:%d %b %Y}: renew, complete or close."
        if current:
            return f"Meet {current.get_cadence_display().lower()} until {current.ends_on:%d %b %Y}."
    for_mentee, for_mentor = WORDS[mentorship.state].next_steps
    return for_mentee if role == MENTEE else for_mentor


def focus_labels(values: list[str]) -> str:
    """Focus area codes in words, comma separated."""
    labels = dict(FocusArea.choices)
    return ", ".join(labels.get(v, v) for v in values)
