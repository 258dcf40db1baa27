"""Reads for the demo data: is it there, and where does the numbering of emails stand."""

from __future__ import annotations

import re

from tandem.accounts.models import User
from tandem.demo.logins import DEMO_MENTEE_EMAIL, NAMED_PEOPLE, NamedPerson

# Generated emails look like first.last.<n>@<organization>.example.
_NUMBERED_EMAIL = re.compile(r"\.(\d+)@[^@]+\.example$")


def demo_is_loaded() -> bool:
    """Has the demo been loaded here (the named mentee account exists)."""
    return User.objects.filter(email=DEMO_MENTEE_EMAIL).exists()


def demo_logins_missing() -> tuple[NamedPerson, ...]:
    """The named demo logins whose email no account uses yet."""
    taken = set(
        User.objects.filter(email__in=[p.email for p in NAMED_PEOPLE]).values_list(
            "email", flat=True
        )
    )
    return tuple(person for person in NAMED_PEOPLE if person.email not in taken)


def demo_next_number() -> int:
    """The number for the next generated demo email: 1 on a fresh database."""
    emails = User.objects.filter(email__endswith=".example").values_list("email", flat=True)
    numbers = (
        int(m.group(1)) for email in emails.iterator() if (m := _NUMBERED_EMAIL.search(email))
    )
    return max(numbers, default=0) + 1
