"""Data migration: the first tribes, one per category of the skills taxonomy (as loaded by
skills' migrations up to 0003) and one per job function no category already names.

It calls the same derivation the `sync_tribes` command runs, with the historical models; that
only creates and renames, so running it again (or the command after it) changes nothing.
"""

from django.db import migrations


def derive(apps, schema_editor):
    from tandem.growth.tribes.catalogue import tribes_derive

    tribes_derive(
        tribe_model=apps.get_model("growth_tribes", "Tribe"),
        category_model=apps.get_model("skills", "SkillCategory"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("growth_tribes", "0001_tribes_and_memberships"),
        ("skills", "0003_load_product_management_and_abbreviations"),
    ]
    operations = [migrations.RunPython(derive, migrations.RunPython.noop)]
