"""Data migration: the taxonomy reviewed against what people come for (issue 10).

Adds the skills people ask for most that were missing (Product management, Software
engineering, Engineering management, P&L management, first-time management, job searching, …)
and the short forms they type (PM, SWE, EM, UX, P&L, …). Like 0002 it loads a frozen copy, so
later edits of the live file never change what this migration does. The loader only creates
and updates, so every skill, alias and id from 0002 stays as it was.
"""

from pathlib import Path

from django.db import migrations

FROZEN = Path(__file__).resolve().parent / "data" / "taxonomy_0003.json"


def load(apps, schema_editor):
    from tandem.skills.taxonomy import load_taxonomy

    load_taxonomy(
        category_model=apps.get_model("skills", "SkillCategory"),
        skill_model=apps.get_model("skills", "Skill"),
        alias_model=apps.get_model("skills", "SkillAlias"),
        path=FROZEN,
    )


class Migration(migrations.Migration):
    dependencies = [("skills", "0002_load_curated_taxonomy")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
