"""Small display helpers every page shares: a person's initials avatar, and a line of
optional facts joined with " · " that leaves out the missing ones."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

SEPARATOR = " · "
# Dark enough for white initials (WCAG AA on every one), distinct enough to tell people apart.
AVATAR_COLOURS = 8


def initials(name: str) -> str:
    """The first letter of the first and last words: "Sofía Márquez" → "SM", "priya" → "P"."""
    words = ["".join(ch for ch in word if ch.isalnum()) for word in name.split()]
    words = [word for word in words if word]
    if not words:
        return "?"
    picked = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return picked.upper()


@register.inclusion_tag("core/_avatar.html")
def avatar(user: Any, size: str = "md") -> dict[str, Any]:
    """A coloured circle with the person's initials; decorative, so the name goes beside it.

    The colour comes from the user id, so a person looks the same on every page."""
    return {
        "initials": initials(user.display_name),
        "colour": (user.pk or 0) % AVATAR_COLOURS,
        "size": size,
    }


@register.simple_tag
def joined(*parts: Any) -> SafeString:
    """The parts that are there, joined with " · ": no stray dots when a job title is missing."""
    present = [conditional_escape(part) for part in parts if part is not None and str(part).strip()]
    return mark_safe(SEPARATOR.join(present))  # noqa: S308 - every part is escaped above
