"""Hand-built People for readable scoring tests: a few named persons, every field explicit."""

from __future__ import annotations

from typing import Any

import numpy as np

from tandem.matching.engine.people import NO_COMPETITOR, NO_SKILL, Meeting, People, skill_table
from tandem.matching.engine.reasons import Labels
from tandem.matching.engine.score import score_pairs
from tandem.matching.engine.synthetic import N_SKILLS, synthetic_people

SKILLS = ["Python", "Team leadership", "SQL", "Public speaking", "Negotiation"]
LABELS = Labels(
    skills=SKILLS,
    industries=["Technology", "Finance", "Healthcare"],
    functions=["Engineering", "Data", "Product"],
    languages=["English", "Spanish", "German"],
    mentoring_types=["Developmental", "Sponsorship", "Expertise"],
    cities=["Berlin", "Lisbon"],
    common_language_bit=0,
)
DEFAULTS: dict[str, Any] = {
    "skills": (), "proficiency": (), "text": None, "industry": -1, "function": -1, "level": 3,
    "organization": -1, "competitors": (), "languages": 1, "utc_offset": 0.0,
    "meeting": Meeting.VIRTUAL, "city": -1, "country": -1, "mentoring_types": 0, "hours": 4.0,
    "capacity": 1, "available": True, "person": None, "target_level": -1,
}  # fmt: skip


def build(people: list[dict[str, Any]], prefix: str, person_offset: int = 0) -> People:
    """People from dicts; skills by name, text as a word for a one-hot 'topic' vector."""
    rows = [{**DEFAULTS, **p} for p in people]
    width = max(1, *(len(r["skills"]) for r in rows))
    skills = np.full((len(rows), width), NO_SKILL, dtype=np.int64)
    proficiency = np.zeros((len(rows), width), dtype=np.float32)
    text = np.zeros((len(rows), 4), dtype=np.float32)
    competitors = np.full((len(rows), 2), NO_COMPETITOR, dtype=np.int64)
    for i, r in enumerate(rows):
        for j, name in enumerate(r["skills"]):
            skills[i, j] = SKILLS.index(name)
            proficiency[i, j] = r["proficiency"][j] if r["proficiency"] else 1.0
        if r["text"] is not None:
            text[i, r["text"]] = 1.0
        for j, org in enumerate(r["competitors"]):
            competitors[i, j] = org

    def column(name: str, dtype: Any) -> np.ndarray:
        return np.array([r[name] for r in rows], dtype=dtype)

    return People(
        ids=tuple(f"{prefix}{i}" for i in range(len(rows))),
        person=np.array(
            [
                r["person"] if r["person"] is not None else person_offset + i
                for i, r in enumerate(rows)
            ],
            dtype=np.int64,
        ),
        skills=skills,
        proficiency=proficiency,
        text=text,
        industry=column("industry", np.int64),
        function=column("function", np.int64),
        level=column("level", np.int64),
        organization=column("organization", np.int64),
        competitors=competitors,
        languages=column("languages", np.int64),
        utc_offset=column("utc_offset", np.float64),
        meeting=column("meeting", np.int64),
        city=column("city", np.int64),
        country=column("country", np.int64),
        mentoring_types=column("mentoring_types", np.int64),
        hours=column("hours", np.float64),
        capacity=column("capacity", np.int64),
        available=column("available", bool),
        target_level=column("target_level", np.int64),
    )


# --- Hand-built pairs and synthetic populations, scored (shared by the scoring tests) ------

MENTEE = {
    "skills": ["Python", "Team leadership"], "industry": 0, "function": 0, "level": 3,
    "organization": 1, "languages": 0b011, "utc_offset": 1.0, "text": 0, "mentoring_types": 0b010,
}  # fmt: skip
GREAT = {
    "skills": ["Python", "Team leadership", "SQL"], "proficiency": [1.0, 0.75, 0.5],
    "industry": 0, "function": 0, "level": 6, "organization": 2, "languages": 0b011,
    "utc_offset": 1.0, "text": 0, "mentoring_types": 0b010, "hours": 6.0, "capacity": 2,
}  # fmt: skip


def score_one(mentee: dict[str, Any], mentor: dict[str, Any], **kwargs: Any) -> Any:
    """One hand-built mentee and mentor, scored: (mentees, mentors, scores)."""
    mentees, mentors = build([mentee], "a"), build([mentor], "x", person_offset=100)
    table = skill_table(mentors, len(SKILLS))
    zero = np.zeros(1, dtype=np.int64)
    return mentees, mentors, score_pairs(mentees, mentors, zero, zero, table=table, **kwargs)


def synthetic_scored(n_mentees: int, n_mentors: int, seed: int) -> Any:
    """Every pair of a synthetic population, scored, with labels for its codes:
    (mentees, mentors, scores, labels)."""
    mentees, mentors = synthetic_people(n_mentees, n_mentors, seed=seed)
    table = skill_table(mentors, N_SKILLS)
    a = np.repeat(np.arange(n_mentees), n_mentors)
    x = np.tile(np.arange(n_mentors), n_mentees)
    scores = score_pairs(mentees, mentors, a, x, table=table)
    labels = LABELS.__class__(
        skills=[f"skill {i}" for i in range(N_SKILLS)],
        industries=[f"industry {i}" for i in range(20)],
        functions=[f"function {i}" for i in range(16)],
        languages=["English", "Spanish", "German"],
        mentoring_types=[f"type {i}" for i in range(7)],
        cities=[f"city {i}" for i in range(30)],
        common_language_bit=0,
    )
    return mentees, mentors, scores, labels
