"""Pool matching (peer programs, coffee rounds): one pool of people matched to itself.

    .venv/bin/python bench/pool_match.py [--people 10000] [--k 20] [--seed 2026]
        [--ladder 1000,2000,4000] [--optimum] [--networkx 1000]

A seeded synthetic pool: each person a 16-dimensional latent vector around 8 cluster centres
(clusters of different sizes); a pair's score is 100 · (1 + cosine) / 2, rounded to 0.001.
Candidate pairs are each person's k best others (a coffee round's short list), made
symmetric and deduplicated. Everything runs in this one process.

Prints:
1. the exact blossom solve (`pool_match` with no size limit) on a ladder of smaller pools,
   to show how its time grows;
2. `pool_match` with its default limit on the full pool: seconds, pairs, matched %, exact or
   the gap to its bound, the quality figures, and a greedy matching's total (pairs best first
   while both people are free) as a ratio to it; with --optimum also the exact solve on the
   full pool (about a minute at 10,000) and the default run's total as a share of it;
3. networkx's `max_weight_matching` (pure Python) against the exact solve on one pool of
   --networkx people: both seconds, the ratio, and whether the totals agree.
Wall-clock times on a shared machine; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tandem.matching.engine import pool_match, pool_quality  # noqa: E402

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
DIMS = 16
CLUSTERS = 8
CHUNK = 2048  # rows of the similarity matrix held at once
NO_LIMIT = 10**12


def pool(people: int, k: int, seed: int) -> tuple[IntArray, IntArray, FloatArray]:
    """(i, j, score) with i < j: each person's k best others by cosine, symmetric."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(CLUSTERS, DIMS))
    cluster = rng.choice(CLUSTERS, size=people, p=rng.dirichlet(np.ones(CLUSTERS)))
    vectors = centres[cluster] + rng.normal(size=(people, DIMS))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors32 = vectors.astype(np.float32)
    keys = []
    for start in range(0, people, CHUNK):
        rows = np.arange(start, min(start + CHUNK, people))
        sims = vectors32[rows] @ vectors32.T
        sims[np.arange(rows.size), rows] = -np.inf
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        a, b = np.repeat(rows, k), top.ravel()
        keys.append(np.minimum(a, b) * people + np.maximum(a, b))
    unique = np.unique(np.concatenate(keys))
    i, j = unique // people, unique % people
    cosine = np.einsum("ij,ij->i", vectors[i], vectors[j])
    return i.astype(np.int64), j.astype(np.int64), np.round(50.0 * (1.0 + cosine), 3)


def greedy_total(people: int, i: IntArray, j: IntArray, score: FloatArray) -> float:
    """Pairs best first while both people are free."""
    free = np.ones(people, dtype=bool)
    total = 0.0
    order = np.argsort(-score, kind="stable")
    for a, b, s in zip(i[order].tolist(), j[order].tolist(), score[order].tolist(), strict=True):
        if free[a] and free[b]:
            free[a] = free[b] = False
            total += s
    return total


def ladder(sizes: list[int], k: int, seed: int) -> None:
    print("exact blossom (rustworkx), no size limit:")
    print(f"{'people':>8} {'pairs':>9} {'seconds':>9} {'total':>14}")
    for people in sizes:
        i, j, score = pool(people, k, seed)
        result = pool_match(people, i, j, score, exact_limit=NO_LIMIT)
        print(f"{people:>8,} {i.size:>9,} {result.seconds:>9.2f} {result.total:>14,.3f}")
    print(flush=True)


def full_pool(people: int, k: int, seed: int, optimum: bool) -> None:
    started = time.perf_counter()
    i, j, score = pool(people, k, seed)
    print(
        f"pool: {people:,} people, {i.size:,} candidate pairs (top {k} each, symmetric), "
        f"built in {time.perf_counter() - started:.2f} s"
    )
    result = pool_match(people, i, j, score)
    quality = pool_quality(result, people)
    print(
        f"pool_match (default limit): {result.seconds:.2f} s, {quality.pairs:,} pairs, "
        f"matched {quality.matched_percent:.2f} %, exact {result.exact}, "
        f"total {result.total:,.3f}, bound {result.upper_bound:,.3f}, "
        f"gap {result.gap_percent:.4f} %"
    )
    print(
        f"  mean {quality.mean_score:.2f}  min {quality.min_score:.2f}  "
        f"p10 {quality.p10_score:.2f}  unused places {quality.unused_places:,}"
    )
    started = time.perf_counter()
    greedy = greedy_total(people, i, j, score)
    print(
        f"greedy: {time.perf_counter() - started:.2f} s, total {greedy:,.3f} = "
        f"{greedy / result.total:.5f} × pool_match's ({100 * (greedy / result.total - 1):+.3f} %)"
    )
    if optimum:
        best = pool_match(people, i, j, score, exact_limit=NO_LIMIT)
        print(
            f"exact blossom on the whole pool: {best.seconds:.2f} s, total {best.total:,.3f}; "
            f"pool_match reached {result.total / best.total:.6f} of it "
            f"({100 * (result.total / best.total - 1):+.4f} %), greedy "
            f"{100 * (greedy / best.total - 1):+.3f} %; the bound is "
            f"{100 * (result.upper_bound / best.total - 1):+.4f} % above it"
        )
    print(flush=True)


def against_networkx(people: int, k: int, seed: int) -> None:
    import networkx as nx

    i, j, score = pool(people, k, seed)
    result = pool_match(people, i, j, score, exact_limit=NO_LIMIT)
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(i.tolist(), j.tolist(), score.tolist(), strict=True))
    started = time.perf_counter()
    matching = nx.max_weight_matching(graph)
    seconds = time.perf_counter() - started
    total = sum(graph[a][b]["weight"] for a, b in matching)
    print(f"networkx vs rustworkx, {people:,} people, {i.size:,} candidate pairs:")
    print(
        f"  networkx {seconds:.2f} s, pool_match (exact) {result.seconds:.2f} s: "
        f"{seconds / result.seconds:.0f}× faster; totals {total:,.3f} and "
        f"{result.total:,.3f} (equal: {abs(total - result.total) < 1e-6})"
    )
    print(flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--k", type=int, default=20, help="candidates per person")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--ladder", default="1000,2000,4000", help="sizes for the exact ladder")
    parser.add_argument("--optimum", action="store_true", help="also solve the full pool exactly")
    parser.add_argument("--networkx", type=int, default=1_000, help="people for the comparison")
    args = parser.parse_args()
    packages = ", ".join(
        f"{name} {version(name)}" for name in ("numpy", "rustworkx", "ortools", "networkx")
    )
    print(f"bench/pool_match.py: seed {args.seed}, top {args.k} per person")
    print(f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {packages}")
    print(flush=True)
    sizes = [int(s) for s in args.ladder.split(",") if s]
    if sizes:
        ladder(sizes, args.k, args.seed)
    full_pool(args.people, args.k, args.seed, args.optimum)
    if args.networkx:
        against_networkx(args.networkx, args.k, args.seed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
