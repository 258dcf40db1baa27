from typing import Any

from django.core.management.base import BaseCommand

from tandem.growth.tribes.services import tribes_sync


class Command(BaseCommand):
    help = "Make or rename the tribes from the skills taxonomy's categories and job functions."

    def handle(self, *args: Any, **options: Any) -> None:
        done = tribes_sync()
        self.stdout.write(f"Tribes: {done.created} made, {done.updated} already there.")
