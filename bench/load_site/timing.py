"""Where a request's time went, inside gunicorn: one line per request (bench/load.py reads them).

The client's time for a slow request is the sum of: waiting for a free worker (before Django
sees it), this process's CPU, the database, and waiting for a core (or for the GIL, held by a
background build of the mentor index in the same process), and the client getting round to
reading the answer. The middleware writes the middle ones and when the request ended; the
bench (load_site/tail.py) puts them against when locust started and finished it.

Each line is JSON: when the request ended (epoch seconds), the process, the path, the status,
wall, CPU (this thread's) and database milliseconds, the query count, what the mentor index
did in this process during the request (rows patched in, a background build under way), when
gunicorn had the request parsed and when this worker was done with the one before (its hooks,
load_site/gunicorn_bench.py), and the milliseconds the cycle collector ran between the two
requests and during this one.
"""

from __future__ import annotations

import gc
import json
import os
import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse

_LOG = os.environ.get("TANDEM_BENCH_REQUEST_LOG", "")


class _Worker:
    """What this process's gunicorn hooks and the cycle collector said (one request at a time:
    sync workers)."""

    took = 0.0  # epoch seconds gunicorn had the current request parsed
    done = 0.0  # epoch seconds this worker was done with the previous one
    gc_ms = 0.0  # collector time since last read
    gc_started = 0.0


def gunicorn_took() -> None:
    _Worker.took = time.time()


def gunicorn_done() -> None:
    _Worker.done = time.time()


def _collector(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _Worker.gc_started = time.perf_counter()
    elif _Worker.gc_started:
        _Worker.gc_ms += (time.perf_counter() - _Worker.gc_started) * 1000


def _gc_read() -> float:
    spent, _Worker.gc_ms = _Worker.gc_ms, 0.0
    return spent


class _Database:
    """Time spent in the database, as Django's `execute_wrapper` sees each query."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute: Callable[..., Any], *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(*args)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def _index_state() -> tuple[int, bool]:
    """(rows patched since the last full build, a background build running) in this process."""
    from tandem.matching.index import current

    return current._current.patched, current._current.rebuilding


class RequestClock:
    """The outermost middleware of the bench's site: times everything Django does."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._out = open(_LOG, "a", buffering=1) if _LOG else None  # noqa: SIM115 - per process
        if self._out is not None:
            gc.callbacks.append(_collector)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._out is None:
            return self.get_response(request)
        patched, rebuilding = _index_state()
        gc_before = _gc_read()
        database = _Database()
        wall, cpu = time.perf_counter(), time.thread_time()
        with connection.execute_wrapper(database):
            response = self.get_response(request)
        wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
        patched_after, rebuilding_after = _index_state()
        line = [
            round(time.time(), 4), os.getpid(), request.method, request.path,
            response.status_code, round(wall * 1000, 2), round(cpu * 1000, 2),
            round(database.seconds * 1000, 2), database.queries,
            max(patched_after - patched, 0), rebuilding or rebuilding_after,
            round(_Worker.took, 4), round(_Worker.done, 4), round(gc_before, 2),
            round(_gc_read(), 2),
        ]  # fmt: skip
        self._out.write(json.dumps(line) + "\n")
        return response
