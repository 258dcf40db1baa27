"""People encoded as arrays: what the engine knows about mentees and mentors.

The Django side fills these from profiles; the engine never sees a model. Codes are small
integers (-1 = unknown); sets are bitmasks or padded index arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tandem.matching.engine.instance import FloatArray, IntArray

NO_SKILL = -1
NO_COMPETITOR = -2  # never equal to an organization code, not even "unknown" (-1)


class Meeting:
    """How someone meets: codes for `People.meeting`."""

    VIRTUAL = 0
    IN_PERSON = 1
    EITHER = 2


@dataclass(frozen=True)
class People:
    """One side of the market. Row i of every array is person i.

    For mentees, `industry`/`function` are where they want to go (target, else current),
    `target_level` the level they want to reach (-1: none set); `skills` are skills wanted.
    For mentors they are the current ones and skills offered, with `proficiency` 0–1
    (expert = 1).
    """

    ids: tuple[str, ...]
    person: IntArray  # account id: someone on both sides is never matched with themself
    skills: IntArray  # (n, w) skill indices, padded with NO_SKILL
    proficiency: npt.NDArray[np.float32]  # (n, w)
    text: npt.NDArray[np.float32]  # (n, d) L2-normalised text vectors
    industry: IntArray
    function: IntArray
    level: IntArray
    organization: IntArray
    competitors: IntArray  # (n, c) organization codes never to match, padded with NO_COMPETITOR
    languages: IntArray  # bitmask; 0 = not given
    utc_offset: FloatArray  # hours
    meeting: IntArray
    city: IntArray
    country: IntArray
    mentoring_types: IntArray  # bitmask
    hours: FloatArray  # hours a month (mentors)
    capacity: IntArray  # free places now (mentors); 1 for mentees
    available: npt.NDArray[np.bool_]  # not paused
    target_level: IntArray  # mentees: the level they aim for (-1 = none); mentors: -1

    def __len__(self) -> int:
        return len(self.ids)

    def skill_count(self) -> IntArray:
        """How many skills each person listed."""
        return np.count_nonzero(self.skills != NO_SKILL, axis=1).astype(np.int64)


def skill_table(mentors: People, n_skills: int) -> npt.NDArray[np.float32]:
    """(n_mentors, n_skills + 1): proficiency of each mentor in each skill; last column is 0.

    The padding index NO_SKILL (-1) lands on the zero column, so gathering needs no masking.
    """
    table = np.zeros((len(mentors), n_skills + 1), dtype=np.float32)
    rows = np.repeat(np.arange(len(mentors)), mentors.skills.shape[1])
    cols = mentors.skills.ravel()
    keep = cols != NO_SKILL
    table[rows[keep], cols[keep]] = mentors.proficiency.ravel()[keep]
    return table
