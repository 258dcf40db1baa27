"""Ids as they arrive from outside (URLs, query strings, forms), bounded to what the database
can hold.

An id column is a signed 64-bit integer. A longer number in a URL used to reach the query and
fail there (an overflow: a server error); now it simply names nothing, so the page is a 404.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_ID = 2**63 - 1
# For the few `re_path` routes that name an id inside a regex: 18 digits always fit.
ID_RE = r"[0-9]{1,18}"


def id_from(value: object) -> int | None:
    """`value` as an id when it is one (digits only, 1 to 2**63 - 1), else None."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def ids_from(values: Iterable[object]) -> set[int]:
    """The values that are ids (see `id_from`); the rest are left out."""
    return {number for value in values if (number := id_from(value)) is not None}


class IdConverter:
    """The `<id:…>` path converter: like `<int:…>`, but a number too big to be an id does not
    match, so the URL is a 404 instead of an overflow in the query."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("Too big to be an id.")
        return number

    def to_url(self, value: int | str) -> str:
        return str(int(value))
