"""What each side should do next, and which plain moves to offer, by state and role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tandem.mentorships.ask_lifecycle import MENTEE
from tandem.mentorships.mentorship_lifecycle import TRANSITIONS
from tandem.mentorships.models import Agreement, Mentorship, Transition
from tandem.mentorships.services import AGREEMENT_MOVES, RENEWAL_WINDOW

S = Mentorship.State


@dataclass(frozen=True)
class Move:
    to_state: str
    label: str
    hint: str
    style: str = "secondary"


MOVES = {
    S.PAUSED: Move(S.PAUSED, "Pause", "Nudges stop until one of you resumes."),
    S.ACTIVE: Move(S.ACTIVE, "Resume", "Pick up where you left off.", "primary"),
    S.COMPLETED: Move(S.COMPLETED, "Mark complete", "You reached the end of what you agreed."),
    S.CLOSED: Move(S.CLOSED, "Close", "No blame: people outgrow mentorships.", "secondary outline"),
    S.ALUMNI: Move(S.ALUMNI, "Stay in touch", "No cadence, no nudges, still connected.", "primary"),
}

MOVE_DONE = {
    S.PAUSED: "Paused. Nudges stop until one of you resumes.",
    S.ACTIVE: "Resumed. Welcome back.",
    S.COMPLETED: "Marked complete. Congratulations to you both. Tell each other how it went below.",
    S.CLOSED: "Closed. Thank you both for the time you gave. Say how it went below, if you like.",
    S.ALUMNI: "You're staying in touch.",
}


def moves_for(mentorship: Mentorship, role: str) -> list[Move]:
    """The plain moves this side may make now (agreement steps have their own forms)."""
    return [
        MOVES[S(target)]
        for (source, target), roles in TRANSITIONS.items()
        if source == mentorship.state
        and role in roles
        and (source, target) not in AGREEMENT_MOVES
        and S(target) in MOVES
    ]


HISTORY_WORDS: dict[tuple[str, str], str] = {
    ("", S.INTRO): "accepted the request: the intro begins",
    (S.INTRO, S.PROPOSED): "proposed an agreement",
    (S.PROPOSED, S.ACTIVE): "accepted the agreement",
    (S.ACTIVE, S.PAUSED): "paused the mentorship",
    (S.PAUSED, S.ACTIVE): "resumed the mentorship",
    (S.ACTIVE, S.COMPLETED): "marked it complete",
    (S.COMPLETED, S.ALUMNI): "moved it to staying in touch",
}


def history_line(step: Transition) -> str:
    """One audit row in words: what the person did (the reason is shown beside it)."""
    if step.from_state == step.to_state:
        return "renewed the agreement for another term"
    if step.to_state == S.CLOSED:
        return "closed the mentorship"
    words = HISTORY_WORDS.get((step.from_state, step.to_state))
    if words:
        return words
    return f"moved it from {S(step.from_state).label} to {S(step.to_state).label}"


def _current(mentorship: Mentorship) -> Agreement | None:
    versions = getattr(mentorship, "versions", None)
    if versions is None:
        versions = list(mentorship.agreements.order_by("version"))
    accepted = [a for a in versions if a.state == Agreement.State.ACCEPTED]
    return accepted[-1] if accepted else None


def next_step(mentorship: Mentorship, role: str, *, now: datetime) -> str:
    """One sentence: the next thing this side could do."""
    mentee = role == MENTEE
    state = mentorship.state
    if state == S.INTRO:
        return (
            "Hold the intro; if it helped, propose an agreement, or close kindly."
            if mentee
            else "Hold the intro. If it's a fit, your mentee proposes an agreement."
        )
    if state == S.PROPOSED:
        return (
            "Waiting for your mentor to answer the agreement."
            if mentee
            else "Answer the proposed agreement."
        )
    if state == S.ACTIVE:
        current = _current(mentorship)
        if current and current.ends_on and now.date() >= current.ends_on - RENEWAL_WINDOW:
            return f"The term ends on {current.ends_on:%d %b %Y}: renew, complete or close."
        if current:
            return f"Meet {current.get_cadence_display().lower()} until {current.ends_on:%d %b %Y}."
        return "Meet as you agreed."
    if state == S.PAUSED:
        return "Paused. Resume when you're both ready."
    if state == S.COMPLETED:
        return (
            "Stay in touch, and consider mentoring someone yourself."
            if mentee
            else "Stay in touch if you'd like."
        )
    if state == S.ALUMNI:
        return "Staying in touch."
    return "Closed. Nothing more to do."
