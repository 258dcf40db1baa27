"""Stable mode gives the same matching as the `matching` package's resident-optimal solver."""

from __future__ import annotations

import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matching.games import HospitalResident

from tandem.matching.engine import instance_build, solve


@st.composite
def hospital_resident_instances(draw):
    n_a, n_x = draw(st.integers(1, 8)), draw(st.integers(1, 5))
    mentees = {f"a{i}": 1 for i in range(n_a)}
    mentors = {f"x{j}": draw(st.integers(1, 3)) for j in range(n_x)}
    scores = st.sampled_from([0.2, 0.4, 0.4, 0.6, 0.8]) | st.floats(0.01, 1.0)
    edges = {
        (a, x): (draw(scores), draw(scores), draw(scores))
        for a in mentees
        for x in mentors
        if draw(st.booleans())
    }
    return mentees, mentors, edges


def _ranking(options: dict[str, float]) -> list[str]:
    """Best first: higher preference, then the lower id (the engine's tie rule)."""
    return sorted(options, key=lambda other: (-options[other], other))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hospital_resident_instances())
def test_stable_mode_equals_the_resident_optimal_matching(case):
    mentees, mentors, edges = case
    resident_prefs = {
        a: _ranking({x: pa for (aa, x), (_, pa, _) in edges.items() if aa == a}) for a in mentees
    }
    hospital_prefs = {
        x: _ranking({a: px for (a, xx), (_, _, px) in edges.items() if xx == x}) for x in mentors
    }
    residents = {a: prefs for a, prefs in resident_prefs.items() if prefs}
    hospitals = {x: prefs for x, prefs in hospital_prefs.items() if prefs}
    expected: set[tuple[str, str]] = set()
    if residents:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            game = HospitalResident.create_from_dictionaries(
                residents, hospitals, {x: mentors[x] for x in hospitals}
            )
            for hospital, matched in game.solve(optimal="resident").items():
                expected |= {(str(r), str(hospital)) for r in matched}
    instance = instance_build(mentees=mentees, mentors=mentors, edges=edges)
    assert set(solve(instance, mode="stable").pairs) == expected
