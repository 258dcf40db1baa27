"""Words for the demo program's year of history: the goals pairs agreed, what they set out to
try between meetings, what happened, and the thank-yous mentees wrote. Short and kind, as
people write them; none of it ever reaches a report (reports count, they do not quote)."""

from __future__ import annotations

# Faculties an Eastmoor student or alumnus belongs to: the program's departments.
DEPARTMENTS = ("Business School", "Engineering", "Humanities", "Law", "Medicine", "Sciences")
DEPARTMENT_WEIGHTS = (26, 22, 18, 10, 9, 15)

GOALS = (
    "Choose between a master's and a first job, with reasons I believe",
    "Land a graduate role in a field I actually want",
    "Turn my dissertation into a portfolio piece",
    "Get comfortable talking about my work in interviews",
    "Build a small network in the industry I'm aiming for",
    "Negotiate my first salary instead of accepting the first number",
    "Find out what the day-to-day of the job really looks like",
    "Plan my first year in the new role",
    "Speak up in meetings with senior people",
    "Decide whether to stay in research or move to industry",
)
LEARNING_GOALS = (
    "Ask more questions and give fewer answers",
    "Learn how students look for work today",
    "Get better at giving feedback that lands",
)
GOAL_UPDATES = {
    "progressing": (
        "Made a start: a first draft is done.",
        "Talked it through with two people; clearer now.",
        "Halfway there, and it feels doable.",
    ),
    "achieved": (
        "Done! It took longer than planned and was worth it.",
        "Got there: the offer came through this week.",
        "Achieved, and I know what I'd do differently.",
    ),
    "dropped": (
        "Set this aside: the other goal matters more right now.",
        "Plans changed, so this one no longer fits.",
    ),
}

ACTIONS = (
    "Ask two alumni in the field for a 20-minute chat",
    "Rewrite the CV summary in three lines",
    "Draft an answer to “tell me about yourself”",
    "Apply to three roles that fit the plan",
    "Read the job descriptions and list the skills that repeat",
    "Do a mock interview with a friend and note what felt hard",
    "Write down what an ideal week at work would look like",
    "Share the portfolio link with the careers service",
    "Look up salary ranges for the role and the city",
    "Sign up for one industry meetup this month",
    "Update the LinkedIn headline",
    "Send a thank-you note to the interviewer",
)
OUTCOMES = {
    "done": (
        "Done, and it went better than I expected.",
        "Finished; I have two follow-ups booked.",
        "",
    ),
    "tried": (
        "Tried it once; I need a second go.",
        "Started but ran out of time before exams.",
    ),
    "dropped": ("Not useful after all: we changed the plan.",),
}

THANK_YOUS = (
    "Thank you! I left with a plan instead of a worry.",
    "Thanks for being so honest about your first year; it helped a lot.",
    "Thank you for the practice questions. I feel much calmer about the interview.",
    "Really useful, thank you. The tip about salary ranges is going straight in my notes.",
    "Thanks for your time and your patience with all my questions!",
    "Thank you. Hearing how you changed direction made mine feel possible.",
    "Thanks! I've already sent the two emails we talked about.",
    "Thank you for the introduction; we're meeting next week.",
)
SHARED_NOTES = (
    "Next time: go through the two offers side by side.",
    "Agreed to look at the portfolio before we meet again.",
    "Good conversation about the first 90 days in a new job.",
    "We talked about interviews; practice the short answers.",
)
PRIVATE_NOTES = (
    "Felt nervous beforehand; it was fine.",
    "Remember to ask about the part-time option next time.",
)
