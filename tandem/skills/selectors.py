"""Reads for the skills taxonomy: resolving typed text and suggesting skills."""

from __future__ import annotations

from django.db.models import Q

from tandem.skills.models import Skill, SkillAlias
from tandem.skills.normalize import normalize


def skill_resolve(*, text: str) -> Skill | None:
    """The skill that `text` names exactly, by its name or one of its aliases."""
    key = normalize(text)
    if not key:
        return None
    skill = Skill.objects.filter(normalized_name=key).first()
    if skill is not None:
        return skill
    alias = SkillAlias.objects.select_related("skill").filter(normalized=key).first()
    return alias.skill if alias is not None else None


def skill_suggest(*, query: str, limit: int = 8) -> list[Skill]:
    """Skills whose name or an alias contains `query`: exact hits, then prefixes, then the rest."""
    key = normalize(query)
    if not key:
        return []
    candidates = (
        Skill.objects.filter(
            Q(normalized_name__contains=key) | Q(aliases__normalized__contains=key)
        )
        .select_related("category")
        .prefetch_related("aliases")
        .distinct()
    )

    def rank(skill: Skill) -> tuple[int, str]:
        names = [skill.normalized_name, *(a.normalized for a in skill.aliases.all())]
        if key in names:
            return (0, skill.normalized_name)
        if any(name.startswith(key) for name in names):
            return (1, skill.normalized_name)
        return (2, skill.normalized_name)

    return sorted(candidates, key=rank)[:limit]
