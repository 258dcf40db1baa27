"""How many threads numpy's BLAS may start: asked for before numpy is imported, since OpenBLAS
reads the environment once, when it loads, and starts its threads there."""

from __future__ import annotations

import os

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """One BLAS thread for this process, unless its environment already says how many."""
    for name in BLAS_THREADS:
        os.environ.setdefault(name, "1")
