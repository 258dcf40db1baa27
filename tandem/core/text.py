r"""The one cleaning path for text a person sends: every form field, query parameter and
service that stores what someone typed goes through `clean_text`.

Why: PostgreSQL refuses a NUL character in text outright (a server error, not a message), and
other control characters are invisible, break the e-mails and `.ics` files we write, and let
two strings that look the same differ. Browsers send new lines as "\r\n"; we store "\n".

To build on it (e.g. names, which must also lose zero-width and direction-changing
characters), call `clean_text` first and then apply the extra rule, so every path keeps the
same base.
"""

from __future__ import annotations

import re

# Unicode's control characters (category Cc) but the two a person legitimately types: a new
# line (text areas) and a tab (pasted). "\r" is handled with the new lines.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile("\r\n?")


def clean_text(value: str, *, multiline: bool = True, strip: bool = True) -> str:
    r"""`value` without NUL and the other control characters (C0, DEL and C1).

    New lines become "\n" ("\r\n" and a lone "\r" alike); with `multiline` they and tabs are
    kept, without it they become spaces (a one-line field). `strip` trims the ends.
    """
    text = CONTROLS.sub("", LINE_BREAKS.sub("\n", value))
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return text.strip() if strip else text


def needs_cleaning(value: str) -> bool:
    """Whether `clean_text` (without `strip`) would change `value`: a quick test first."""
    return "\r" in value or CONTROLS.search(value) is not None
