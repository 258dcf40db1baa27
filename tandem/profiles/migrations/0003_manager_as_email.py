"""The manager becomes an email address (they need not be on Tandem); existing links are kept."""

from django.db import migrations, models


def copy_manager_emails(apps, schema_editor):
    Profile = apps.get_model("profiles", "Profile")
    for profile in Profile.objects.exclude(manager=None).select_related("manager"):
        profile.manager_email = profile.manager.email.lower()
        profile.save(update_fields=["manager_email"])


class Migration(migrations.Migration):
    dependencies = [("profiles", "0002_seed_languages")]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="manager_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="your manager's email"),
        ),
        migrations.RunPython(copy_manager_emails, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="profile", name="profiles_manager_not_self"),
        migrations.RemoveField(model_name="profile", name="manager"),
    ]
