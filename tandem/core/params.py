"""Cleaning free text that arrives in query strings before it reaches the database."""

import unicodedata


def clean_param(value: str, *, max_length: int = 100) -> str:
    """Trimmed, at most `max_length` characters, without control characters.

    PostgreSQL refuses NUL characters in text outright, so a stray %00 in a URL would
    otherwise be a server error rather than an empty search.
    """
    kept = "".join(ch for ch in value if unicodedata.category(ch) != "Cc")
    return kept.strip()[:max_length]
