"""Data migration: load the curated skills taxonomy as it stood when this migration was written.

The file is a frozen copy (migrations/data/taxonomy_0002.json), so later edits to
tandem/skills/data/taxonomy.json never change what this migration does; ship those edits
with a new data migration or `tandem load_skills`.
"""

from pathlib import Path

from django.db import migrations

FROZEN = Path(__file__).resolve().parent / "data" / "taxonomy_0002.json"


def load(apps, schema_editor):
    from tandem.skills.taxonomy import load_taxonomy

    load_taxonomy(
        category_model=apps.get_model("skills", "SkillCategory"),
        skill_model=apps.get_model("skills", "Skill"),
        alias_model=apps.get_model("skills", "SkillAlias"),
        path=FROZEN,
    )


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
