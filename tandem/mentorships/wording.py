"""What Tandem says about a mentorship's states: one table, one row per state.

The history on the page, the notice the other side gets, the button that makes a move, the
message after it and the next step on the dashboards all read their words from `WORDS`, so the
same state is described the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tandem.mentorships.lifecycles import AGREEMENT_MOVES, MENTORSHIP
from tandem.mentorships.models import Mentorship, Transition
from tandem.mentorships.rules import RENEWAL_WINDOW, agreement_current
from tandem.mentorships.sides import MENTEE
from tandem.profiles.choices import FocusArea

S = Mentorship.State


@dataclass(frozen=True)
class StateWords:
    """The words for one state of a mentorship."""

    did: str  # what the person who moved it here did: "{name} {did}" (history and notice)
    next_for_mentee: str  # the next step, for each side (ACTIVE's is worked out from the term)
    next_for_mentor: str
    now: str = ""  # what the state means now, told to the other side in the notice
    done: str = ""  # said to the person who made the move
    button: str = ""  # the plain move into this state, as the page offers it
    hint: str = ""
    style: str = "secondary"


WORDS: dict[str, StateWords] = {
    S.INTRO: StateWords(
        did="accepted the request: the intro begins",
        next_for_mentee="Hold the intro; if it helped, propose an agreement, or close kindly.",
        next_for_mentor="Hold the intro. If it's a fit, your mentee proposes an agreement.",
    ),
    S.PROPOSED: StateWords(
        did="proposed an agreement",
        next_for_mentee="Waiting for your mentor to answer the agreement.",
        next_for_mentor="Answer the proposed agreement.",
    ),
    S.ACTIVE: StateWords(
        did="resumed the mentorship",
        next_for_mentee="Meet as you agreed.",
        next_for_mentor="Meet as you agreed.",
        now="It's active again.",
        done="Resumed. Welcome back.",
        button="Resume",
        hint="Pick up where you left off.",
        style="primary",
    ),
    S.PAUSED: StateWords(
        did="paused the mentorship",
        next_for_mentee="Paused. Resume when you're both ready.",
        next_for_mentor="Paused. Resume when you're both ready.",
        now="It's paused: no nudges until one of you resumes.",
        done="Paused. Nudges stop until one of you resumes.",
        button="Pause",
        hint="Nudges stop until one of you resumes.",
    ),
    S.COMPLETED: StateWords(
        did="marked the mentorship complete",
        next_for_mentee="Stay in touch, and consider mentoring someone yourself.",
        next_for_mentor="Stay in touch if you'd like.",
        now="It's complete. Tell each other how it went on its page.",
        done=("Marked complete. Congratulations to you both. Tell each other how it went below."),
        button="Mark complete",
        hint="You reached the end of what you agreed.",
    ),
    S.CLOSED: StateWords(
        did="closed the mentorship",
        next_for_mentee="Closed. Nothing more to do.",
        next_for_mentor="Closed. Nothing more to do.",
        now="It's closed, without blame. You can say how it went on its page.",
        done="Closed. Thank you both for the time you gave. Say how it went below, if you like.",
        button="Close",
        hint="No blame: people outgrow mentorships.",
        style="secondary outline",
    ),
    S.ALUMNI: StateWords(
        did="moved the mentorship to staying in touch",
        next_for_mentee="Staying in touch.",
        next_for_mentor="Staying in touch.",
        now="No cadence and no nudges from now on; you're still connected.",
        done="You're staying in touch.",
        button="Stay in touch",
        hint="No cadence, no nudges, still connected.",
        style="primary",
    ),
}

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
        words = WORDS[target]
        if (mentorship.state, target) not in AGREEMENT_MOVES and words.button:
            moves.append(Move(target, words.button, words.hint, words.style))
    return moves


def history_line(step: Transition) -> str:
    """One audit row in words: what the person did (the reason is shown beside it)."""
    return AGREEMENT_WORDS.get((step.from_state, step.to_state)) or WORDS[step.to_state].did


def next_step(mentorship: Mentorship, role: str, *, now: datetime) -> str:
    """One sentence: the next thing this side could do."""
    if mentorship.state == S.ACTIVE:
        current = agreement_current(mentorship)
        if current and current.ends_on and now.date() >= current.ends_on - RENEWAL_WINDOW:
            return f"The term ends on {current.ends_on:%d %b %Y}: renew, complete or close."
        if current:
            return f"Meet {current.get_cadence_display().lower()} until {current.ends_on:%d %b %Y}."
    words = WORDS[mentorship.state]
    return words.next_for_mentee if role == MENTEE else words.next_for_mentor


def focus_labels(values: list[str]) -> str:
    """Focus area codes in words, comma separated."""
    labels = dict(FocusArea.choices)
    return ", ".join(labels.get(v, v) for v in values)
