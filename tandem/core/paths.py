"""Paths to pages that take one id, resolved once per URL name.

Models build their `get_absolute_url()` with `path_to`; the nightly sweep builds thousands of
links at once, and Django's resolver costs tens of microseconds each time, so each URL name is
resolved once (around a marker id) and the id is put in its place after that.
"""

from __future__ import annotations

from functools import cache

from django.urls import reverse

_MARKER = 987654321


@cache
def _around_id(name: str, kwarg: str) -> tuple[str, str]:
    head, tail = reverse(name, kwargs={kwarg: _MARKER}).split(str(_MARKER))
    return head, tail


def path_to(name: str, **kwargs: int) -> str:
    """`reverse(name, kwargs=…)` for a URL that takes exactly one integer argument."""
    ((kwarg, value),) = kwargs.items()
    head, tail = _around_id(name, kwarg)
    return f"{head}{value}{tail}"
