"""Data: a mentorship that already held a meeting has had its intro (`intro_held_at`, from the
first "held" audit row), so a mentee still in `intro` may propose an agreement as before."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery


def intro_held_from_meetings(apps, schema_editor):
    """When each pair first marked a meeting held (its audit row), for those that have."""
    MeetingTransition = apps.get_model("meetings", "MeetingTransition")
    Mentorship = apps.get_model("mentorships", "Mentorship")
    first_held = (
        MeetingTransition.objects.filter(meeting__mentorship=OuterRef("pk"), to_state="held")
        .values("meeting__mentorship")
        .annotate(first=Min("at"))
        .values("first")
    )
    Mentorship.objects.filter(intro_held_at=None, meetings__state="held").update(
        intro_held_at=Subquery(first_held)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_meeting_place"),
        ("mentorships", "0007_intro_held_at"),
    ]

    operations = [migrations.RunPython(intro_held_from_meetings, migrations.RunPython.noop)]
