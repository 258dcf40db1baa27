"""Goals another page offers for a mentorship's agreement form (a career plan's "use these
goals"): kept in the person's own session until the form shows them, once. This app knows
nothing of who offers them; the agreement's own rules still apply when it is proposed."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

SESSION_KEY = "mentorships.agreement_goals"
MAX_GOALS = 3  # the agreement form's goal fields
MAX_GOAL_LENGTH = 200  # each field's max_length


def agreement_goals_offer(
    session: MutableMapping[str, Any], *, mentorship_id: int, goals: Sequence[str]
) -> None:
    """Keep these goals for the agreement form of this mentorship (replacing any kept)."""
    kept = dict(session.get(SESSION_KEY, {}))
    texts = [" ".join(g.split())[:MAX_GOAL_LENGTH] for g in goals]
    kept[str(mentorship_id)] = [t for t in texts if t][:MAX_GOALS]
    session[SESSION_KEY] = kept


def agreement_goals_take(session: MutableMapping[str, Any], *, mentorship_id: int) -> list[str]:
    """The goals kept for this mentorship's form, forgotten as they are handed over."""
    kept = dict(session.get(SESSION_KEY, {}))
    goals = kept.pop(str(mentorship_id), [])
    if kept:
        session[SESSION_KEY] = kept
    else:
        session.pop(SESSION_KEY, None)
    return [str(g) for g in goals][:MAX_GOALS]
