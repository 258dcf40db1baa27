"""gunicorn reads this file from the directory it starts in (the README's production example).

Workers come from WEB_CONCURRENCY, which gunicorn reads itself. gunicorn announces itself and its
version in a `Server` header on every response and has no setting to stop it; an attacker learns
what to try from it, so the header is left out.
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _headers_without_server(self: wsgi.Response) -> list[str]:
    return [line for line in _default_headers(self) if not line.startswith("Server:")]


wsgi.Response.default_headers = _headers_without_server
