"""Where the slowest requests' time went: locust's view of each request paired with the server's
own line for it (load_site/timing.py), so a slow request's time splits into waiting for a free
worker, CPU, the database, waiting for a core (or the GIL: a background index build in the same
worker), and the client getting round to reading the answer.

A client request is paired with the server line of the same path that ended closest before it
did (and not before it started); each server line pairs once.
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

SLOWEST_SHARE = 0.05  # the slowest 5 %: what makes the p95
ACCEPT_NEAR = 1.0  # seconds: a slow request this close after an accept counts as near one
PARTS = (
    "before gunicorn had it",
    "gunicorn to Django",
    "CPU",
    "database",
    "waiting for a core or the GIL",
    "after Django (the client reading)",
)


@dataclass(frozen=True)
class Served:
    """One request as the server saw it."""

    ended: float
    pid: int
    method: str
    path: str
    wall: float
    cpu: float
    db: float
    queries: int
    patched: int
    rebuilding: bool
    took: float  # epoch seconds gunicorn had it parsed
    before_done: float  # epoch seconds the worker was done with the one before
    gc_before: float  # ms the cycle collector ran since the one before
    gc_during: float

    @property
    def started(self) -> float:
        """When Django (the outermost middleware) started on it."""
        return self.ended - self.wall / 1000


def served_read(log: Path) -> list[Served]:
    if not log.exists():
        return []
    rows = []
    for line in log.read_text().splitlines():
        ended, pid, method, path, _status, *rest = json.loads(line)
        rows.append(Served(ended, pid, method, path, *rest))
    return rows


def _busy(served: list[Served]) -> list[tuple[float, float]]:
    """Each request's worker busy from gunicorn having it until done with it (the next
    request's `before_done` in the same worker; its Django end for a worker's last)."""
    spans = []
    by_worker: dict[int, list[Served]] = defaultdict(list)
    for row in sorted(served, key=lambda s: s.ended):
        by_worker[row.pid].append(row)
    for rows in by_worker.values():
        for row, after in zip(rows, [*rows[1:], None], strict=True):
            done = after.before_done if after is not None else row.ended
            spans.append((row.took or row.started, max(done, row.ended)))
    return spans


def _pair(timings: list[Any], served: list[Served]) -> list[tuple[Any, Served]]:
    by_path: dict[str, list[Served]] = defaultdict(list)
    for row in sorted(served, key=lambda s: s.ended):
        by_path[row.path].append(row)
    ends = {path: [s.ended for s in rows] for path, rows in by_path.items()}
    used: set[int] = set()
    pairs = []
    for timing in timings:
        _page, ms, _ok, _status, ended, path = timing
        rows, times = by_path.get(path, []), ends.get(path, [])
        at = bisect.bisect_right(times, ended + 0.005) - 1  # clocks read a little apart
        while at >= 0 and (id(rows[at]) in used):
            at -= 1
        if at >= 0 and rows[at].ended >= ended - ms / 1000 - 0.005:
            used.add(id(rows[at]))
            pairs.append((timing, rows[at]))
    return pairs


def _parts(timing: Any, server: Served) -> tuple[float, ...]:
    """The client's time in PARTS. Both clocks are this machine's, so the time before Django
    (gunicorn's queue: every worker busy, or the worker waiting for a core) and after it (the
    answer's way back, and locust itself, on the same cores, getting round to reading it) can
    be told apart."""
    _page, ms, _ok, _status, ended, _path = timing
    started = ended - ms / 1000
    took = server.took or server.started
    before = max((took - started) * 1000, 0.0)
    parsed = max((server.started - took) * 1000, 0.0)
    after = max((ended - server.ended) * 1000, 0.0)
    other = max(server.wall - server.cpu - server.db, 0.0)
    return before, parsed, server.cpu, server.db, other, after


def _in_flight(busy: list[tuple[float, float]], moment: float) -> int:
    """How many workers were busy with a request at `moment`: as many as there are workers
    means a request arriving then queued for one; fewer, and its wait before gunicorn had it
    was for a core (the worker not scheduled), not for a worker."""
    return sum(took < moment < done for took, done in busy)


def _percentiles(values: list[float], which: list[int]) -> str:
    return " / ".join(f"{v:.1f}" for v in np.percentile(values, which))


def tail_print(title: str, timings: list[Any], served: list[Served]) -> None:
    """The slowest SLOWEST_SHARE of `timings`, their time split by where it went."""
    pairs = _pair(timings, served)
    if not pairs:
        print(f"\n{title}: no request could be paired with the server's log")
        return
    threshold = float(np.percentile([t[1] for t, _ in pairs], 100 * (1 - SLOWEST_SHARE)))
    slow = [(t, s) for t, s in pairs if t[1] >= threshold]
    parts = np.array([_parts(t, s) for t, s in slow])
    mostly = np.bincount(parts.argmax(axis=1), minlength=len(PARTS))
    accepts = sorted(s.ended for s in served if s.method == "POST" and "/accept/" in s.path)
    near = sum(
        any(0 <= t[4] - a <= ACCEPT_NEAR + t[1] / 1000 for a in accepts) for t, _ in slow
    )  # fmt: skip
    workers = len({s.pid for s in served})
    spans = _busy(served)
    busy = sum(_in_flight(spans, t[4] - t[1] / 1000) >= workers for t, _ in slow)
    collected = sum(s.gc_before + s.gc_during >= 10 for _, s in slow)
    wall = _percentiles([s.wall for _, s in pairs], [50, 95, 99])
    cpu = _percentiles([s.cpu for _, s in pairs], [50, 95])
    print(
        f"\n{title}: {len(pairs)} of {len(timings)} requests paired with the server's log; "
        f"server wall p50/p95/p99 {wall} ms, server CPU p50/p95 {cpu} ms"
    )
    print(f"  the slowest {SLOWEST_SHARE:.0%} ({len(slow)}, ≥ {threshold:.0f} ms), mean ms: "
          + " | ".join(f"{name} {value:.1f}" for name, value in zip(PARTS, parts.mean(axis=0),
                                                                   strict=True)))  # fmt: skip
    print("  most of each went to: "
          + ", ".join(f"{name} ×{n}" for name, n in zip(PARTS, mostly, strict=True)))  # fmt: skip
    print(
        f"  with index rows patched in: {sum(s.patched > 0 for _, s in slow)}; during a background "
        f"index build in the same worker: {sum(s.rebuilding for _, s in slow)}; within "
        f"{ACCEPT_NEAR:g} s after an accept: {near} (accepts in the log: {len(accepts)}); "
        f"every one of the {workers} workers busy when it arrived: {busy}; the cycle collector "
        f"10 ms or more in that worker since its request before: {collected}"
    )
