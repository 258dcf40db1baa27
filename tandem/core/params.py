"""Cleaning free text that arrives in query strings before it reaches the database."""

from tandem.core.text import clean_text


def clean_param(value: str, *, max_length: int = 100) -> str:
    """One line, trimmed, at most `max_length` characters, without control characters.

    PostgreSQL refuses NUL characters in text outright, so a stray %00 in a URL would
    otherwise be a server error rather than an empty search.
    """
    return clean_text(value, multiline=False)[:max_length]
