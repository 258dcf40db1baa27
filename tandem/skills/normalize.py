"""One way to compare skill names and aliases: case- and spacing-insensitive."""

import re

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lowercase, trimmed, inner spaces collapsed: ' People  Management' → 'people management'."""
    return _SPACES.sub(" ", text).strip().lower()
