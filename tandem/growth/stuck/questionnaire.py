"""The "Am I stuck?" questionnaire and its scoring: plain Python, no Django, no database.

Seven common reasons a career stalls, three statements each. Every statement is answered on
one short scale (SCALE: 0 "Not me", 1 "A little", 2 "Very much me"). A cause's score is its
points as a share of the most it could get, 0 to 100, rounded. A cause *stands out* when its
score is at least STANDS_OUT_AT (60): with three statements that is 4 of 6 points, e.g. two
"Very much me", or one of those and two "A little". "A little" to everything (50) stands out
nowhere, so a person who feels a bit of everything is not handed seven lists at once.

The keys (causes, statements, suggestions) are stored with every check: never rename one, or
old checks lose their history; a new statement gets a new key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

NOT_ME, A_LITTLE, VERY_MUCH = 0, 1, 2
SCALE: tuple[tuple[int, str], ...] = (
    (NOT_ME, "Not me"),
    (A_LITTLE, "A little"),
    (VERY_MUCH, "Very much me"),
)
STANDS_OUT_AT = 60  # a cause's score (0-100) from which it stands out
WORTH_A_LOOK_AT = 34  # below STANDS_OUT_AT: mentioned gently in the reading, no suggestions


@dataclass(frozen=True)
class Statement:
    key: str
    text: str


@dataclass(frozen=True)
class Suggestion:
    """Something concrete to do: as a goal for oneself, or as a question for a mentor."""

    key: str
    goal: str  # becomes a goal in the career plan
    question: str  # becomes a question on a meeting's agenda (what the mentor sees)


@dataclass(frozen=True)
class Cause:
    key: str
    title: str
    about: str  # a kind line shown when the cause stands out
    statements: tuple[Statement, ...]
    suggestions: tuple[Suggestion, ...]


S, G = Statement, Suggestion
CAUSES: tuple[Cause, ...] = (
    Cause(
        "bored", "The work no longer stretches you",
        "When a job holds no surprises, energy drains away and people notice. It usually lifts "
        "quickly once something new asks more of you.",
        (
            S("bored_sleep", "I could do most of my job half asleep."),
            S("bored_drift", "At work I find myself looking for things to do other than my job."),
            S("bored_challenge", "It has been a long time since my work really challenged me."),
        ),
        (
            G("bored_stretch",
              "Take on one piece of work this quarter that I don't yet know how to do",
              "Which piece of work near me would stretch me most, and how could I ask for it?"),
            G("bored_extra", "Deliver one thing my manager needs that is beyond my usual work",
              "What does my manager, or their manager, need that nobody is doing yet?"),
            G("bored_hand_over", "Hand one routine task to a colleague and teach them to do it",
              "How do I let go of work I'm known for without seeming to drop it?"),
        ),
    ),
    Cause(
        "under_performing", "Others are moving ahead of you",
        "Doing the job well is often not enough to be noticed. An honest look at your results "
        "is the first step, and it takes courage.",
        (
            S("perf_passed", "People around me get noticed or promoted while I stay where I am."),
            S("perf_enough", "I deliver what was asked, rarely more, and sometimes late."),
            S("perf_ordinary", "If I'm honest, my results lately have been ordinary."),
        ),
        (
            G("perf_excellent",
              "Ask my manager what excellent looks like in my role, and write it down",
              "How do I ask my manager for honest feedback on my results?"),
            G("perf_one_result",
              "Choose one result that matters to my team and over-deliver on it this month",
              "Which result would make the biggest difference if I did it really well?"),
            G("perf_habit",
              "Watch how a colleague who is moving ahead works, and try one of their habits",
              "What do people who move ahead here do that I might not be doing?"),
        ),
    ),
    Cause(
        "attitude", "Frustration that shows",
        "Feeling wronged is human, and it tends to show however well we hide it. Talking it "
        "through takes its weight off.",
        (
            S("attitude_wronged", "I feel I have been treated unfairly at work."),
            S("attitude_shows", "My frustration comes out in meetings or messages, even when I "
              "try to keep it in."),
            S("attitude_distance", "Colleagues seem to keep more distance from me than before."),
        ),
        (
            G("attitude_write",
              "Write down what still bothers me at work, and what I want to happen now",
              "Can we talk through something at work that still bothers me?"),
            G("attitude_talk",
              "Talk to someone I trust, or a professional, about where the frustration comes "
              "from", "How have you handled feeling wronged at work without it showing?"),
            G("attitude_clear_air",
              "Have one calm, open conversation with the person the frustration is about",
              "How would you start a conversation to clear the air with someone at work?"),
        ),
    ),
    Cause(
        "falling_behind", "Falling behind on tools",
        "New tools change how a team thinks and works. Catching up is mostly a matter of "
        "small, regular time set aside for it.",
        (
            S("tools_avoid", "There are tools or systems my team uses that I avoid or barely "
              "know."),
            S("tools_old_way", "I often stick to the old way because learning the new one feels "
              "slower."),
            S("tools_lost", "When colleagues talk about new ways of working, I sometimes can't "
              "follow."),
        ),
        (
            G("tools_hour", "Pick one tool my team is adopting and book an hour a week with it",
              "Which tool or way of working is most worth my time to learn first?"),
            G("tools_show_me", "Ask a colleague who knows a new system well to show me how they "
              "use it", "Who could show me how they work with the newer tools?"),
            G("tools_real_work",
              "Use a new tool for one real piece of work this month instead of the old way",
              "How did you keep up with new tools while doing your day job?"),
        ),
    ),
    Cause(
        "rigid", "Set in your ways",
        "Everyone resists some change. Resisting most of it makes people stop asking for your "
        "view; small experiments in openness go a long way.",
        (
            S("rigid_reasons", "When a change is announced, I think first of why it won't work."),
            S("rigid_tried", "I have caught myself saying \"that won't work here\" more than once "
              "lately."),
            S("rigid_keep", "I'd rather keep things as they are, even when others are keen on "
              "something new."),
        ),
        (
            G("rigid_worst",
              "When an idea bothers me, privately write down the worst that could really happen",
              "How do you keep an open mind about changes you don't like?"),
            G("rigid_pilot", "Volunteer for one small change or pilot and give it a fair try",
              "Which change around me would be a good one to try saying yes to?"),
            G("rigid_curious",
              "In the next meeting about a change, ask one curious question before any concern",
              "How can I raise concerns about a change without being seen as blocking it?"),
        ),
    ),
    Cause(
        "no_longer_fit", "No longer a fit",
        "Organizations change and so do people; sometimes they grow apart. Working out what "
        "you need is worth doing whether you stay or go.",
        (
            S("fit_values", "What my organization values and what I value have drifted apart."),
            S("fit_work", "The kind of work I enjoy most is hard to find where I am."),
            S("fit_grown", "I have changed since I joined, and my role has not changed with me."),
        ),
        (
            G("fit_needs", "List what I need from an organization and see how mine measures up",
              "How can I tell a rough patch from a real mismatch with my organization?"),
            G("fit_inside",
              "Have coffee with someone in another team to see whether it would suit me better",
              "Could a move inside my organization give me what I'm missing?"),
            G("fit_outside",
              "Talk to two people outside my organization who do work I would like to do",
              "If it is time to move on, how do I start looking while still doing my job well?"),
        ),
    ),
    Cause(
        "change_around_me", "A change around you",
        "A new leader, a reorganization or a shift in the market moves the ground under "
        "everyone. Looking at things with fresh eyes helps you find your feet again.",
        (
            S("change_leader", "A new manager, leader or reorganization has changed how things "
              "work around me."),
            S("change_unclear", "I'm no longer sure what is expected of me or who decides."),
            S("change_market", "Our market or customers are shifting, and my work has not "
              "caught up."),
        ),
        (
            G("change_map",
              "Note who now decides what around me, and what each of them cares about",
              "What might the recent change mean for someone in my role?"),
            G("change_success",
              "Ask my manager or the new leader what success looks like for them now",
              "How do I introduce myself well to a new leader?"),
            G("change_adjust",
              "Adjust one part of my work to the new direction and tell my manager about it",
              "Which part of my work should I adjust first to the new direction?"),
        ),
    ),
)  # fmt: skip
del S, G

CAUSE_BY_KEY: dict[str, Cause] = {cause.key: cause for cause in CAUSES}
# The order people answer in: the first statement of every cause, then the second, ... so
# the statements about one cause are not side by side.
STATEMENTS: tuple[Statement, ...] = tuple(
    cause.statements[i] for i in range(max(len(c.statements) for c in CAUSES)) for cause in CAUSES
    if i < len(cause.statements)
)  # fmt: skip
CAUSE_OF: dict[str, str] = {s.key: cause.key for cause in CAUSES for s in cause.statements}
SUGGESTION_BY_KEY: dict[str, tuple[Cause, Suggestion]] = {
    s.key: (cause, s) for cause in CAUSES for s in cause.suggestions
}
VALUES = frozenset(value for value, _ in SCALE)


class AnswersError(ValueError):
    """Some answers are missing or not on the scale: statement key → what is wrong."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__(f"{len(problems)} answer(s) need another look")
        self.problems = dict(problems)


def clean_answers(raw: Mapping[str, object]) -> dict[str, int]:
    """Every statement answered with a value of the scale (as an int or its digit); keys
    that are no statement are refused too, so nothing else is ever stored."""
    problems: dict[str, str] = {}
    answers: dict[str, int] = {}
    for statement in STATEMENTS:
        value = raw.get(statement.key)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if value is None or value == "":
            problems[statement.key] = "Pick one of the three answers."
        elif isinstance(value, bool) or not isinstance(value, int) or value not in VALUES:
            problems[statement.key] = "Pick one of the three answers shown."
        else:
            answers[statement.key] = value
    for key in raw:
        if key not in CAUSE_OF:
            problems[str(key)] = "This is not one of the statements."
    if problems:
        raise AnswersError(problems)
    return answers


def scores_of(answers: Mapping[str, int]) -> dict[str, int]:
    """Each cause's score, 0-100: its points over the most it could get (unanswered = 0)."""
    top = max(VALUES)
    scores = {}
    for cause in CAUSES:
        points = sum(answers.get(s.key, NOT_ME) for s in cause.statements)
        scores[cause.key] = round(100 * points / (top * len(cause.statements)))
    return scores


def standing_out(scores: Mapping[str, int]) -> list[Cause]:
    """The causes at or above STANDS_OUT_AT, highest first (ties in questionnaire order)."""
    ranked = sorted(CAUSES, key=lambda cause: -scores.get(cause.key, 0))  # stable sort
    return [cause for cause in ranked if scores.get(cause.key, 0) >= STANDS_OUT_AT]


def worth_a_look(scores: Mapping[str, int]) -> list[Cause]:
    """Causes in the middle band: not standing out, not nothing either."""
    return [
        cause for cause in CAUSES if WORTH_A_LOOK_AT <= scores.get(cause.key, 0) < STANDS_OUT_AT
    ]


def _titles(causes: list[Cause]) -> str:
    names = [cause.title.lower() for cause in causes]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def reading_of(scores: Mapping[str, int]) -> str:
    """The overall reading, in a few kind words."""
    out, middle = standing_out(scores), worth_a_look(scores)
    if not out and not middle:
        return (
            "Nothing here suggests you're stuck right now. Keep doing what works, and come back "
            "to this check whenever something feels off."
        )
    if not out:
        return (
            f"Nothing stands out strongly. A little of {_titles(middle)} came up, which is "
            "worth keeping an eye on; taking the check again in a few weeks will show whether "
            "it grows or fades."
        )
    if len(out) == 1:
        return (
            f"One thing stands out: {_titles(out)}. That is something you can work on, and the "
            "ideas below are small places to start."
        )
    if len(out) <= 3:
        return (
            f"A few things stand out: {_titles(out)}. They often feed each other, so progress "
            "on one tends to help the others. Pick one idea below to start with."
        )
    return (
        "Quite a lot stands out at once, and that can feel heavy. You don't have to fix it all: "
        "choose the one idea below that feels easiest, and talk the rest over with a mentor."
    )


@dataclass(frozen=True)
class Result:
    scores: dict[str, int]
    standing_out: list[Cause]
    reading: str


def result_of(answers: Mapping[str, int]) -> Result:
    """Scores, the causes that stand out and the reading, for one set of answers."""
    scores = scores_of(answers)
    return Result(scores, standing_out(scores), reading_of(scores))


def offered_suggestions(scores: Mapping[str, int]) -> list[tuple[Cause, tuple[Suggestion, ...]]]:
    """What the result offers to do: the suggestions of each cause that stands out."""
    return [(cause, cause.suggestions) for cause in standing_out(scores)]
