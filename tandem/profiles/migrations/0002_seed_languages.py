"""Data migration: the languages people can pick on their profile."""

from django.db import migrations


def seed(apps, schema_editor):
    from tandem.profiles.languages import LANGUAGES

    Language = apps.get_model("profiles", "Language")
    for code, name in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
