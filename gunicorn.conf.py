"""gunicorn reads this file from the directory it starts in (the README's production example).

Workers come from WEB_CONCURRENCY, which gunicorn reads itself. Each worker builds the mentor
index before it takes a request (`post_worker_init`), so no visitor waits for that build.
gunicorn announces itself and its version in a `Server` header on every response and has no
setting to stop it; an attacker learns what to try from it, so the header is left out.
"""

import gc

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _headers_without_server(self: wsgi.Response) -> list[str]:
    return [line for line in _default_headers(self) if not line.startswith("Server:")]


wsgi.Response.default_headers = _headers_without_server


def post_worker_init(worker: object) -> None:
    """Build the mentor index in the new worker, Django being set up by now. If the database
    is away the worker starts anyway; its first recommendation builds the index instead."""
    import logging

    from django.db import connections

    from tandem.matching.index import mentor_index_warm

    try:
        mentor_index_warm()
    except Exception:
        logging.getLogger("tandem.matching").exception("Could not build the mentor index at start")
    finally:
        connections.close_all()
    # Everything loaded so far (Django, the URLs, the templates, the index) lives as long as
    # the worker: out of the cycle collector's sight, so a full collection in the middle of a
    # request walks only what requests made, not the whole heap.
    gc.collect()
    gc.freeze()
