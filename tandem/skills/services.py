"""Writes for the skills taxonomy."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from tandem.skills.models import Skill, SkillAlias, SkillCategory
from tandem.skills.taxonomy import TAXONOMY_FILE, LoadReport, load_taxonomy


@transaction.atomic
def taxonomy_load(*, path: Path = TAXONOMY_FILE) -> LoadReport:
    """Load (or refresh) the curated taxonomy from its data file."""
    return load_taxonomy(
        category_model=SkillCategory, skill_model=Skill, alias_model=SkillAlias, path=path
    )
