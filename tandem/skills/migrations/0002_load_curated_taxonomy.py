"""Data migration: load the curated skills taxonomy shipped in tandem/skills/data/."""

from django.db import migrations


def load(apps, schema_editor):
    from tandem.skills.taxonomy import load_taxonomy

    load_taxonomy(
        category_model=apps.get_model("skills", "SkillCategory"),
        skill_model=apps.get_model("skills", "Skill"),
        alias_model=apps.get_model("skills", "SkillAlias"),
    )


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
