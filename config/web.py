"""What a web process sets before Django (and numpy) load: `config.wsgi` and `config.asgi`
call `web_process_ready()` first."""

from __future__ import annotations

import os

# numpy's BLAS (OpenBLAS) starts one thread per core for a matrix product and keeps them
# spinning for a while after it. A web worker does one small product per recommendations
# page, and its cores are shared with the other workers and PostgreSQL: the extra threads
# doubled that page's CPU (bench/pages.py: 42 ms against 20 ms with one thread) and took it
# from the requests other workers were serving. Matching runs in db_workers keep every core.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def web_process_ready() -> None:
    """One BLAS thread per web process (unless the environment says otherwise), and the
    production settings unless another module is named."""
    for name in BLAS_THREADS:
        os.environ.setdefault(name, "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
