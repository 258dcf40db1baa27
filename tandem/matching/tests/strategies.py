"""Random small instances for property tests, with deliberately many tied scores."""

from __future__ import annotations

from hypothesis import strategies as st

from tandem.matching.engine import Instance, instance_build

SCORES = st.sampled_from([0.1, 0.25, 0.5, 0.5, 0.75, 0.9, 1.0]) | st.floats(0.01, 1.0)


@st.composite
def instances(draw, max_mentees: int = 7, max_mentors: int = 5, mentee_capacity: bool = True):
    """An instance with up to `max_mentees` × `max_mentors` people and a random set of pairs."""
    n_a = draw(st.integers(1, max_mentees))
    n_x = draw(st.integers(1, max_mentors))
    mentees = {f"a{i}": (draw(st.integers(0, 3)) if mentee_capacity else 1) for i in range(n_a)}
    mentors = {f"x{j}": draw(st.integers(0, 3)) for j in range(n_x)}
    edges = {}
    for a in mentees:
        for x in mentors:
            if draw(st.booleans()):
                score = draw(SCORES)
                separate = draw(st.booleans())
                prefs = (draw(SCORES), draw(SCORES)) if separate else (score, score)
                edges[(a, x)] = (score, *prefs)
    return instance_build(mentees=mentees, mentors=mentors, edges=edges)


def edge_list(instance: Instance) -> list[tuple[int, int, float, float, float]]:
    """The edges as plain tuples (mentee index, mentor index, score, mentee pref, mentor pref)."""
    return list(
        zip(
            instance.edge_mentee.tolist(),
            instance.edge_mentor.tolist(),
            instance.score.tolist(),
            instance.mentee_pref.tolist(),
            instance.mentor_pref.tolist(),
            strict=True,
        )
    )
