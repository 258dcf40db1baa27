"""Profiles → the engine's arrays. The only place that knows both Django and the engine:
mentors row by row into the index (`mentors.py`), mentees against that index (`mentees.py`)."""

from tandem.matching.encode.mentees import MENTEE_FIELDS, mentee_encode, mentees_encode
from tandem.matching.encode.mentors import (
    LEVEL_ROLES,
    MentorIndex,
    Rows,
    Vocabulary,
    labels_of,
    mentor_index_of,
    mentor_rows,
    utc_offset,
)

__all__ = [
    "LEVEL_ROLES",
    "MENTEE_FIELDS",
    "MentorIndex",
    "Rows",
    "Vocabulary",
    "labels_of",
    "mentee_encode",
    "mentees_encode",
    "mentor_index_of",
    "mentor_rows",
    "utc_offset",
]
