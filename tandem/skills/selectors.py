"""Reads for the skills taxonomy: resolving typed text and suggesting skills."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

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


# How alike two spellings must be to offer one for the other (difflib's ratio, 0–1): "pyhton"
# finds Python and "leadrship" leadership, but "negociation" does not find "relocation".
CLOSE_ENOUGH = 0.8
# Words too common to say which skill someone meant.
_FILLER = frozenset({"and", "the", "for", "with", "how", "skills", "skill"})


def _near(word: str, candidates: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(word, list(candidates), n=15, cutoff=CLOSE_ENOUGH)


def skill_closest(*, text: str, limit: int = 5) -> list[Skill]:
    """The skills nearest to text that names none exactly, for "did you mean".

    First the skills containing what was typed (a half-typed word), then names spelled
    like it (a typo), then skills containing one of its words, each typo corrected ("growth
    loops" → Growth marketing; "leadrship coaching" → Leadership coaching, Team leadership…).
    """
    key = normalize(text)
    found = skill_suggest(query=key, limit=limit)
    if len(found) >= limit or not key:
        return found
    spellings: dict[str, int] = dict(Skill.objects.values_list("normalized_name", "id"))
    for normalized, skill_id in SkillAlias.objects.values_list("normalized", "skill_id"):
        spellings.setdefault(normalized, skill_id)
    ids = [spellings[spelling] for spelling in _near(key, spellings)]
    if len(found) + len(set(ids)) >= 2:
        # A close spelling of a whole name is what they meant; single words would add noise.
        return _with(found, ids, limit)
    vocabulary = {word for spelling in spellings for word in spelling.split()}
    words = [w for w in key.split() if len(w) >= 3 and w not in _FILLER]
    # The longest words say the most about what was meant.
    for word in sorted(words, key=len, reverse=True):
        known = word if word in vocabulary else next(iter(_near(word, vocabulary)), "")
        if not known:
            continue
        holding = sorted(
            (spelling for spelling in spellings if known in spelling.split()),
            key=lambda spelling: (spelling != known, not spelling.startswith(known), spelling),
        )
        ids += [spellings[spelling] for spelling in holding]
    return _with(found, ids, limit)


def _with(found: list[Skill], ids: list[int], limit: int) -> list[Skill]:
    """`found`, then the skills with these ids in this order, no skill twice, at most `limit`."""
    have = {skill.pk for skill in found}
    extra = [i for i in dict.fromkeys(ids) if i not in have][: limit - len(found)]
    by_id = Skill.objects.select_related("category").in_bulk(extra)
    return found + [by_id[i] for i in extra if i in by_id]
