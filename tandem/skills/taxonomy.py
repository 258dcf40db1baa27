"""Loading the curated taxonomy file into the database (used by a migration and a command).

The loader takes the model classes as arguments so the data migration can pass its
historical models and the command the real ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tandem.skills.normalize import normalize

TAXONOMY_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.json"


@dataclass(frozen=True)
class LoadReport:
    """What a load did."""

    categories: int
    skills: int
    aliases: int


def read_taxonomy(path: Path = TAXONOMY_FILE) -> dict[str, Any]:
    """The parsed taxonomy file, checked for names that would resolve two ways."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for category in data["categories"]:
        for skill in category["skills"]:
            for text in [skill["name"], *skill.get("aliases", [])]:
                key = normalize(text)
                if key in seen and seen[key] != skill["slug"]:
                    raise ValueError(f"'{text}' names both {seen[key]} and {skill['slug']}")
                seen[key] = skill["slug"]
    return data


def load_taxonomy(
    *, category_model: Any, skill_model: Any, alias_model: Any, path: Path = TAXONOMY_FILE
) -> LoadReport:
    """Create or update every category, skill and alias in the file (idempotent)."""
    data = read_taxonomy(path)
    n_skills = n_aliases = 0
    for position, cat in enumerate(data["categories"]):
        category, _ = category_model.objects.update_or_create(
            slug=cat["slug"], defaults={"name": cat["name"], "position": position}
        )
        for entry in cat["skills"]:
            skill, _ = skill_model.objects.update_or_create(
                slug=entry["slug"],
                defaults={
                    "name": entry["name"],
                    "normalized_name": normalize(entry["name"]),
                    "category": category,
                },
            )
            n_skills += 1
            for alias in entry.get("aliases", []):
                alias_model.objects.update_or_create(
                    normalized=normalize(alias), defaults={"alias": alias, "skill": skill}
                )
                n_aliases += 1
    return LoadReport(categories=len(data["categories"]), skills=n_skills, aliases=n_aliases)
