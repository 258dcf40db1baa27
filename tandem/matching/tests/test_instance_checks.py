"""The instance's array checks: the same first problem as the one-entry-at-a-time reading.

Property tests break random small instances in random ways and compare the answer (the
instance, or the one-line problem) with `instance_reference`, the reading as it was. Large
instances are checked without a Python call per edge: the profiler counts them.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.engine import Instance, InstanceError, instance_from_data, instance_from_json
from tandem.matching.tests.instance_reference import reference_read

NAMES = ["a", "b", "c", "x", "y", "é", "B"]
ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.just(10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([*NAMES, "", "zed"]),
    st.builds(list),  # fresh objects: a later breakage may change them in place
    st.builds(dict),
    st.builds(lambda: ["a"]),
)
NUMBERS = st.one_of(st.floats(-2, 2), st.integers(-2, 2))


def plain(instance: Instance) -> tuple[dict[str, int], dict[str, int], dict[Any, Any]]:
    """An instance as the reference gives it: capacities by id, edges by pair."""
    edges = {
        (instance.mentee_ids[a], instance.mentor_ids[x]): (s, pa, px)
        for a, x, s, pa, px in zip(
            instance.edge_mentee.tolist(),
            instance.edge_mentor.tolist(),
            instance.score.tolist(),
            instance.mentee_pref.tolist(),
            instance.mentor_pref.tolist(),
            strict=True,
        )
    }
    mentees = dict(zip(instance.mentee_ids, instance.mentee_capacity.tolist(), strict=True))
    mentors = dict(zip(instance.mentor_ids, instance.mentor_capacity.tolist(), strict=True))
    return mentees, mentors, edges


def outcome(read: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "ok", read()
    except InstanceError as error:
        return "error", str(error)


@st.composite
def valid_data(draw: st.DrawFn) -> dict[str, Any]:
    """A well-formed instance as parsed JSON, capacities sometimes left out."""

    def people(prefix: str) -> list[dict[str, Any]]:
        ids = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
        given = [{"capacity": draw(st.integers(0, 3))} if draw(st.booleans()) else {} for _ in ids]
        return [{"id": prefix + i} | extra for i, extra in zip(ids, given, strict=True)]

    mentees, mentors = people("m"), people("")
    edges = []
    for a in mentees:
        for x in mentors:
            if draw(st.integers(0, 3)):
                prefs = (
                    draw(st.lists(NUMBERS, min_size=2, max_size=2)) if draw(st.booleans()) else []
                )
                edges.append([a["id"], x["id"], draw(NUMBERS), *prefs])
    edges = draw(st.permutations(edges))
    return {"mentees": mentees, "mentors": mentors, "edges": edges}


@st.composite
def broken_data(draw: st.DrawFn) -> Any:
    """A valid instance with one to three random breakages (most are caught, some are not)."""
    data = draw(valid_data())
    for _ in range(draw(st.integers(1, 3))):
        side = draw(st.sampled_from(["mentees", "mentors", "edges", "edges", "edges"]))
        entries = data[side]
        kind = draw(st.sampled_from(["field"] * 4 + ["entry", "repeat", "repeat", "length", "top"]))
        if kind == "top":
            data[side] = draw(ODD) if draw(st.booleans()) else data.pop(side) and data.get(side)
            if data[side] is None:
                del data[side]
            break
        if not isinstance(entries, list) or not entries:
            continue
        at = draw(st.integers(0, len(entries) - 1))
        entry = entries[at]
        if kind == "entry":
            entries[at] = draw(ODD)
        elif kind == "repeat":
            entries.insert(draw(st.integers(0, len(entries))), copy.deepcopy(entry))
        elif kind == "field" and isinstance(entry, dict):
            field = draw(st.sampled_from(["id", "capacity"]))
            entry[field] = draw(ODD)
        elif kind == "field" and isinstance(entry, list) and entry:
            entry[draw(st.integers(0, len(entry) - 1))] = draw(ODD)
        elif kind == "length" and isinstance(entry, list):
            entry[:] = entry[: draw(st.integers(0, 6))] + draw(st.lists(NUMBERS, max_size=2))
    if draw(st.booleans()):  # the keys in another order: the problems' order must not follow it
        data = {key: data[key] for key in draw(st.permutations(list(data)))}
    return data


def assert_agrees(new: tuple[str, Any], read_reference: Callable[[], Any]) -> None:
    try:
        expected = outcome(read_reference)
    except (TypeError, OverflowError):
        # The old reading crashed here (an unhashable id, an integer beyond float or int64):
        # the new one explains it in one line instead.
        assert new[0] == "error", new
        assert "\n" not in new[1]
        return
    if new[0] == "ok":
        instance = new[1]
        assert list(instance.mentee_ids) == sorted(instance.mentee_ids)
        assert list(instance.mentor_ids) == sorted(instance.mentor_ids)
        keys = instance.edge_mentee * len(instance.mentor_ids) + instance.edge_mentor
        assert (np.diff(keys) > 0).all()
        new = ("ok", plain(instance))
    assert new == expected


class TestSameAnswerAsTheOneEntryReading:
    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(broken_data())
    def test_from_parsed_data(self, data):
        assert_agrees(outcome(lambda: instance_from_data(data)), lambda: reference_read(data))

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(broken_data())
    def test_from_json_text(self, data):
        # The fast decoder and the careful reading must agree on every text, NaN included.
        text = json.dumps(data)
        new = outcome(lambda: instance_from_json(text))
        assert_agrees(new, lambda: reference_read(json.loads(text)))

    @settings(max_examples=300, deadline=None)
    @given(valid_data())
    def test_well_formed_instances_read_the_same_either_way(self, data):
        text = json.dumps(data)
        assert plain(instance_from_json(text)) == plain(instance_from_data(data))
        assert plain(instance_from_json(text)) == reference_read(data)


class TestWhatTheOldReadingCrashedOn:
    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (lambda d: d["edges"].append([["a"], "x", 0.5]), "edge 3 names an unknown mentee"),
            (lambda d: d["mentors"][1].update(capacity=10**30), "capacity of 'y' is too large"),
            (lambda d: d["edges"][1].__setitem__(4, 10**400), "the mentor preference of edge 1"),
        ],
    )  # fmt: skip
    def test_explained_in_one_line(self, change, message):
        data = {
            "mentees": [{"id": "a"}, {"id": "b"}],
            "mentors": [{"id": "x"}, {"id": "y", "capacity": 2}],
            "edges": [["a", "x", 0.9], ["a", "y", 0.8, 0.1, 0.9], ["b", "x", 0.85]],
        }
        change(data)
        for read in (
            lambda: instance_from_json(json.dumps(data)),
            lambda: instance_from_data(data),
        ):
            with pytest.raises(InstanceError, match=message.replace("[", r"\[")) as caught:
                read()
            assert "\n" not in str(caught.value)


# --- large instances: the right line, and no Python call per edge ------------------------------

N_MENTEES, N_MENTORS = 1_000, 100  # 100,000 edges


def large_data() -> dict[str, Any]:
    rng = np.random.default_rng(14)
    mentees = [f"a{i:04d}" for i in range(N_MENTEES)]
    mentors = [f"x{j:03d}" for j in range(N_MENTORS)]
    scores = rng.random(N_MENTEES * N_MENTORS).round(4).tolist()
    edges = [[a, x, scores.pop()] for a in mentees for x in mentors]
    return {
        "mentees": [{"id": a} for a in mentees],
        "mentors": [{"id": x, "capacity": 3} for x in mentors],
        "edges": edges,
    }


def python_calls(read: Callable[[], Any]) -> tuple[int, Any]:
    """How many Python-level function calls `read` makes (C calls are not counted)."""
    calls = 0

    def count(frame: Any, event: str, arg: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        answer = outcome(read)
    finally:
        sys.setprofile(None)
    return calls, answer


LAST = N_MENTEES * N_MENTORS - 1


def at_last(position: int, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["edges"][LAST].__setitem__(position, value)


BREAKAGES = [
    (lambda d: d["edges"].append(["a0999", "x099", 0.5]), "edge 100000 repeats the pair"),
    (at_last(1, "x100"), f"edge {LAST} names an unknown mentor 'x100'"),
    (at_last(2, float("nan")), f"the score of edge {LAST} must be a finite number, got nan"),
    (at_last(2, "0.5"), f"the score of edge {LAST} must be a number, got '0.5'"),
    (lambda d: d["edges"][LAST].append(0.5), f"edge {LAST} must be [mentee, mentor, score] or"),
    (lambda d: d["mentors"][99].update(capacity=-1), "capacity of 'x099' is negative (-1)"),
]


@pytest.fixture(scope="module")
def text() -> str:
    return json.dumps(large_data())


class TestLargeInstances:
    def test_a_good_instance_is_read_without_a_python_call_per_edge(self, text):
        calls, (status, instance) = python_calls(lambda: instance_from_json(text))
        assert status == "ok"
        assert instance.n_edges == N_MENTEES * N_MENTORS
        assert calls < 1_000  # the edge-by-edge reading made about 200,000

    @pytest.mark.parametrize(("change", "message"), BREAKAGES)
    def test_a_problem_near_the_end_gives_the_right_line(self, text, change, message):
        data = json.loads(text)
        change(data)
        broken = json.dumps(data)
        calls, (status, found) = python_calls(lambda: instance_from_json(broken))
        assert status == "error"
        assert found.startswith(message)
        assert calls < 1_000
        # The reference agrees, line for line.
        with pytest.raises(InstanceError) as caught:
            reference_read(data)
        assert str(caught.value) == found
