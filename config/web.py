"""What a web process sets before Django (and numpy) load: `config.wsgi` and `config.asgi`
call `web_process_ready()` first."""

from __future__ import annotations

import os

from tandem.matching.engine.blas import one_blas_thread

# numpy's BLAS (OpenBLAS) starts one thread per core for a matrix product and keeps them
# spinning for a while after it. A web worker does one small product per recommendations
# page, and its cores are shared with the other workers and PostgreSQL: the extra threads
# doubled that page's CPU (bench/pages.py: 42 ms against 20 ms with one thread) and took it
# from the requests other workers were serving. Matching runs in db_workers keep every core.


def web_process_ready() -> None:
    """One BLAS thread per web process (unless the environment says otherwise), and the
    production settings unless another module is named."""
    one_blas_thread()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
