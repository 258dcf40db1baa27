"""Seeded synthetic populations for tests and benchmarks (no database, no Faker)."""

from __future__ import annotations

import numpy as np

from tandem.matching.engine.people import NO_COMPETITOR, NO_SKILL, People

N_SKILLS = 228
TEXT_DIMENSIONS = 64
N_ORGANIZATIONS = 40
N_INDUSTRIES = 20
N_FUNCTIONS = 16


def _skills(
    rng: np.random.Generator, n: int, low: int, high: int, clusters: np.ndarray
) -> np.ndarray:
    """Skill indices near each person's cluster, so skills cluster like real professions."""
    width = high
    skills = np.full((n, width), NO_SKILL, dtype=np.int64)
    counts = rng.integers(low, high + 1, size=n)
    for column in range(width):
        picks = (clusters * 12 + rng.integers(0, 24, size=n)) % N_SKILLS
        skills[:, column] = np.where(column < counts, picks, NO_SKILL)
    return skills


def synthetic_people(n_mentees: int, n_mentors: int, *, seed: int = 2026) -> tuple[People, People]:
    """Mentees and mentors with clustered skills, levels, timezones and a few constraints."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(N_FUNCTIONS, TEXT_DIMENSIONS)).astype(np.float32)

    def side(n: int, prefix: str, mentor: bool, person_offset: int) -> People:
        cluster = rng.integers(0, N_FUNCTIONS, size=n)
        text = centres[cluster] + rng.normal(scale=1.2, size=(n, TEXT_DIMENSIONS)).astype(
            np.float32
        )
        text /= np.linalg.norm(text, axis=1, keepdims=True)
        skills = _skills(rng, n, 3 if mentor else 2, 8 if mentor else 5, cluster)
        proficiency = np.where(
            skills != NO_SKILL, rng.choice([0.5, 0.75, 1.0], size=skills.shape), 0.0
        ).astype(np.float32)
        competitors = np.full((n, 2), NO_COMPETITOR, dtype=np.int64)
        has = rng.random(n) < 0.1
        competitors[has, 0] = rng.integers(0, N_ORGANIZATIONS, size=int(has.sum()))
        return People(
            ids=tuple(f"{prefix}{i:06d}" for i in range(n)),
            person=np.arange(n, dtype=np.int64) + person_offset,
            skills=skills,
            proficiency=proficiency if mentor else (skills != NO_SKILL).astype(np.float32),
            text=text.astype(np.float32),
            industry=rng.integers(-1 if not mentor else 0, N_INDUSTRIES, size=n),
            function=cluster.astype(np.int64),
            level=(rng.integers(4, 11, size=n) if mentor else rng.integers(1, 7, size=n)),
            organization=rng.integers(0, N_ORGANIZATIONS, size=n),
            competitors=competitors,
            languages=(
                np.where(rng.random(n) < 0.97, 1, 2) | np.where(rng.random(n) < 0.2, 4, 0)
            ).astype(np.int64),
            utc_offset=rng.choice([-8.0, -5.0, 0.0, 1.0, 2.0, 5.5, 8.0], size=n),
            meeting=rng.choice([0, 1, 2], size=n, p=[0.6, 0.1, 0.3]),
            city=rng.integers(0, 30, size=n),
            country=rng.integers(0, 12, size=n),
            mentoring_types=rng.integers(0, 128, size=n),
            hours=rng.integers(1, 9, size=n).astype(np.float64),
            capacity=(rng.integers(1, 6, size=n) if mentor else np.ones(n, dtype=np.int64)),
            available=(rng.random(n) > 0.05) if mentor else np.ones(n, dtype=bool),
            # None aims at a level: the benchmarks' populations stay as they were measured.
            target_level=np.full(n, -1, dtype=np.int64),
        )

    mentees = side(n_mentees, "a", False, 0)
    mentors = side(n_mentors, "x", True, n_mentees // 2)  # some people are on both sides
    return mentees, mentors
