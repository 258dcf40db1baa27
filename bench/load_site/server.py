"""The scratch side of a load run: its PostgreSQL database, the environment Tandem runs in,
gunicorn, and the CPU the server's processes spend.

Everything listens on and talks to 127.0.0.1 only; `cleanup` stops gunicorn, drops the
database and forgets the run's cache keys, whatever happened before.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import psutil
import psycopg

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Where a full build of the mentor index ran, as its log line ends (matching/index/current.py's
# WHERE_…; not imported: that module needs Django set up, the bench's own process has not).
INDEX_BUILT = ("at start", "in the background", "in place")


def local_problem(url: str, what: str) -> str | None:
    """One line when `url` is not on this machine (the bench only runs against 127.0.0.1)."""
    if urlsplit(url).hostname not in LOCAL_HOSTS:
        return f"{what}: {url} is not on 127.0.0.1; the bench only runs on this machine"
    return None


@dataclass
class Run:
    """One run's names and places; `env` is what Tandem (gunicorn, the commands) runs with."""

    server_url: str  # the PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432
    redis_url: str
    workdir: Path
    database: str = field(default_factory=lambda: f"tandem_load_{os.getpid()}")
    cache_prefix: str = field(default_factory=lambda: f"bench-load-{secrets.token_hex(4)}")
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(40))
    gunicorn: subprocess.Popen[bytes] | None = None

    @property
    def database_url(self) -> str:
        return f"{self.server_url.rstrip('/')}/{self.database}"

    def env(self) -> dict[str, str]:
        ours = ("DJANGO_", "DATABASE_", "TANDEM_", "REDIS_URL", "WEB_CONCURRENCY")
        clean = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
        return {
            **clean,
            "DJANGO_SETTINGS_MODULE": "load_site.settings",
            "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
            "DJANGO_SECRET_KEY": self.secret_key,  # the sessions the plan writes are signed
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            # Plain HTTP on 127.0.0.1: no HTTPS redirect, cookies sent without TLS.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "INFO",  # the mentor index's build lines (gunicorn.log)
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "WEB_CONCURRENCY": "3",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "TANDEM_BENCH_STATIC_ROOT": str(self.workdir / "static"),
            "TANDEM_BENCH_CACHE_PREFIX": self.cache_prefix,
            "TANDEM_BENCH_REQUEST_LOG": str(self.requests_log_path),
        }

    def _admin(self, dbname: str = "postgres") -> psycopg.Connection:
        params = dj_database_url.parse(f"{self.server_url.rstrip('/')}/postgres")
        return psycopg.connect(
            host=params["HOST"], port=params.get("PORT") or 5432, user=params["USER"],
            password=params.get("PASSWORD") or None, dbname=dbname, autocommit=True,
            connect_timeout=5,
        )  # fmt: skip

    def database_vacuum(self) -> None:
        """VACUUM ANALYZE the run's database, as autovacuum would have it on a live site (a
        server may run without autovacuum, as this machine's does: then a fresh load has no
        visibility map and the planner reads whole tables where an index-only scan would do)."""
        with self._admin(self.database) as database:
            database.execute("VACUUM ANALYZE")

    def database_create(self, *, template: str | None = None) -> None:
        """An empty database, or a copy of `template` (PostgreSQL copies it file by file)."""
        copy = f' TEMPLATE "{template}"' if template else ""
        with self._admin() as admin:
            admin.execute(f'CREATE DATABASE "{self.database}"{copy}')

    def database_drop(self) -> None:
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def database_rename(self, name: str) -> None:
        with self._admin() as admin:
            admin.execute(f'ALTER DATABASE "{self.database}" RENAME TO "{name}"')

    def database_exists(self, name: str) -> bool:
        with self._admin() as admin:
            found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return found.fetchone() is not None

    def gunicorn_start(self, *, workers: int) -> str:
        """Serve the site with `workers` sync workers on a free port; its address once
        /health/ answers."""
        port = _free_port()
        with self.log_path.open("w") as log:
            self.gunicorn = subprocess.Popen(  # noqa: S603 - our interpreter, our settings
                [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", str(workers), "--log-level", "warning",
                 "--config", str(BENCH / "load_site" / "gunicorn_bench.py")],
                cwd=ROOT, env=self.env(), stderr=log,
            )  # fmt: skip
        address = f"http://127.0.0.1:{port}"
        _wait_for(f"{address}/health/", self.gunicorn)
        return address

    @property
    def log_path(self) -> Path:
        """What gunicorn and Tandem log while serving the run."""
        return self.workdir / "gunicorn.log"

    @property
    def requests_log_path(self) -> Path:
        """Each request as the server saw it (load_site/timing.py)."""
        return self.workdir / "requests.log"

    def index_builds(self) -> dict[str, int]:
        """The mentor index's full builds so far, by where they ran (their log lines:
        tandem/matching/index/current.py), and the errors logged."""
        text = self.log_path.read_text() if self.log_path.exists() else ""
        built = [line for line in text.splitlines() if "Mentor index of" in line]
        counts = {where: sum(where in line for line in built) for where in INDEX_BUILT}
        counts["errors"] = text.count("Traceback")
        return counts

    def gunicorn_processes(self) -> list[psutil.Process]:
        if self.gunicorn is None:
            return []
        try:
            master = psutil.Process(self.gunicorn.pid)
            return [master, *master.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def postgres_backends(self) -> list[psutil.Process]:
        """The PostgreSQL processes serving this run's database (their title names it)."""
        found = []
        for process in psutil.process_iter(["name", "cmdline"]):
            title = " ".join(process.info["cmdline"] or [])
            if title.startswith("postgres:") and f" {self.database} " in title:
                found.append(process)
        return found

    def cleanup(self) -> None:
        """Stop gunicorn, drop the database, forget the cache keys; each step whatever the
        others did."""
        if self.gunicorn is not None and self.gunicorn.poll() is None:
            self.gunicorn.send_signal(signal.SIGTERM)
            try:
                self.gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.gunicorn.kill()
                self.gunicorn.wait()
        try:
            with self._admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        except psycopg.Error as error:
            print(f"could not drop the database {self.database}: {error}", file=sys.stderr)
        try:
            import redis

            client = redis.Redis.from_url(self.redis_url)
            for key in client.scan_iter(match=f"{self.cache_prefix}:*", count=1000):
                client.delete(key)
            client.close()
        except Exception as error:  # cleanup goes on; say what was left behind
            print(
                f"could not forget the cache keys {self.cache_prefix}:*: {error}", file=sys.stderr
            )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before serving")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or a worker still starting
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


class CpuMeter:
    """CPU seconds (user + system) a changing set of processes spends while running: sampled
    twice a second, so a process that starts midway counts from zero and one that ends midway
    counts up to its last sample (PostgreSQL backends come and go with Django's connections)."""

    def __init__(self, processes: Callable[[], list[psutil.Process]]) -> None:
        self._processes = processes
        self._start: dict[int, float] = {}
        self._last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample_until_stopped, daemon=True)

    def _sample(self) -> dict[int, float]:
        seen = {}
        for process in self._processes():
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            seen[process.pid] = times.user + times.system
        return seen

    def _sample_until_stopped(self) -> None:
        while not self._stop.wait(0.5):
            self._last.update(self._sample())

    def __enter__(self) -> CpuMeter:
        self._start = self._sample()
        self._last = dict(self._start)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._last.update(self._sample())

    @property
    def seconds(self) -> float:
        return sum(cpu - self._start.get(pid, 0.0) for pid, cpu in self._last.items())
