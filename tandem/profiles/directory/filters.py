"""Turning the directory's query string into filters, with a message for what didn't parse."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict

from tandem.core.params import clean_param
from tandem.organizations.choices import Industry, JobFunction
from tandem.profiles.directory.reads import DirectoryFilters
from tandem.skills.models import Skill
from tandem.skills.selectors import skill_closest, skill_resolve


@dataclass(frozen=True)
class ParsedFilters:
    """The filters to apply, what was typed, and the closest skills when one wasn't recognised."""

    filters: DirectoryFilters
    values: dict[str, str]
    unknown_skill: str = ""
    skill_hints: list[Skill] = field(default_factory=list)

    @property
    def any(self) -> bool:
        """Is any filter set."""
        return any(v for k, v in self.values.items() if k != "page")


def _int_in(value: str, low: int, high: int) -> int | None:
    try:
        number = int(value)
    except ValueError:
        return None
    return number if low <= number <= high else None


def directory_filters_from(query: QueryDict) -> ParsedFilters:
    """Parse the GET parameters; unknown values are ignored rather than failing the page."""
    values = {key: clean_param(query.get(key, "")) for key in (
        "q", "skill", "industry", "function", "level", "language", "timezone", "mode", "available",
    )}  # fmt: skip
    skill = skill_resolve(text=values["skill"]) if values["skill"] else None
    unknown = values["skill"] if values["skill"] and skill is None else ""
    hints = skill_closest(text=unknown, limit=5) if unknown else []
    filters = DirectoryFilters(
        text=values["q"],
        skill=skill,
        skill_any_of=tuple(h.pk for h in hints) if unknown else None,
        industry=values["industry"] if values["industry"] in Industry.values else "",
        function=values["function"] if values["function"] in JobFunction.values else "",
        level_min=_int_in(values["level"], 1, 10) if values["level"] else None,
        language=values["language"],
        timezone=values["timezone"],
        mode=values["mode"],
        available_only=values["available"] in {"1", "on", "true"},
    )
    return ParsedFilters(filters=filters, values=values, unknown_skill=unknown, skill_hints=hints)
