"""Reading instance files, and the command line's exact interface."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tandem.matching.engine import InstanceError, instance_from_json
from tandem.matching.engine.blas import BLAS_THREADS

GOOD = {
    "mentees": [{"id": "a", "capacity": 1}, {"id": "b", "capacity": 1}],
    "mentors": [{"id": "x", "capacity": 1}, {"id": "y", "capacity": 2}],
    "edges": [["a", "x", 0.9], ["a", "y", 0.8, 0.1, 0.9], ["b", "x", 0.85]],
}


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tandem.matching.engine", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


class TestInstanceFile:
    def test_an_edge_may_carry_its_own_preferences(self):
        instance = instance_from_json(json.dumps(GOOD))
        assert instance.mentee_pref.tolist() == [0.9, 0.1, 0.85]
        assert instance.mentor_pref.tolist() == [0.9, 0.9, 0.85]

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (lambda d: d["edges"].append(["zed", "x", 0.5]), "unknown mentee 'zed'"),
            (lambda d: d["edges"].append(["a", "nope", 0.5]), "unknown mentor 'nope'"),
            (lambda d: d["mentors"][0].update(capacity=-1), "negative"),
            (lambda d: d["edges"][0].__setitem__(2, float("nan")), "finite"),
            (lambda d: d["edges"][0].__setitem__(2, "high"), "must be a number"),
            (lambda d: d["edges"].append(["a", "x", 0.1]), "repeats the pair"),
            (lambda d: d["mentees"].append({"id": "a"}), "appears twice"),
            (lambda d: d.pop("edges"), 'no "edges"'),
            (lambda d: d["edges"].append(["a", "x"]), "must be [mentee, mentor, score]"),
        ],
    )
    def test_a_bad_instance_is_explained_in_one_line(self, change, message):
        data = json.loads(json.dumps(GOOD))
        change(data)
        with pytest.raises(InstanceError, match=message.replace("[", r"\[")) as caught:
            instance_from_json(json.dumps(data))
        assert "\n" not in str(caught.value)

    def test_malformed_json_is_explained(self):
        with pytest.raises(InstanceError, match="not valid JSON"):
            instance_from_json('{"mentees": [')


class TestCommandLine:
    @pytest.mark.parametrize("mode", ["optimal", "stable", "max-matched"])
    def test_prints_the_result_as_json(self, tmp_path, mode):
        path = tmp_path / "instance.json"
        path.write_text(json.dumps(GOOD))
        done = run_cli("solve", str(path), "--mode", mode)
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert set(result) == {"pairs", "total_score", "matched", "blocking_pairs", "seconds"}
        assert result["matched"] == len(result["pairs"])

    def test_optimal_and_stable_answers_for_a_known_instance(self, tmp_path):
        path = tmp_path / "instance.json"
        path.write_text(json.dumps(GOOD))
        optimal = json.loads(run_cli("solve", str(path), "--mode", "optimal").stdout)
        assert optimal["pairs"] == [["a", "y"], ["b", "x"]]
        assert optimal["total_score"] == pytest.approx(1.65)
        stable = json.loads(run_cli("solve", str(path), "--mode", "stable").stdout)
        # a prefers x (0.9 over 0.1) and x prefers a (0.9 over 0.85): they pair; b is left out.
        assert stable["pairs"] == [["a", "x"]]
        assert stable["blocking_pairs"] == 0

    @pytest.mark.parametrize(
        "text",
        [
            "{not json",
            '{"mentees": [{"id": "a", "capacity": -2}], "mentors": [], "edges": []}',
            '{"mentees": [{"id": "a"}], "mentors": [{"id": "x"}], "edges": [["a", "x", NaN]]}',
            '{"mentees": [{"id": "a"}], "mentors": [{"id": "x"}], "edges": [["a", "q", 1]]}',
        ],
    )
    def test_bad_input_gives_one_line_and_exit_code_2(self, tmp_path, text):
        path = tmp_path / "bad.json"
        path.write_text(text)
        done = run_cli("solve", str(path))
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr.count("\n") == 1
        assert "Traceback" not in done.stderr

    def test_a_missing_file_or_mode_is_exit_code_2(self, tmp_path):
        assert run_cli("solve", str(tmp_path / "absent.json")).returncode == 2
        path = tmp_path / "instance.json"
        path.write_text(json.dumps(GOOD))
        assert run_cli("solve", str(path), "--mode", "greedy").returncode == 2

    def test_reads_standard_input(self):
        done = run_cli("solve", "-", stdin=json.dumps(GOOD))
        assert json.loads(done.stdout)["matched"] == 2


class TestStartUp:
    """The command line loads only what its mode needs: start-up is most of a small solve."""

    SHOW_MODULES = (
        "import sys; from tandem.matching.engine.cli import main; code = main(sys.argv[1:]); "
        "print(sorted({m.split('.')[0] for m in sys.modules}), file=sys.stderr); "
        "sys.exit(code)"
    )

    def loaded(self, path, mode: str) -> set[str]:
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", self.SHOW_MODULES, "solve", str(path), "--mode", mode],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return set(json.loads(done.stderr.replace("'", '"')))

    def test_the_stable_mode_never_loads_or_tools_rustworkx_or_scipy(self, tmp_path):
        path = tmp_path / "instance.json"
        path.write_text(json.dumps(GOOD))
        assert self.loaded(path, "stable").isdisjoint({"ortools", "rustworkx", "scipy", "django"})

    def test_a_flow_mode_loads_or_tools_only_when_it_runs(self, tmp_path):
        path = tmp_path / "instance.json"
        path.write_text(json.dumps(GOOD))
        loaded = self.loaded(path, "optimal")
        assert "ortools" in loaded
        assert loaded.isdisjoint({"rustworkx", "scipy", "django"})

    def test_importing_the_package_loads_no_numpy(self):
        # So that the command line can ask for one BLAS thread before numpy starts its own.
        code = "import sys, tandem.matching.engine; print('numpy' in sys.modules)"
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert done.stdout.strip() == "False", done.stderr

    # Runs the package's __main__ as `-m` does, and counts BLAS threads where it exits.
    COUNT_AT_EXIT = (
        "import os, runpy, sys, threadpoolctl\n"
        "exit_now = os._exit\n"
        "def report(code):\n"
        "    info = threadpoolctl.threadpool_info()\n"
        "    blas = [p['num_threads'] for p in info if p['user_api'] == 'blas']\n"
        "    print(sum(blas), file=sys.stderr)\n"
        "    sys.stderr.flush()\n"
        "    exit_now(code)\n"
        "os._exit = report\n"
        "sys.argv = ['engine', *sys.argv[1:]]\n"
        "runpy.run_module('tandem.matching.engine', run_name='__main__', alter_sys=True)\n"
    )

    @pytest.mark.parametrize(
        ("environment", "threads"), [({}, 1), ({"OPENBLAS_NUM_THREADS": "2"}, 2)]
    )
    def test_the_command_line_solves_on_one_blas_thread(self, tmp_path, environment, threads):
        path = tmp_path / "instance.json"
        path.write_text(json.dumps(GOOD))
        env = {k: v for k, v in os.environ.items() if k not in BLAS_THREADS} | environment
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", self.COUNT_AT_EXIT, "solve", str(path)],
            capture_output=True, text=True, check=False, env=env,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["matched"] == 2
        assert int(done.stderr.strip().splitlines()[-1]) == min(threads, os.cpu_count() or 1)

    def test_the_package_gives_the_solve_function_after_its_module_was_imported(self):
        # A fresh interpreter: the module first, as quality.py and the bench do, then the name.
        code = (
            "import tandem.matching.engine.solver, tandem.matching.engine.quality\n"
            "from tandem.matching.engine import solve\n"
            "print(callable(solve) and solve.__name__)"
        )
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert done.stdout.strip() == "solve", done.stderr
