from typing import Any

from django.core.management.base import BaseCommand

from tandem.skills.services import taxonomy_load


class Command(BaseCommand):
    help = "Load or refresh the curated skills taxonomy from tandem/skills/data/taxonomy.json."

    def handle(self, *args: Any, **options: Any) -> None:
        report = taxonomy_load()
        self.stdout.write(
            f"Loaded {report.skills} skills in {report.categories} categories "
            f"with {report.aliases} aliases."
        )
