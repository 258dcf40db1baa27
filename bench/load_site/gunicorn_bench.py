"""The gunicorn settings bench/load.py serves with: the repo's own (gunicorn.conf.py, read as
gunicorn would), plus two hooks that tell load_site/timing.py when gunicorn had each request
(parsed, before Django) and when the worker was done with it (answer sent, connection closed),
so a slow request's wait splits into before gunicorn took it and between gunicorn and Django.
"""

import runpy
from pathlib import Path
from typing import Any

globals().update(
    {
        name: value
        for name, value in runpy.run_path(
            str(Path(__file__).parents[2] / "gunicorn.conf.py")
        ).items()
        if not name.startswith("__")
    }
)


def pre_request(worker: Any, req: Any) -> None:
    from load_site import timing

    timing.gunicorn_took()


def post_request(worker: Any, req: Any, environ: Any, resp: Any) -> None:
    from load_site import timing

    timing.gunicorn_done()
