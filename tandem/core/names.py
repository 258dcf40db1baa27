r"""Names as people type them, made safe to show to someone else: a person's first and last
name, an organization's, a program's. Built on `clean_text` (no NUL or control characters),
then three rules of its own:

* NFC: "é" typed as "e" + an accent and "é" typed as one character are the same name.
* No invisible characters: zero-width spaces and joiners, the word joiner, the byte-order
  mark, the soft hyphen and the direction marks, embeddings, overrides and isolates. They let
  "Harbourvine Bank" and "Harbourvine\u200b Bank" look alike yet differ, and a right-to-left
  override turns the text after a name backwards in an email ("...moc.knab" read as
  "bank.com..."). The joiners (U+200C, U+200D) do shape some scripts and emoji; the letters
  stay readable without them, and a name nobody can spoof is worth that.
* Spaces collapsed to one, and a length limit, so a name fits where names are shown.

A name with nothing left to read (only invisible characters, spaces or punctuation) is
refused with a field message rather than stored empty.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms

from tandem.core.text import clean_text

PERSON_NAME_MAX = 80  # each of first and last name
ORGANIZATION_NAME_MAX = 120
PROGRAM_NAME_MAX = 120  # programs.Program.name

# U+00AD soft hyphen, U+180E Mongolian vowel separator, U+200B-U+200F zero-width space,
# joiners and the left-to-right/right-to-left marks, U+202A-U+202E embeddings and overrides,
# U+2060-U+2064 word joiner and invisible operators, U+2066-U+2069 isolates, U+FEFF BOM.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

NOTHING_TO_READ = "Type the name with letters or numbers; we couldn't find any in what you sent."


def clean_name(value: str) -> str:
    """`value` as a name: `clean_text` on one line, NFC, no invisible characters, single spaces.

    Does not check length or emptiness (`name_problem` does), so it is safe on any input."""
    text = clean_text(value, multiline=False, strip=False)
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def has_letters(name: str) -> bool:
    """Whether there is something to read: at least one letter or digit, in any script."""
    return any(ch.isalnum() for ch in name)


def name_problem(name: str, *, limit: int) -> str | None:
    """What is wrong with an already cleaned, non-empty name, for a field message; or None."""
    if not has_letters(name):
        return NOTHING_TO_READ
    if len(name) > limit:
        return f"Keep the name to {limit} characters or fewer."
    return None


class NameField(forms.CharField):
    """A form field for a name: cleaned by `clean_name` and checked by `name_problem`.

    The limit counts the clean name; the browser's `maxlength` leaves room for what cleaning
    removes. Something typed that cleans away to nothing is refused, never stored empty."""

    def __init__(self, *, limit: int = PERSON_NAME_MAX, **kwargs: Any) -> None:
        self.limit = limit
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", str(limit * 2))

    def to_python(self, value: Any) -> str:
        return clean_name(super().to_python(value) or "")

    def clean(self, value: Any) -> Any:
        if isinstance(value, str) and value.strip() and not self.to_python(value):
            raise forms.ValidationError(NOTHING_TO_READ, code="name")
        return super().clean(value)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and (problem := name_problem(value, limit=self.limit)):
            raise forms.ValidationError(problem, code="name")
