"""Bulk matching, side by side: the engine against scipy, the `matching` package and greedy.

    .venv/bin/python bench/matching.py [--sizes 1000x250,2000x500,10000x2000,100000x20000]
        [--k 20] [--k-mentor 5] [--seed 2026] [--noise 0] [--repeat 1] [--quick]
        [--solvers optimal,stable,max-matched,scipy,matching,greedy]
        [--matching-timeout 120] [--scipy-timeout 600] [--scipy-max-entries 20000000]

For every size N×M it generates a seeded synthetic population: N mentees (capacity 1) and M
mentors (capacity 1–5, uniform), each a 16-dimensional latent vector drawn around a few
cluster centres (clusters hold different shares of mentees and mentors, so some mentors are
popular and some niche). A pair's score is its cosine similarity squashed to (0, 1]. The
candidate graph keeps each mentee's k best mentors plus each mentor's k-mentor best mentees
(so niche mentors are not starved), deduplicated; both sides' preferences are the score
(plus `--noise` × a standard normal per side when asked). Ids are `a000123` / `x00045`, so
the id order is the index order and every solver breaks ties the same way.

Every solver runs in its own spawned process, so "peak MB" is that process's high-water mark
of resident memory (interpreter, imports and the loaded instance included), and a solver that
runs past its time bound is stopped without stalling the others. The candidate graph is
generated once per size, also in a process of its own, and saved to a temporary .npz file
that the solver processes load.

Columns of the table printed for each size:
  solver          engine optimal / stable / max-matched (`tandem.matching.engine.solver`),
                  scipy (`min_weight_full_bipartite_matching` with one column per mentor
                  place and one "unmatched" column per mentee), matching package
                  (`HospitalResident`, resident-optimal, on the same preference lists),
                  greedy (pairs by score, best first, while both sides have room)
  setup s         building the solver's own input (scipy's sparse matrix, the package's
                  players); 0 for the engine, which takes the instance as it is
  solve s         the solve alone (median over --repeat runs)
  peak MB         the solver process's peak resident memory (largest over the runs)
  matched %       mentees with a mentor, out of all mentees (the places offered bound it)
  total score     sum of the chosen pairs' scores
  vs optimal      (total − engine optimal's total) / engine optimal's total
  blocking        blocking pairs of the answer (`tandem.matching.engine.stability`)

Checks and ratios are printed under each table; nothing is asserted. Times are wall-clock
on a shared machine: compare ratios, and use --repeat for medians.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# This file is called matching.py: keep its folder off the path so that `import matching`
# finds the package, and put the repo root on it for `tandem`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from tandem.matching.engine.instance import Instance

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

FULL_LADDER = ((1_000, 250), (2_000, 500), (10_000, 2_000), (100_000, 20_000))
QUICK_LADDER = ((1_000, 250), (2_000, 500))
SOLVERS = ("optimal", "stable", "max-matched", "scipy", "matching", "greedy")
LABELS = {
    "optimal": "engine optimal",
    "stable": "engine stable",
    "max-matched": "engine max-matched",
    "scipy": "scipy (slots)",
    "matching": "matching package",
    "greedy": "greedy",
}
DIMS = 16
CLUSTERS = 8
SPREAD = 1.0  # per-dimension noise around a cluster centre (centres are standard normal)
BLOCK = 16  # mentors per block in the two-stage top-k (see _top_mentors)
ROW_BLOCK = 8  # mentees per block when looking for mentors' best mentees (see _above)
CHUNK_ENTRIES = 2**24  # similarities held at once: 64 MB of float32
SCIPY_SHIFT = 2.0  # scipy's weights must be non-zero: weight = SHIFT − score, unmatched = SHIFT


# --- the synthetic population and its candidate graph -------------------------------------


@dataclass(frozen=True)
class Spec:
    """One instance to generate: sizes, candidate counts, seed, preference noise."""

    mentees: int
    mentors: int
    k: int
    k_mentor: int
    seed: int
    noise: float

    @property
    def title(self) -> str:
        return f"{self.mentees:,} mentees × {self.mentors:,} mentors"


def _unit_rows(matrix: FloatArray) -> FloatArray:
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def _latent(spec: Spec, rng: np.random.Generator) -> tuple[FloatArray, FloatArray]:
    """Unit vectors for mentees and mentors around shared cluster centres."""
    centres = rng.normal(size=(CLUSTERS, DIMS))
    mentee_share = rng.dirichlet(np.ones(CLUSTERS))
    mentor_share = rng.dirichlet(np.ones(CLUSTERS))
    mentee_cluster = rng.choice(CLUSTERS, size=spec.mentees, p=mentee_share)
    mentor_cluster = rng.choice(CLUSTERS, size=spec.mentors, p=mentor_share)
    mentees = centres[mentee_cluster] + SPREAD * rng.normal(size=(spec.mentees, DIMS))
    mentors = centres[mentor_cluster] + SPREAD * rng.normal(size=(spec.mentors, DIMS))
    return _unit_rows(mentees), _unit_rows(mentors)


def _top_mentors(sims: npt.NDArray[np.float32], k: int, blocks: int) -> IntArray:
    """Column indices of each row's k largest entries, in two stages.

    The columns are cut into `blocks` strided blocks (block j holds columns j, j + blocks,
    j + 2·blocks, ...). A row's k best entries lie in its k blocks with the largest maxima, so
    only those k × BLOCK entries need a full partition.
    """
    rows = sims.shape[0]
    if k >= blocks:  # too few blocks to gain anything: partition the rows directly
        return np.argpartition(sims, -k, axis=1)[:, -k:].astype(np.int64)
    block_max = sims.reshape(rows, BLOCK, blocks).max(axis=1)
    best_blocks = np.argpartition(block_max, -k, axis=1)[:, -k:]
    columns = (best_blocks[:, :, None] + blocks * np.arange(BLOCK)).reshape(rows, -1)
    values = np.take_along_axis(sims, columns, axis=1)
    picked = np.argpartition(values, -k, axis=1)[:, -k:]
    return np.take_along_axis(columns, picked, axis=1).astype(np.int64)


def _above(
    sims: npt.NDArray[np.float32], threshold: npt.NDArray[np.float32]
) -> tuple[IntArray, IntArray]:
    """(row, column) of the entries above their column's threshold.

    Scans maxima of ROW_BLOCK-row blocks first: late in the pass few entries beat the
    thresholds, and a full `nonzero` over the chunk would cost more than everything else.
    """
    rows, columns = sims.shape
    whole = rows - rows % ROW_BLOCK
    block_max = sims[:whole].reshape(-1, ROW_BLOCK, columns).max(axis=1)
    block, column = np.nonzero(block_max > threshold)
    row = (block[:, None] * ROW_BLOCK + np.arange(ROW_BLOCK)).ravel()
    column = np.repeat(column, ROW_BLOCK)
    keep = sims[row, column] > threshold[column]
    tail_row, tail_column = np.nonzero(sims[whole:] > threshold)
    return (
        np.concatenate([row[keep], tail_row + whole]).astype(np.int64),
        np.concatenate([column[keep], tail_column]).astype(np.int64),
    )


@dataclass
class _MentorBest:
    """Each mentor's best mentees so far (as a set; not kept in order)."""

    value: npt.NDArray[np.float32]  # (mentors, k_mentor), -inf where nothing yet
    mentee: IntArray  # (mentors, k_mentor), -1 where nothing yet

    @property
    def threshold(self) -> npt.NDArray[np.float32]:
        return self.value.min(axis=1)

    def offer(self, mentee: IntArray, mentor: IntArray, value: npt.NDArray[np.float32]) -> None:
        """Merge new (mentee, mentor, value) candidates, keeping k_mentor per mentor."""
        if mentor.size == 0:
            return
        k_mentor = self.value.shape[1]
        touched = np.unique(mentor)
        all_mentor = np.concatenate([np.repeat(touched, k_mentor), mentor])
        all_value = np.concatenate([self.value[touched].ravel(), value])
        all_mentee = np.concatenate([self.mentee[touched].ravel(), mentee])
        order = np.lexsort((all_mentee, -all_value, all_mentor))
        sorted_mentor = all_mentor[order]
        first = np.searchsorted(sorted_mentor, touched)
        rank = np.arange(order.shape[0]) - np.repeat(first, np.diff(np.append(first, order.size)))
        keep = order[rank < k_mentor]
        self.value[touched] = all_value[keep].reshape(-1, k_mentor)
        self.mentee[touched] = all_mentee[keep].reshape(-1, k_mentor)


def _candidate_keys(
    spec: Spec, mentees: FloatArray, mentors: FloatArray
) -> tuple[IntArray, IntArray]:
    """Keys mentee·M + mentor of each mentee's k best mentors, and of each mentor's best."""
    n, m = spec.mentees, spec.mentors
    k, k_mentor = min(spec.k, m), min(spec.k_mentor, n)
    blocks = -(-m // BLOCK)
    padded = np.zeros((blocks * BLOCK, DIMS), dtype=np.float32)
    padded[:m] = mentors
    mentees32 = mentees.astype(np.float32)
    best = _MentorBest(
        value=np.full((m, k_mentor), -np.inf, dtype=np.float32),
        mentee=np.full((m, k_mentor), -1, dtype=np.int64),
    )
    keys: list[IntArray] = []
    chunk = max(1, CHUNK_ENTRIES // padded.shape[0])
    for start in range(0, n, chunk):
        sims = mentees32[start : start + chunk] @ padded.T
        sims[:, m:] = -np.inf
        rows = np.arange(start, start + sims.shape[0], dtype=np.int64)
        if k < m:
            top = _top_mentors(sims, k, blocks)
        else:
            top = np.broadcast_to(np.arange(m, dtype=np.int64), (rows.size, m))
        keys.append((rows[:, None] * m + top).ravel())
        real = sims[:, :m]
        if start == 0:  # everything beats -inf: take each mentor's best rows directly
            kk = min(k_mentor, rows.size)
            part = np.argpartition(np.ascontiguousarray(real.T), -kk, axis=1)[:, -kk:].ravel()
            mentor = np.repeat(np.arange(m, dtype=np.int64), kk)
            best.offer(rows[part], mentor, real[part, mentor])
        else:  # only entries above a mentor's current worst kept value can matter
            row, column = _above(real, best.threshold)
            best.offer(rows[row], column, real[row, column])
    found = best.mentee >= 0
    mentor_of = np.broadcast_to(np.arange(m, dtype=np.int64)[:, None], best.mentee.shape)
    return np.concatenate(keys), best.mentee[found] * m + mentor_of[found]


@dataclass(frozen=True)
class Population:
    """The arrays of an `Instance`, plus what the candidate generation found."""

    arrays: dict[str, npt.NDArray[Any]]
    from_mentee_lists: int
    mentors_only_via_own_list: int


def generate(spec: Spec) -> Population:
    """The seeded population and its candidate graph, as instance arrays sorted by pair."""
    rng = np.random.default_rng(spec.seed)
    mentees, mentors = _latent(spec, rng)
    mentor_capacity = rng.integers(1, 6, size=spec.mentors).astype(np.int64)
    from_mentees, from_mentors = _candidate_keys(spec, mentees, mentors)
    keys = np.union1d(from_mentees, from_mentors)
    edge_mentee, edge_mentor = keys // spec.mentors, keys % spec.mentors
    cosine = np.einsum("ij,ij->i", mentees[edge_mentee], mentors[edge_mentor])
    score = np.clip((1.0 + cosine) / 2.0, 1e-6, 1.0)
    noise = np.random.default_rng(spec.seed + 1)
    mentee_pref = score + spec.noise * noise.normal(size=score.size) if spec.noise else score
    mentor_pref = score + spec.noise * noise.normal(size=score.size) if spec.noise else score
    reached = np.unique(from_mentees % spec.mentors).size
    arrays = {
        "mentee_capacity": np.ones(spec.mentees, dtype=np.int64),
        "mentor_capacity": mentor_capacity,
        "edge_mentee": edge_mentee,
        "edge_mentor": edge_mentor,
        "score": score,
        "mentee_pref": mentee_pref,
        "mentor_pref": mentor_pref,
    }
    return Population(
        arrays=arrays,
        from_mentee_lists=int(from_mentees.size),
        mentors_only_via_own_list=spec.mentors - reached,
    )


def _ids(prefix: str, count: int) -> tuple[str, ...]:
    width = len(str(max(count - 1, 0)))
    return tuple(f"{prefix}{i:0{width}d}" for i in range(count))


def load_instance(path: str) -> Instance:
    """The instance saved by the candidate process, with ids a000…/x000… in index order."""
    from tandem.matching.engine.instance import Instance

    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files}
    return Instance(
        mentee_ids=_ids("a", arrays["mentee_capacity"].shape[0]),
        mentor_ids=_ids("x", arrays["mentor_capacity"].shape[0]),
        **arrays,
    )


# --- the solvers, each returning (setup seconds, solve seconds, chosen edge indices) -------

Solved = tuple[float, float, IntArray]


def edge_indices(instance: Instance, mentee: IntArray, mentor: IntArray) -> IntArray:
    """Indices of the (mentee, mentor) pairs among the instance's edges (all must exist)."""
    m = len(instance.mentor_ids)
    keys = instance.edge_mentee * m + instance.edge_mentor
    wanted = mentee.astype(np.int64) * m + mentor.astype(np.int64)
    found = np.searchsorted(keys, wanted)
    if wanted.size and (found.max() >= keys.size or (keys[found] != wanted).any()):
        raise RuntimeError("a solver returned a pair that is not a candidate")
    return np.sort(found)


def solve_engine(instance: Instance, mode: str) -> Solved:
    from tandem.matching.engine import solve

    started = time.perf_counter()
    result = solve(instance, mode=mode)
    return 0.0, time.perf_counter() - started, result.edges


def solve_scipy(instance: Instance) -> Solved:
    """Min-weight full matching: one column per mentor place, one 'unmatched' per mentee."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    if (instance.mentee_capacity != 1).any():
        raise RuntimeError("the scipy reduction here assumes mentee capacity 1")
    started = time.perf_counter()
    n = len(instance.mentee_ids)
    first_slot = np.concatenate([[0], np.cumsum(instance.mentor_capacity)])
    slots = int(first_slot[-1])
    copies = instance.mentor_capacity[instance.edge_mentor]
    edge = np.repeat(np.arange(instance.n_edges), copies)
    offset = np.arange(edge.size) - np.repeat(np.cumsum(copies) - copies, copies)
    rows = np.concatenate([instance.edge_mentee[edge], np.arange(n)])
    cols = np.concatenate([first_slot[instance.edge_mentor[edge]] + offset, slots + np.arange(n)])
    weights = np.concatenate([SCIPY_SHIFT - instance.score[edge], np.full(n, SCIPY_SHIFT)])
    matrix = csr_matrix((weights, (rows, cols)), shape=(n, slots + n))
    built = time.perf_counter()
    row, col = min_weight_full_bipartite_matching(matrix)
    solved = time.perf_counter()
    real = col < slots
    mentor = np.searchsorted(first_slot, col[real], side="right") - 1
    return built - started, solved - built, edge_indices(instance, row[real], mentor)


def _ranked_lists(
    owner: IntArray, other: IntArray, pref: FloatArray, other_ids: tuple[str, ...], n: int
) -> list[list[str]]:
    """Per owner, the other side's ids best first: higher preference, then the lower id."""
    order = np.lexsort((other, -pref, owner))
    names = [other_ids[i] for i in other[order].tolist()]
    bounds = np.searchsorted(owner[order], np.arange(n + 1)).tolist()
    return [names[bounds[i] : bounds[i + 1]] for i in range(n)]


def solve_matching_package(instance: Instance, on_setup: Callable[[float], None]) -> Solved:
    """`HospitalResident`, resident-optimal, in a thread with a deep stack.

    The package deep-copies its players, which point at one another, so the recursion goes
    as deep as the preference graph: past Python's default limit even at 1,000 × 250.
    """
    answer: list[Solved] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            answer.append(_matching_package(instance, on_setup))
        except BaseException as error:
            failure.append(error)

    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 30)
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return answer[0]


def _matching_package(instance: Instance, on_setup: Callable[[float], None]) -> Solved:
    """`HospitalResident`, resident-optimal, on the candidate graph's preference lists."""
    import importlib

    games = importlib.import_module("matching.games")
    started = time.perf_counter()
    n, m = len(instance.mentee_ids), len(instance.mentor_ids)
    mentee_lists = _ranked_lists(
        instance.edge_mentee, instance.edge_mentor, instance.mentee_pref, instance.mentor_ids, n
    )
    mentor_lists = _ranked_lists(
        instance.edge_mentor, instance.edge_mentee, instance.mentor_pref, instance.mentee_ids, m
    )
    residents = dict(zip(instance.mentee_ids, mentee_lists, strict=True))
    hospitals = dict(zip(instance.mentor_ids, mentor_lists, strict=True))
    residents = {a: prefs for a, prefs in residents.items() if prefs}
    hospitals = {x: prefs for x, prefs in hospitals.items() if prefs}
    capacity = dict(zip(instance.mentor_ids, instance.mentor_capacity.tolist(), strict=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = games.HospitalResident.create_from_dictionaries(
            residents, hospitals, {x: capacity[x] for x in hospitals}
        )
        built = time.perf_counter()
        on_setup(built - started)
        answer = game.solve(optimal="resident")
    solved = time.perf_counter()
    pairs = [(int(str(r)[1:]), int(str(h)[1:])) for h, matched in answer.items() for r in matched]
    table = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return built - started, solved - built, edge_indices(instance, table[:, 0], table[:, 1])


def solve_greedy(instance: Instance) -> Solved:
    """Pairs by score, best first (ties: lower mentee, then lower mentor), while room remains."""
    started = time.perf_counter()
    order = np.lexsort((instance.edge_mentor, instance.edge_mentee, -instance.score))
    room_mentee = instance.mentee_capacity.tolist()
    room_mentor = instance.mentor_capacity.tolist()
    chosen = []
    for e, a, x in zip(
        order.tolist(),
        instance.edge_mentee[order].tolist(),
        instance.edge_mentor[order].tolist(),
        strict=True,
    ):
        if room_mentee[a] and room_mentor[x]:
            room_mentee[a] -= 1
            room_mentor[x] -= 1
            chosen.append(e)
    edges = np.sort(np.array(chosen, dtype=np.int64))
    return 0.0, time.perf_counter() - started, edges


def run_solver(name: str, instance: Instance, on_setup: Callable[[float], None]) -> Solved:
    if name in ("optimal", "stable", "max-matched"):
        return solve_engine(instance, name)
    if name == "scipy":
        return solve_scipy(instance)
    if name == "matching":
        return solve_matching_package(instance, on_setup)
    if name == "greedy":
        return solve_greedy(instance)
    raise ValueError(f"unknown solver {name!r}")


# --- child processes ------------------------------------------------------------------------


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss where /proc is missing)."""
    with contextlib.suppress(OSError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def within_capacities(instance: Instance, edges: IntArray) -> bool:
    per_mentee = np.bincount(instance.edge_mentee[edges], minlength=len(instance.mentee_ids))
    per_mentor = np.bincount(instance.edge_mentor[edges], minlength=len(instance.mentor_ids))
    return bool(
        (per_mentee <= instance.mentee_capacity).all()
        and (per_mentor <= instance.mentor_capacity).all()
        and np.unique(edges).size == edges.size
    )


def _child(conn: Connection, job: str, spec: Spec, path: str) -> None:
    """Entry point of a spawned process: generate the candidates, or run one solver."""
    try:
        if job == "candidates":
            started = time.perf_counter()
            population = generate(spec)
            seconds = time.perf_counter() - started
            np.savez(path, **population.arrays)  # type: ignore[arg-type]
            conn.send(
                ("done", {
                    "seconds": seconds,
                    "peak_mb": peak_mb(),
                    "edges": int(population.arrays["score"].size),
                    "from_mentee_lists": population.from_mentee_lists,
                    "mentors_only_via_own_list": population.mentors_only_via_own_list,
                    "places": int(population.arrays["mentor_capacity"].sum()),
                })
            )  # fmt: skip
            return
        from tandem.matching.engine.stability import blocking_pairs

        instance = load_instance(path)
        setup, seconds, edges = run_solver(job, instance, lambda s: conn.send(("setup", s)))
        peak = peak_mb()
        conn.send(
            ("done", {
                "setup": setup,
                "seconds": seconds,
                "peak_mb": peak,
                "edges": edges,
                "blocking": blocking_pairs(instance, edges),
                "feasible": within_capacities(instance, edges),
            })
        )  # fmt: skip
    except Exception as error:  # report it to the parent instead of a silent death
        conn.send(("error", f"{type(error).__name__}: {error}"))


@dataclass
class Outcome:
    """What one child reported: 'done' with figures, or 'timeout' / 'error' / 'skipped'."""

    status: str
    figures: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def in_child(job: str, spec: Spec, path: str, timeout: float) -> Outcome:
    """Run `job` in a fresh spawned process, stopping it after `timeout` seconds."""
    context = mp.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, job, spec, path), daemon=True)
    deadline = time.perf_counter() + timeout
    process.start()
    sender.close()
    setup: float | None = None
    try:
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or not receiver.poll(left):
                built = f" (setup took {setup:.1f} s)" if setup is not None else ""
                return Outcome("timeout", note=f"did not finish in {timeout:.0f} s{built}")
            kind, payload = receiver.recv()
            if kind == "setup":
                setup = payload
            elif kind == "done":
                return Outcome("done", payload)
            else:
                return Outcome("error", note=str(payload))
    except EOFError:
        return Outcome("error", note=f"the process died (exit code {process.exitcode})")
    finally:
        if process.is_alive():
            process.terminate()
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        receiver.close()


def repeated(job: str, spec: Spec, path: str, timeout: float, repeat: int) -> Outcome:
    """Median times and largest peak over `repeat` runs; the first run's answer."""
    runs: list[Outcome] = []
    for _ in range(repeat):
        outcome = in_child(job, spec, path, timeout)
        if outcome.status != "done":
            return outcome
        runs.append(outcome)
    figures = dict(runs[0].figures)
    figures["setup"] = statistics.median(r.figures["setup"] for r in runs)
    figures["seconds"] = statistics.median(r.figures["seconds"] for r in runs)
    figures["peak_mb"] = max(r.figures["peak_mb"] for r in runs)
    return Outcome("done", figures)


# --- the report -------------------------------------------------------------------------------

HEADER = (
    f"{'solver':<20} {'setup s':>8} {'solve s':>8} {'peak MB':>8} {'matched %':>9} "
    f"{'total score':>14} {'vs optimal':>11} {'blocking':>9}"
)


def _row(name: str, outcome: Outcome, spec: Spec, scores: FloatArray, best: float | None) -> str:
    label = LABELS[name]
    if outcome.status != "done":
        return f"{label:<20} {outcome.note}"
    f = outcome.figures
    edges = f["edges"]
    total = float(scores[edges].sum())
    versus = f"{(total - best) / best:+11.2e}" if best else f"{'—':>11}"
    return (
        f"{label:<20} {f['setup']:>8.2f} {f['seconds']:>8.2f} {f['peak_mb']:>8,.0f} "
        f"{100 * edges.size / spec.mentees:>9.2f} {total:>14,.6f} {versus} "
        f"{f['blocking']:>9,}"
    )


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def _checks(done: dict[str, dict[str, Any]], scores: FloatArray, noise: float) -> list[str]:
    def total(name: str) -> float:
        return float(scores[done[name]["edges"]].sum())

    lines = []
    if "optimal" in done and "scipy" in done:
        rel = abs(total("optimal") - total("scipy")) / max(abs(total("scipy")), 1e-300)
        lines.append(
            f"optimal total = scipy total (1e-9 relative): {_yes(rel <= 1e-9)} ({rel:.1e})"
        )
    if "optimal" in done and "greedy" in done:
        lines.append(f"optimal total ≥ greedy total: {_yes(total('optimal') >= total('greedy'))}")
    if "stable" in done:
        lines.append(f"engine stable has 0 blocking pairs: {_yes(done['stable']['blocking'] == 0)}")
    if "stable" in done and "matching" in done:
        same = np.array_equal(done["stable"]["edges"], done["matching"]["edges"])
        lines.append(f"engine stable = matching package, same matching: {_yes(same)}")
    if "stable" in done and "greedy" in done and noise == 0:
        same = np.array_equal(done["stable"]["edges"], done["greedy"]["edges"])
        lines.append(f"engine stable = greedy (one stable matching with equal prefs): {_yes(same)}")
    if "max-matched" in done and "optimal" in done:
        more = done["max-matched"]["edges"].size >= done["optimal"]["edges"].size
        lines.append(f"max-matched matches at least as many as optimal: {_yes(more)}")
    feasible = all(figures["feasible"] for figures in done.values())
    lines.append(f"every answer within capacities: {_yes(feasible)}")
    return lines


def _times(ratio: float) -> str:
    """'N× faster', or 'N× slower' when the ratio is below one."""
    if ratio < 1:
        return f"{1 / ratio:,.1f}× slower"
    return f"{ratio:,.1f}× faster" if ratio < 10 else f"{ratio:,.0f}× faster"


def _ratios(done: dict[str, dict[str, Any]], scores: FloatArray) -> list[str]:
    lines = []
    if "stable" in done and "matching" in done:
        ours = done["stable"]["seconds"]
        theirs = done["matching"]
        lines.append(
            f"engine stable vs matching package: {_times(theirs['seconds'] / ours)} "
            f"({_times((theirs['setup'] + theirs['seconds']) / ours)} counting the package's setup)"
        )
    if "optimal" in done and "greedy" in done:
        best = float(scores[done["optimal"]["edges"]].sum())
        greedy = float(scores[done["greedy"]["edges"]].sum())
        lines.append(f"optimal vs greedy total: {100 * (best - greedy) / greedy:+.3f} %")
    if "optimal" in done and "scipy" in done:
        ratio = done["scipy"]["seconds"] / done["optimal"]["seconds"]
        lines.append(f"engine optimal vs scipy: {_times(ratio)} (solve)")
    return lines


# --- driver ---------------------------------------------------------------------------------


def _size(text: str) -> tuple[int, int]:
    mentees, _, mentors = text.lower().partition("x")
    return int(mentees.replace("_", "")), int(mentors.replace("_", ""))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", help="comma-separated NxM, e.g. 1000x250,100000x20000")
    parser.add_argument("--k", type=int, default=20, help="candidate mentors per mentee")
    parser.add_argument("--k-mentor", type=int, default=5, help="candidate mentees per mentor")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--noise", type=float, default=0.0, help="preference noise per side")
    parser.add_argument("--repeat", type=int, default=1, help="runs per solver (median)")
    parser.add_argument("--solvers", default=",".join(SOLVERS))
    parser.add_argument("--matching-timeout", type=float, default=120.0)
    parser.add_argument("--scipy-timeout", type=float, default=600.0)
    parser.add_argument(
        "--scipy-max-entries",
        type=int,
        default=20_000_000,
        help="skip scipy when the slot-replicated matrix would hold more entries",
    )
    parser.add_argument("--timeout", type=float, default=1800.0, help="any other process")
    parser.add_argument("--quick", action="store_true", help="small sizes, short bounds")
    parser.add_argument(
        "--no-end-to-end",
        action="store_true",
        help="skip the M1 run from feature arrays (bench/bulk.py) after the largest size",
    )
    args = parser.parse_args()
    if args.quick:
        args.sizes = args.sizes or ",".join(f"{n}x{m}" for n, m in QUICK_LADDER)
        args.matching_timeout = min(args.matching_timeout, 20.0)
    ladder = [_size(s) for s in args.sizes.split(",")] if args.sizes else list(FULL_LADDER)
    args.ladder = ladder
    args.solver_list = [s for s in args.solvers.split(",") if s]
    unknown = set(args.solver_list) - set(SOLVERS)
    if unknown:
        parser.error(f"unknown solvers: {', '.join(sorted(unknown))}")
    return args


def bench_size(spec: Spec, args: argparse.Namespace, workdir: Path) -> None:
    path = str(workdir / f"instance-{spec.mentees}x{spec.mentors}.npz")
    print(f"== {spec.title}")
    made = in_child("candidates", spec, path, args.timeout)
    if made.status != "done":
        print(f"candidate generation failed: {made.note}\n")
        return
    c = made.figures
    added = c["edges"] - c["from_mentee_lists"]
    print(
        f"candidates: {c['edges']:,} pairs (top-{spec.k} per mentee, plus {added:,} more from the "
        f"mentors' top-{spec.k_mentor}); mentors on no mentee's list (only on their own): "
        f"{c['mentors_only_via_own_list']:,}"
    )
    print(
        f"mentor places: {c['places']:,} (at most {100 * min(1, c['places'] / spec.mentees):.1f} "
        f"% of mentees can be matched)"
    )
    print(f"candidate generation: {c['seconds']:.2f} s, peak {c['peak_mb']:,.0f} MB")
    with np.load(path) as data:
        scores = data["score"]
        entries = int(data["mentor_capacity"][data["edge_mentor"]].sum()) + spec.mentees
    outcomes: dict[str, Outcome] = {}
    for name in args.solver_list:
        if name == "scipy" and entries > args.scipy_max_entries:
            outcomes[name] = Outcome(
                "skipped",
                note=f"skipped (too large: {entries:,} > {args.scipy_max_entries:,} entries)",
            )
            continue
        timeout = {"matching": args.matching_timeout, "scipy": args.scipy_timeout}
        outcomes[name] = repeated(name, spec, path, timeout.get(name, args.timeout), args.repeat)
    done = {name: o.figures for name, o in outcomes.items() if o.status == "done"}
    best = float(scores[done["optimal"]["edges"]].sum()) if "optimal" in done else None
    print()
    print(HEADER)
    for name, outcome in outcomes.items():
        print(_row(name, outcome, spec, scores, best))
    print()
    for line in _checks(done, scores, spec.noise) + _ratios(done, scores):
        print(f"  {line}")
    print(flush=True)


def main() -> None:
    args = parse_args()
    started = time.perf_counter()
    print(
        f"bench/matching.py: seed {args.seed}, k {args.k} per mentee + {args.k_mentor} per "
        f"mentor, noise {args.noise}, {args.repeat} run(s) per solver, "
        f"matching package bound {args.matching_timeout:.0f} s"
    )
    packages = ", ".join(
        f"{name} {version(name)}" for name in ("numpy", "scipy", "ortools", "matching")
    )
    print(f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {packages}")
    print(flush=True)
    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as workdir:
        for mentees, mentors in args.ladder:
            spec = Spec(mentees, mentors, args.k, args.k_mentor, args.seed, args.noise)
            bench_size(spec, args, Path(workdir))
    if not args.no_end_to_end and (100_000, 20_000) in args.ladder:
        # M1 is measured from the engine's own feature arrays, through its candidate generation.
        print("== end to end from feature arrays (bench/bulk.py, TARGETS.md M1)", flush=True)
        bulk = Path(__file__).resolve().parent / "bulk.py"
        subprocess.run([sys.executable, str(bulk), "--repeat", "1"], check=False)  # noqa: S603
    print(f"total wall time: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
