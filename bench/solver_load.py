"""The solver's command line as a whole process, side by side with the `matching` package.

    .venv/bin/python bench/solver_load.py [--size 1000x250] [--repeat 5] [--package-repeat 1]
        [--seed 2026] [--prefs] [--package-timeout 300] [--no-package] [--before DIR] [--cold]

Writes one seeded instance with complete lists (every mentee × every mentor; mentee capacity
1, mentor capacity 1–5, scores uniform in [0, 1) at full precision, so no ties; `--prefs`
gives each side its own preference as well, five-element edges), then times whole processes,
each reading the instance on standard input, `--repeat` runs each (the package's
`--package-repeat`):

  python, nothing           `python -c pass`: the interpreter's start and exit
  python + numpy            `python -c "import numpy"`, on one BLAS thread as the engine's
                            command line asks (`tandem.matching.engine.blas`)
  ... + OR-Tools            and OR-Tools' min-cost flow, which the optimal mode loads
  engine stable / optimal   `python -m tandem.matching.engine solve - --mode ...`
  engine stable, before     with `--before DIR`: the same command run on an older copy of
                            the code put first on PYTHONPATH, e.g. the tree before the fast
                            reading: `git archive a642f5d tandem | tar -x -C DIR`
  matching package          this file with `--package -`: `json.load`, each side's ranked
                            lists, `HospitalResident` resident-optimal (the same matching as
                            engine stable), pairs printed as JSON

Every command runs once untimed first, with bytecode cached in the scratch folder
(PYTHONPYCACHEPREFIX; PYTHONDONTWRITEBYTECODE, if set, is dropped for the children), as an
installed command runs; `--cold` keeps the environment as it is and skips the warm-up (then
each run also compiles Tandem's modules, about 0.05 s of CPU). The package's modules are
compiled at install either way.

Wall is the median wall-clock time, CPU the median user + system time of the process. Then,
in one fresh process, where the engine's time goes (imports, reading, checking, solving,
writing), and what reading alone costs with each JSON library on the same text. Ratios and
the check that engine stable and the package made the same pairs are printed at the end;
nothing is asserted. The machine is shared: compare ratios, and read CPU beside wall.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
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
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# bench/matching.py would shadow the `matching` package: keep this folder off the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PYTHON = sys.executable
ONE_THREAD = "from tandem.matching.engine.blas import one_blas_thread; one_blas_thread(); "
NUMPY = ONE_THREAD + "import numpy"
ORTOOLS = NUMPY + "; from ortools.graph.python import min_cost_flow"


# --- the instance ------------------------------------------------------------------------------


def write_instance(path: Path, mentees: int, mentors: int, seed: int, prefs: bool) -> int:
    """A complete-lists instance as INSTANCE.json; returns the number of edges."""
    import numpy as np

    rng = np.random.default_rng(seed)
    a_ids = [f"a{i:06d}" for i in range(mentees)]
    x_ids = [f"x{j:05d}" for j in range(mentors)]
    score = rng.random((mentees, mentors)).tolist()
    if prefs:
        pa, px = rng.random((mentees, mentors)).tolist(), rng.random((mentees, mentors)).tolist()
        edges = [
            [a, x, score[i][j], pa[i][j], px[i][j]]
            for i, a in enumerate(a_ids)
            for j, x in enumerate(x_ids)
        ]
    else:
        edges = [[a, x, score[i][j]] for i, a in enumerate(a_ids) for j, x in enumerate(x_ids)]
    capacity = rng.integers(1, 6, size=mentors).tolist()
    data = {
        "mentees": [{"id": a, "capacity": 1} for a in a_ids],
        "mentors": [{"id": x, "capacity": c} for x, c in zip(x_ids, capacity, strict=True)],
        "edges": edges,
    }
    path.write_text(json.dumps(data))
    return len(edges)


# --- the matching package as a command line (run by this file with --package) -----------------


def package_main(source: str) -> None:
    """Read INSTANCE.json, solve it with `HospitalResident` (resident-optimal), print pairs.

    The package deep-copies its players, which point at one another, so the recursion goes as
    deep as the preference graph: it runs in a thread with a deep stack, as in matching.py.
    """
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 30)
    failure: list[BaseException] = []

    def work() -> None:
        try:
            _package_solve(source)
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def _package_solve(source: str) -> None:
    from matching.games import HospitalResident

    text = sys.stdin.read() if source == "-" else Path(source).read_text("utf-8")
    data = json.loads(text)
    started = time.perf_counter()
    mentee_lists: dict[str, list[tuple[float, str]]] = {}
    mentor_lists: dict[str, list[tuple[float, str]]] = {}
    for edge in data["edges"]:
        mentee, mentor, score = edge[:3]
        pa, px = (edge[3], edge[4]) if len(edge) == 5 else (score, score)
        mentee_lists.setdefault(mentee, []).append((-pa, mentor))
        mentor_lists.setdefault(mentor, []).append((-px, mentee))
    # Best first; equal preferences go to the lower id, as in the engine.
    residents = {a: [x for _, x in sorted(ranked)] for a, ranked in mentee_lists.items()}
    hospitals = {x: [a for _, a in sorted(ranked)] for x, ranked in mentor_lists.items()}
    capacity = {person["id"]: person.get("capacity", 1) for person in data["mentors"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            residents, hospitals, {x: capacity[x] for x in hospitals}
        )
        built = time.perf_counter()
        answer = game.solve(optimal="resident")
    solved = time.perf_counter()
    pairs = sorted([str(r), str(h)] for h, matched in answer.items() for r in matched)
    json.dump({"pairs": pairs, "setup": built - started, "solve": solved - built}, sys.stdout)
    sys.stdout.write("\n")


# --- whole processes ---------------------------------------------------------------------------


@dataclass
class Runs:
    """Medians of one command's runs, and the last run's standard output."""

    wall: float
    cpu: float
    runs: int
    stdout: str
    note: str = ""


def timed(
    command: list[str], source: Path, timeout: float, env: dict[str, str] | None = None
) -> tuple[float, float, str]:
    """Wall and CPU (user + system) seconds of one process reading `source` on stdin."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with source.open("rb") as stdin:
        done = subprocess.run(  # noqa: S603
            command,
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=env,
            cwd=source.parent,  # not the repo: `-m` puts the working directory first on the path
        )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()[-300:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def repeated(
    command: list[str],
    source: Path,
    repeat: int,
    timeout: float,
    env: dict[str, str] | None = None,
    warm_up: bool = True,
) -> Runs:
    walls, cpus, stdout = [], [], ""
    if warm_up:
        timed(command, source, timeout, env)
    for _ in range(repeat):
        try:
            wall, cpu, stdout = timed(command, source, timeout, env)
        except subprocess.TimeoutExpired:
            return Runs(timeout, timeout, 0, "", note=f"did not finish in {timeout:.0f} s")
        walls.append(wall)
        cpus.append(cpu)
    return Runs(statistics.median(walls), statistics.median(cpus), repeat, stdout)


# --- inside one engine process: stages and parsers (run by this file with --inside) ------------


def _best(work: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """The shortest wall and CPU seconds of `repeat` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


class _Laps:
    """Wall and CPU seconds between marks."""

    def __init__(self) -> None:
        self.figures: dict[str, tuple[float, float]] = {}
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.figures[name] = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu


def inside_main(source: str, mode: str, repeat: int) -> None:
    """Print (as JSON) where one engine solve spends its time, then parse-only costs."""
    from tandem.matching.engine.blas import one_blas_thread

    one_blas_thread()  # as the command line's __main__ does, before numpy loads
    laps = _Laps()
    import numpy  # noqa: F401

    laps.lap("import numpy")
    from tandem.matching.engine.cli import main as cli_main  # noqa: F401
    from tandem.matching.engine.instance import instance_from_json
    from tandem.matching.engine.solver import solve

    laps.lap("import the engine (numpy aside)")
    text = Path(source).read_bytes().decode("utf-8")
    laps.lap("read the file")
    instance = instance_from_json(text)
    laps.lap("parse and check")
    result = solve(instance, mode=mode)
    laps.lap(f"solve ({mode})")
    json.dumps({"pairs": result.pairs, "blocking_pairs": result.blocking_pairs})
    laps.lap("blocking pairs and output")
    print(json.dumps({"stages": laps.figures, "parsers": _parsers(text, repeat)}))


def _parsers(text: str, repeat: int) -> dict[str, tuple[float, float]]:
    """Reading alone (and reading + checking) with each library, best of `repeat`."""
    import msgspec

    from tandem.matching.engine.instance import instance_build, instance_from_data
    from tandem.matching.engine.instance.parse import _DECODERS, instance_from_json
    from tandem.matching.tests.instance_reference import reference_read

    def paused(work: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            gc.disable()
            try:
                return work()
            finally:
                gc.enable()

        return run

    def before() -> Any:
        mentees, mentors, edges = reference_read(json.loads(text))
        return instance_build(mentees=mentees, mentors=mentors, edges=edges)

    work: dict[str, Callable[[], Any]] = {
        "json.loads": lambda: json.loads(text),
        "json.loads, collector paused": paused(lambda: json.loads(text)),
        "msgspec, untyped, paused": paused(lambda: msgspec.json.decode(text)),
        "msgspec, typed structs (the engine's)": paused(lambda: _DECODERS[0].decode(text)),
    }
    try:  # the other candidate: not a dependency
        orjson: Any = importlib.import_module("orjson")
    except ImportError:
        orjson = None
    if orjson:
        work["orjson, collector paused"] = paused(lambda: orjson.loads(text))
    work["before: json + checks edge by edge + build"] = before
    work["careful road: json + array checks"] = lambda: instance_from_data(
        paused(lambda: json.loads(text))()
    )
    if orjson:
        work["orjson + array checks"] = lambda: instance_from_data(
            paused(lambda: orjson.loads(text))()
        )
    work["engine: msgspec + array checks"] = lambda: instance_from_json(text)
    return {name: _best(run, repeat) for name, run in work.items()}


# --- the report ----------------------------------------------------------------------------


def _size(text: str) -> tuple[int, int]:
    mentees, mentors = text.lower().split("x")
    return int(mentees), int(mentors)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", type=_size, default=(1_000, 250), help="mentees x mentors")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--prefs", action="store_true", help="five-element edges")
    parser.add_argument("--repeat", type=int, default=5, help="runs per engine command")
    parser.add_argument("--package-repeat", type=int, default=1)
    parser.add_argument("--package-timeout", type=float, default=300.0)
    parser.add_argument("--no-package", action="store_true", help="skip the matching package")
    parser.add_argument("--before", metavar="DIR", help="an older tandem/ tree to time as well")
    parser.add_argument("--cold", action="store_true", help="no bytecode cache, no warm-up")
    parser.add_argument("--package", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--inside", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="stable", help=argparse.SUPPRESS)
    return parser.parse_args()


def _table(rows: dict[str, Runs]) -> None:
    print(f"{'process':28} {'wall s':>8} {'CPU s':>8} {'runs':>5}")
    for name, runs in rows.items():
        if runs.note:
            print(f"{name:28} {runs.note}")
        else:
            print(f"{name:28} {runs.wall:8.3f} {runs.cpu:8.3f} {runs.runs:5d}")


def _ratios(rows: dict[str, Runs]) -> None:
    package = rows.get("matching package")
    floors = {"engine stable": "python + numpy", "engine optimal": "python + numpy + OR-Tools"}
    for name, floor_name in floors.items():
        engine, floor = rows[name], rows[floor_name]
        if package and not package.note:
            print(
                f"  matching package / {name}: {package.wall / engine.wall:.0f}× wall, "
                f"{package.cpu / engine.cpu:.0f}× CPU (/ {floor_name} alone: "
                f"{package.cpu / floor.cpu:.0f}× CPU, the most start-up allows)"
            )
        print(
            f"  {name}: {floor_name} is {floor.cpu / engine.cpu:.0%} of its CPU; "
            f"the rest {engine.cpu - floor.cpu:.3f} s CPU, {engine.wall - floor.wall:.3f} s wall"
        )
    before = rows.get("engine stable, before")
    if before:
        stable = rows["engine stable"]
        print(
            f"  engine stable, before / now: {before.wall / stable.wall:.1f}× wall, "
            f"{before.cpu / stable.cpu:.1f}× CPU"
        )
    if package and not package.note:
        same = (
            json.loads(package.stdout)["pairs"] == json.loads(rows["engine stable"].stdout)["pairs"]
        )
        print(f"  engine stable = matching package, same pairs: {'yes' if same else 'NO'}")
        figures = json.loads(package.stdout)
        print(
            f"  inside the package: setup {figures['setup']:.1f} s, solve {figures['solve']:.1f} s"
        )


def _inside(path: Path, repeat: int, env: dict[str, str]) -> None:
    done = subprocess.run(  # noqa: S603
        [PYTHON, __file__, "--inside", str(path), "--repeat", str(repeat)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=path.parent,
    )
    report = json.loads(done.stdout)
    print("\nwhere one engine process spends its time (stable; start-up and exit not included)")
    print(f"  {'stage':44} {'wall s':>7} {'CPU s':>7}")
    for name, (wall, cpu) in report["stages"].items():
        print(f"  {name:44} {wall:7.3f} {cpu:7.3f}")
    print(f"\nreading the same text in one process (best of {repeat})")
    print(f"  {'how':44} {'wall s':>7} {'CPU s':>7}")
    for name, (wall, cpu) in report["parsers"].items():
        print(f"  {name:44} {wall:7.3f} {cpu:7.3f}")


def main() -> None:
    args = parse_args()
    if args.package:
        package_main(args.package)
        return
    if args.inside:
        inside_main(args.inside, args.mode, args.repeat)
        return
    mentees, mentors = args.size
    packages = ", ".join(f"{p} {version(p)}" for p in ("numpy", "msgspec", "ortools", "matching"))
    print(f"bench/solver_load.py: {mentees:,} mentees × {mentors:,} mentors, complete lists")
    print(f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {packages}")
    print(f"load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as workdir:
        path = Path(workdir) / "instance.json"
        edges = write_instance(path, mentees, mentors, args.seed, args.prefs)
        print(f"instance: {edges:,} edges, {path.stat().st_size / 1e6:.1f} MB")
        how = "compiled every run (--cold)" if args.cold else "cached, one warm-up run each"
        print(f"bytecode: {how}\n", flush=True)
        engine = [PYTHON, "-m", "tandem.matching.engine", "solve", "-", "--mode"]
        commands = {
            "python, nothing": [PYTHON, "-c", "pass"],
            "python + numpy": [PYTHON, "-c", NUMPY],
            "python + numpy + OR-Tools": [PYTHON, "-c", ORTOOLS],
            "engine stable": [*engine, "stable"],
            "engine optimal": [*engine, "optimal"],
        }
        env = dict(os.environ)
        if not args.cold:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(workdir) / "pycache")
        warm = not args.cold
        rows = {
            name: repeated(cmd, path, args.repeat, 120.0, env, warm)
            for name, cmd in commands.items()
        }
        if args.before:
            # Its own cache folder: the same file names hold older code there.
            before = env | {"PYTHONPATH": str(Path(args.before).resolve())}
            if not args.cold:
                before["PYTHONPYCACHEPREFIX"] = str(Path(workdir) / "pycache-before")
            rows["engine stable, before"] = repeated(
                [*engine, "stable"], path, args.repeat, 120.0, before, warm
            )
        if not args.no_package:
            rows["matching package"] = repeated(
                [PYTHON, __file__, "--package", "-"],
                path,
                args.package_repeat,
                args.package_timeout,
                env,
                warm_up=False,  # a minute a run; its modules are compiled at install
            )
        _table(rows)
        _ratios(rows)
        _inside(path, args.repeat, env)
    print(f"load average at end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
