"""What rows are checked against, loaded once per import in a handful of queries: languages,
the skills taxonomy with its synonyms, the IANA timezones and the program's intake questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from zoneinfo import available_timezones

from tandem.profiles.models import Language
from tandem.programs.imports.parse import header_key
from tandem.programs.models import Program, Question
from tandem.skills.models import Skill, SkillAlias
from tandem.skills.normalize import normalize
from tandem.skills.selectors import skill_closest

# "Did you mean" costs a few queries a word; past this many unknown words a file is simply
# not using the taxonomy, and the rest are reported without a suggestion.
MAX_SUGGESTIONS = 30


@cache
def _timezones() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


@dataclass
class Vocabulary:
    languages: dict[str, int]  # lowercase code or English name → id
    skills: dict[str, int]  # normalized name or synonym → skill id
    skill_names: dict[int, str]
    questions: dict[str, Question]  # header_key(text) → question
    _suggested: dict[str, str] = field(default_factory=dict)

    def timezone(self, text: str) -> str | None:
        """The IANA name `text` spells, in its own capitals ("europe/paris" → "Europe/Paris")."""
        return _timezones().get(text.strip().lower())

    def skill(self, text: str) -> int | None:
        return self.skills.get(normalize(text))

    def closest_skill(self, text: str) -> str:
        """The name of the known skill nearest to `text`, or "" (for "did you mean")."""
        key = normalize(text)
        if key not in self._suggested:
            if len(self._suggested) >= MAX_SUGGESTIONS:
                return ""
            found = skill_closest(text=key, limit=1)
            self._suggested[key] = found[0].name if found else ""
        return self._suggested[key]


def vocabulary_load(program: Program) -> Vocabulary:
    languages: dict[str, int] = {}
    for pk, code, name in Language.objects.values_list("pk", "code", "name"):
        languages[code.lower()] = pk
        languages.setdefault(name.lower(), pk)
    skill_names: dict[int, str] = {}
    skills: dict[str, int] = {}
    for pk, name, normalized in Skill.objects.values_list("pk", "name", "normalized_name"):
        skill_names[pk] = name
        skills[normalized] = pk
    for skill_id, normalized in SkillAlias.objects.values_list("skill_id", "normalized"):
        skills.setdefault(normalized, skill_id)
    questions = {header_key(q.text): q for q in Question.objects.filter(program=program)}
    return Vocabulary(
        languages=languages, skills=skills, skill_names=skill_names, questions=questions
    )
