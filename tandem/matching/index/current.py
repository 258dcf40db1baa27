"""The mentor index this process uses, kept current without a full build in a request.

Each use runs one indexed query: the profiles whose `updated_at` moved since the newest stamp
seen. Mentors (and rows) whose stamp differs from the one their row was encoded with are
re-encoded and patched into a new index (`patch.py`), swapped in under the lock; requests
already holding the old one finish with it. Full builds happen at worker start (gunicorn's
`post_worker_init` warms the index) and in a background thread when patches pile up, when a
mentor offers a skill the vocabulary has no code for, and every REBUILD_EVERY, while requests
keep using the index they have. Only the first use in a process nobody warmed (runserver, a
command, a test) builds it in place.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from django.db import connections
from django.db.models import DateTimeField
from django.utils import timezone

from tandem.core.compiled import Slot, compiled, run, sql_of
from tandem.matching.encode import MentorIndex
from tandem.matching.index import build
from tandem.matching.index.patch import mentor_index_patch
from tandem.profiles.models import Profile

logger = logging.getLogger(__name__)

# A transaction stamps its rows when it writes them, but they are seen only once it commits: one
# committing after a later-stamped one would sit behind the newest stamp seen. Looking back a
# few seconds past that stamp picks such rows up (and covers clocks a little apart between web
# machines); rows seen already are told apart by their stamp, so looking twice costs nothing.
MARGIN = timedelta(seconds=3)
REBUILD_SHARE = 0.10  # patched rows, as a share of the index, that call for a full build
REBUILD_FLOOR = 200  # ...but never fewer: a small site patches on for ever at no cost
# What stamps cannot tell is caught by a periodic build: a profile deleted outright, an account
# switched off in the admin, a write stamped more than MARGIN before it committed, the idf
# drifting as mentors edit their words, and DST moving someone's offset.
REBUILD_EVERY = 600.0  # seconds
# Workers start together; each stretches the period by its own factor so their builds (seconds
# of CPU each, sharing a core with the worker's requests) drift apart instead of coinciding.
_SPREAD = random.uniform(0.8, 1.2)  # noqa: S311 (not a secret)
RETRY_AFTER = 60.0  # seconds between tries once a build failed (the database away, say)
# Where a full build ran, as its log line says.
WHERE_AT_START = "at start"
WHERE_BACKGROUND = "in the background"
WHERE_IN_PLACE = "in place (inside a request or a command)"

Job = Callable[[], None]


def _in_thread(job: Job) -> None:
    def run() -> None:
        try:
            job()
        finally:
            connections.close_all()  # this thread's own connections only

    threading.Thread(target=run, name="mentor-index-build", daemon=True).start()


background: Callable[[Job], None] = _in_thread  # tests run builds in place (conftest.py)


@dataclass
class _Current:
    index: MentorIndex | None = None
    since: datetime | None = None  # the newest stamp seen, never ahead of the clock
    window: dict[int, datetime] = field(default_factory=dict)  # what the last look returned
    patched: int = 0  # rows patched since the last full build
    built: float = 0.0  # time.monotonic() of the last full build
    rebuilding: bool = False
    retry_at: float = 0.0  # time.monotonic() before which a failed build is not tried again
    generation: int = 0  # bumped by a clear: a build started before it is thrown away


_current = _Current()
_lock = threading.Lock()


def mentor_index() -> MentorIndex:
    """The process's index of listed mentors, up to date: one query when nothing changed, a
    few more when some mentor did; never a full build once the process is warm."""
    with _lock:
        if _current.index is None:
            _build_in_place(WHERE_IN_PLACE)
        rebuild = _catch_up()
        index = _current.index
        assert index is not None
    if rebuild:
        _rebuild_start()
    return index


def mentor_index_warm() -> None:
    """Build the index before the process takes requests (gunicorn's post_worker_init)."""
    with _lock:
        if _current.index is None:
            _build_in_place(WHERE_AT_START)


def mentor_index_clear() -> None:
    """Forget the index (tests: rows rolled back leave no stamp behind)."""
    global _current
    with _lock:
        _current = _Current(generation=_current.generation + 1)


def _build_in_place(where: str) -> None:
    started = timezone.now()  # before the first query: later changes are looked at again
    clock = time.monotonic()
    _install(build.mentor_index_build(now=started), started=started)
    _built_log(where, clock)


def _built_log(where: str, clock: float) -> None:
    """One line a full build: how long it took and where it ran. A build inside a request or
    a command is a warning on a web process, which should have been warmed at start (it is
    what every process does once outside gunicorn: runserver, a command, a test);
    bench/load.py counts these lines."""
    index = _current.index
    size = len(index) if index is not None else 0
    level = logging.WARNING if where == WHERE_IN_PLACE else logging.INFO
    seconds = time.monotonic() - clock
    logger.log(level, "Mentor index of %d built in %.2f s %s", size, seconds, where)


def _install(index: MentorIndex, *, started: datetime) -> None:
    """Swap in a full build: changes from `started` on are looked at again."""
    _current.index, _current.since, _current.window = index, started, {}
    _current.patched, _current.built = 0, time.monotonic()


def _catch_up() -> bool:
    """Patch in the mentors changed since the last look (under the lock); whether a full
    build is due."""
    current, index, since = _current, _current.index, _current.since
    assert index is not None
    assert since is not None
    looked = timezone.now()
    recent, mentors = {}, set()
    for pk, stamp, is_mentor in run(
        compiled("mentor-index-look", "", _look_sql), {"since": since - MARGIN}
    ):
        recent[pk] = _moment(stamp)
        if is_mentor:
            mentors.add(pk)
    # A profile with no row that is no mentor (a mentee editing their goals) needs no look.
    changed = {
        pk: stamp
        for pk, stamp in recent.items()
        if current.window.get(pk) != stamp
        and index.stamps.get(pk) != stamp
        and (pk in mentors or pk in index.rows)
    }
    current.window = recent
    if recent:
        # A stamp ahead of the clock (a skewed machine) must not hide later changes.
        current.since = max(since, min(max(recent.values()), looked))
    most = max(REBUILD_SHARE * len(index), REBUILD_FLOOR)
    if len(changed) > most:
        # Too many to patch in a request (an import, say): a full build, started after this
        # look, holds them all; until it lands the index is a little behind.
        return True
    lacking = False
    if changed:
        patched = mentor_index_patch(index, changed, now=looked)
        current.index, current.patched = patched.index, current.patched + patched.rows
        lacking = patched.lacking
    aged = time.monotonic() - current.built > REBUILD_EVERY * _SPREAD
    return lacking or aged or current.patched > most


SINCE = Slot("since", DateTimeField())


def _look_sql() -> tuple[str, Sequence[Any]]:
    """The profiles changed since a moment: on every use of the index, so its SQL is
    compiled once per process (`tandem.core.compiled`)."""
    looks = Profile.objects.filter(updated_at__gte=SINCE)
    return sql_of(looks.values_list("id", "updated_at", "is_mentor"))


def _moment(value: datetime | str) -> datetime:
    """A stamp as the ORM reads it: aware (SQLite gives it naive, in UTC, or as that text)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _rebuild_start() -> None:
    with _lock:
        if _current.rebuilding or time.monotonic() < _current.retry_at:
            return
        _current.rebuilding = True
        generation = _current.generation
    background(partial(_rebuild, generation))


def _rebuild(generation: int) -> None:
    """A full build, off the request path; swapped in when done."""
    started, clock = timezone.now(), time.monotonic()
    try:
        fresh = build.mentor_index_build(now=started)
    except Exception:
        logger.exception("Building the mentor index failed; the one in use stays")
        with _lock:
            if generation == _current.generation:
                _current.rebuilding = False
                _current.retry_at = time.monotonic() + RETRY_AFTER
                # What made this build wanted is looked at again on the next use.
                if _current.since is not None:
                    _current.since = min(_current.since, started)
                    _current.window = {}
        return
    with _lock:
        if generation == _current.generation:
            _install(fresh, started=started)
            _current.rebuilding = False
            _built_log(WHERE_BACKGROUND, clock)
