"""Plain-language reasons for a score, and at most two hints on what would improve it.

Reasons only ever name factors of that very pair, strongest contribution first. They come in
two voices: the mentee reading about a mentor ("knows Python at expert level, which you want
to learn") and the mentor reading about a mentee ("wants to learn Python, which you know at
expert level"). The same factors are named either way; only the reader changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from tandem.matching.engine.people import NO_SKILL, Meeting, People
from tandem.matching.engine.score import DEFAULT_WEIGHTS, FACTORS, PairScores

MAX_FACTOR_REASONS = 3  # strongest weighted factors
MAX_REASONS = 5  # plus up to two facts of context (organization, language)
MAX_HINTS = 2
PROFICIENCY_WORDS = ((0.99, "at expert level"), (0.74, "at an advanced level"), (0.0, ""))

Voice = Literal["mentee", "mentor"]
MENTEE: Voice = "mentee"  # a mentee reads about a mentor (recommendations, suggestions)
MENTOR: Voice = "mentor"  # a mentor reads about a mentee (an ask, the inbox)

PARTIAL_SKILLS_HINT = (
    "This mentor covers only part of the skills you want; a second mentor could cover the rest."
)
# The same advice said of a whole list, where "this mentor" would point at no one.
PARTIAL_SKILLS_LIST_HINT = (
    "No one here covers every skill you want; a second mentor for the rest is a fine idea."
)


@dataclass(frozen=True)
class Labels:
    """Names for the codes in `People`, so reasons read as words."""

    skills: Sequence[str]
    industries: Sequence[str]
    functions: Sequence[str]
    languages: Sequence[str]  # bit i of People.languages
    mentoring_types: Sequence[str]  # bit i of People.mentoring_types
    cities: Sequence[str] = ()
    common_language_bit: int | None = None  # e.g. English: too common to be a reason
    levels: Sequence[str] = ()  # by level number: "as a director" (none: "at level 8")


@dataclass(frozen=True)
class Explanation:
    """Why a pair scores what it does."""

    score: float
    reasons: list[tuple[str, str]]  # (factor, sentence)
    hints: list[str]


def _bits(mask: int) -> list[int]:
    return [bit for bit in range(64) if mask >> bit & 1]


def _skills_reason(
    mentees: People, mentors: People, a: int, x: int, labels: Labels, voice: Voice
) -> str:
    offered = {
        int(s): float(p)
        for s, p in zip(mentors.skills[x], mentors.proficiency[x], strict=True)
        if s != NO_SKILL
    }
    matched = sorted(
        (s for s in mentees.skills[a].tolist() if s in offered), key=lambda s: -offered[s]
    )
    if not matched:
        return ""
    best = labels.skills[matched[0]]
    level = next(word for floor, word in PROFICIENCY_WORDS if offered[matched[0]] >= floor)
    others = ", ".join(labels.skills[s] for s in matched[1:3])
    if voice == MENTOR:
        sentence = f"wants to learn {best}, which you {'know ' + level if level else 'offer'}"
        return sentence + (f"; you also offer {others}" if others else "")
    sentence = f"knows {best}{' ' + level if level else ''}, which you want to learn"
    return sentence + (f", and also {others}" if others else "")


def _level_reason(gap: int, voice: Voice) -> str:
    """`gap` is the mentor's level minus the mentee's (P2: a few levels apart is best)."""
    if voice == MENTOR:
        if gap > 4:
            return f"{gap} levels below you: your long view will help them see ahead"
        if gap > 1:
            return f"{gap} levels below you: close enough to remember, far enough to help"
        if gap == 1:
            return "one level below you"
        if gap == 0:
            return "at your level: you can compare notes as peers"
        return "further along than you: you may learn as much as you share"
    if gap > 4:
        return f"{gap} levels above you: a long view of where you are heading"
    if gap > 1:
        return f"{gap} levels above you: far enough to see ahead, close enough to remember"
    if gap == 1:
        return "one level above you"
    if gap == 0:
        return "at your level: a peer who knows your situation"
    return "earlier in their career than you, with a fresh view"


def _direction_reason(
    mentees: People, mentors: People, a: int, x: int, labels: Labels, voice: Voice
) -> str:
    industry = mentees.industry[a] >= 0 and mentees.industry[a] == mentors.industry[x]
    function = mentees.function[a] >= 0 and mentees.function[a] == mentors.function[x]
    target = int(mentees.target_level[a])
    level = target >= 0 and target == int(mentors.level[x])
    names = [labels.industries[mentors.industry[x]]] if industry else []
    names += [labels.functions[mentors.function[x]]] if function else []
    if voice == MENTOR:
        if level:
            where = f" in {' and '.join(names)}" if names else ""
            return f"heading for your level{where}, where you work"
        return f"heading for {' and '.join(names)}, where you work" if names else ""
    role = ""
    if level:
        words = labels.levels[target] if target < len(labels.levels) else ""
        role = words or f"at level {target}"
    where = " and ".join(f"in {name}" for name in names)
    said = " ".join(part for part in (role, where) if part)
    return f"works {said}, where you want to be" if said else ""


def _timezone_reason(mentees: People, mentors: People, a: int, x: int, voice: Voice) -> str:
    hours = abs(float(mentees.utc_offset[a] - mentors.utc_offset[x])) % 24
    hours = min(hours, 24 - hours)
    if voice == MENTOR:
        return "in your timezone" if hours < 0.5 else f"{hours:g} h from your timezone"
    return "same timezone as you" if hours < 0.5 else f"{hours:g} h timezone difference"


def _meeting_reason(
    mentees: People, mentors: People, a: int, x: int, labels: Labels, voice: Voice
) -> str:
    if mentors.city[x] >= 0 and mentees.city[a] == mentors.city[x] and labels.cities:
        city = labels.cities[mentors.city[x]]
        if voice == MENTOR:
            return f"in {city} too, so you two could meet in person"
        return f"also in {city}, so you could meet in person"
    if voice == MENTOR:
        return "happy to meet the way you like to"
    return "happy to meet the way you prefer"


def _sentence(
    factor: str, mentees: People, mentors: People, a: int, x: int, labels: Labels, voice: Voice
) -> str:
    mentor_voice = voice == MENTOR
    if factor == "skills":
        return _skills_reason(mentees, mentors, a, x, labels, voice)
    if factor == "goals":
        if mentor_voice:
            return "the goals they wrote echo what you have done"
        return "what they have done echoes the goals you wrote"
    if factor == "direction":
        return _direction_reason(mentees, mentors, a, x, labels, voice)
    if factor == "level_gap":
        return _level_reason(int(mentors.level[x] - mentees.level[a]), voice)
    if factor == "timezone":
        return _timezone_reason(mentees, mentors, a, x, voice)
    if factor == "meeting":
        return _meeting_reason(mentees, mentors, a, x, labels, voice)
    if factor == "mentoring_type":
        shared = _bits(int(mentees.mentoring_types[a] & mentors.mentoring_types[x]))
        names = [
            labels.mentoring_types[b].lower() for b in shared if b < len(labels.mentoring_types)
        ]
        if not names:
            return ""
        if mentor_voice:
            return f"looking for {names[0]} mentoring, which you offer"
        return f"offers {names[0]} mentoring, which you're looking for"
    # Told to the mentee only: a mentor learns nothing about the mentee from their own hours.
    if factor == "availability" and not mentor_voice:
        return f"has about {mentors.hours[x]:g} hours a month for mentoring"
    return ""


def _extra_reasons(
    mentees: People, mentors: People, a: int, x: int, labels: Labels, voice: Voice
) -> list[str]:
    """Facts that carry no weight of their own but matter to people (P3)."""
    extra = []
    org_a, org_x = int(mentees.organization[a]), int(mentors.organization[x])
    if org_x >= 0 and org_a != org_x:
        extra.append(
            "from outside your organization, so they can speak freely"
            if voice == MENTOR
            else "outside your organization, so you can speak freely"
        )
    shared = _bits(int(mentees.languages[a] & mentors.languages[x]))
    shared = [b for b in shared if b != labels.common_language_bit and b < len(labels.languages)]
    if shared:
        language = labels.languages[shared[0]]
        extra.append(
            f"speaks {language}, as you do" if voice == MENTOR else f"speaks {language}, like you"
        )
    return extra


def _hints(mentees: People, scores: PairScores, i: int, weights: Mapping[str, float]) -> list[str]:
    """What the mentee could change for a better match, biggest possible gain first."""
    a = int(scores.mentee[i])
    room = sorted(
        ((weights.get(f, 0.0) * (1.0 - float(scores.factors[f][i])), f) for f in FACTORS),
        reverse=True,
    )
    hints = []
    for gain, factor in room:
        if gain < 3.0:
            break
        hint = ""
        if factor == "skills":
            hint = (
                "Add the skills you want to learn to your profile."
                if mentees.skill_count()[a] == 0
                else PARTIAL_SKILLS_HINT
            )
        elif factor == "direction" and (mentees.industry[a] < 0 or mentees.function[a] < 0):
            hint = "Set a target industry and function to find people already working there."
        elif factor == "goals" and not mentees.text[a].any():
            hint = "Write a few sentences about your goals; they help us find the right people."
        elif factor == "meeting" and mentees.meeting[a] == Meeting.IN_PERSON:
            hint = "Being open to video calls would bring in mentors from other cities."
        elif factor == "mentoring_type" and mentees.mentoring_types[a] == 0:
            hint = "Say which kinds of mentoring you're looking for."
        if hint and hint not in hints:
            hints.append(hint)
        if len(hints) == MAX_HINTS:
            break
    return hints


def list_hints(hints_per_pick: Sequence[Sequence[str]]) -> list[str]:
    """The hints for a whole list, each once: what the mentee could change, said one time.

    The partial-skills hint is about one mentor, so a list keeps it only when it holds for
    every mentor in the list, in words about the list.
    """
    hints: list[str] = []
    for pick in hints_per_pick:
        for hint in pick:
            if hint != PARTIAL_SKILLS_HINT and hint not in hints:
                hints.append(hint)
    if hints_per_pick and all(PARTIAL_SKILLS_HINT in pick for pick in hints_per_pick):
        hints.append(PARTIAL_SKILLS_LIST_HINT)
    return hints[:MAX_HINTS]


def explain(
    mentees: People,
    mentors: People,
    scores: PairScores,
    i: int,
    labels: Labels,
    *,
    weights: Mapping[str, float] | None = None,
    voice: Voice = MENTEE,
) -> Explanation:
    """Reasons and hints for pair i of `scores`, told to the mentee or to the mentor."""
    used = dict(DEFAULT_WEIGHTS if weights is None else weights)
    total = sum(used.get(f, 0.0) for f in FACTORS) or 1.0
    used = {f: 100.0 * used.get(f, 0.0) / total for f in FACTORS}
    a, x = int(scores.mentee[i]), int(scores.mentor[i])
    ranked = sorted(((used[f] * float(scores.factors[f][i]), f) for f in FACTORS), reverse=True)
    reasons: list[tuple[str, str]] = []
    for contribution, factor in ranked:
        if contribution < 2.0 or float(scores.factors[factor][i]) < 0.34:
            continue
        sentence = _sentence(factor, mentees, mentors, a, x, labels, voice)
        if sentence:
            reasons.append((factor, sentence))
        if len(reasons) == MAX_FACTOR_REASONS:
            break
    reasons += [("context", s) for s in _extra_reasons(mentees, mentors, a, x, labels, voice)]
    return Explanation(
        score=float(np.round(scores.score[i], 1)),
        reasons=reasons[:MAX_REASONS],
        hints=_hints(mentees, scores, i, used),
    )
