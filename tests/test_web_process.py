"""A web process (gunicorn or an ASGI server loading `config.wsgi` / `config.asgi`) does its
numpy work on one BLAS thread: a recommendations page's matrix product on every core at once
doubled that page's CPU and took the cores other workers and PostgreSQL were using."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.processes import ROOT, env_for

COUNT = (
    "import numpy, threadpoolctl\n"
    "print(sum(p['num_threads'] for p in threadpoolctl.threadpool_info()"
    " if p['user_api'] == 'blas'))\n"
)


def blas_threads(entry: str, **variables: str) -> int:
    env = env_for()
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.pop(name, None)
    env.update(variables)
    code = (f"import {entry}\n" if entry else "") + COUNT
    out = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    return int(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("entry", ["config.wsgi", "config.asgi"])
def test_a_web_process_multiplies_on_one_thread(entry):
    assert blas_threads(entry) == 1


def test_other_processes_keep_every_core_and_the_environment_has_the_last_word():
    # What the web entry points change, and only there (db_workers run matching on every core).
    cores = os.cpu_count() or 1
    assert blas_threads("") == 1 if cores == 1 else blas_threads("") > 1
    assert blas_threads("config.wsgi", OPENBLAS_NUM_THREADS="2") == 2
