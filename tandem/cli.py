"""`tandem` console command: manage.py under a friendlier name (`tandem demo`, `tandem migrate`)."""

import os
import sys


def main() -> None:
    """Run a Django management command with Tandem's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
