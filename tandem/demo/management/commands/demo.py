"""`tandem demo`: load demo people and print the demo logins."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tandem.demo.generator import DEFAULT_PEOPLE, DEFAULT_SEED
from tandem.demo.logins import DEMO_LOGINS, DEMO_PASSWORD, LOGIN_PATH
from tandem.demo.plan import DemoError
from tandem.demo.selectors import demo_is_loaded
from tandem.demo.services import demo_load, planner_statistics_update


class Command(BaseCommand):
    help = (
        "Load demo data: mentors and mentees across organizations, plus five demo logins "
        "that share one public password. With --once nothing is loaded when the demo logins "
        "already exist. Without it, running again adds another --people people (new names, "
        "numbered after the existing ones); the demo logins are only created once. On "
        "PostgreSQL the load ends with ANALYZE, so the planner knows the new rows. Refuses to "
        "run with DEBUG off unless --allow-production is given."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--people",
            type=int,
            default=DEFAULT_PEOPLE,
            help=f"How many people to create (default {DEFAULT_PEOPLE}: 30%% mentors, "
            "80%% mentees, some both).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed; the same seed gives the same people (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Do nothing if the demo data is already loaded (still print the logins).",
        )
        parser.add_argument(
            "--site-url",
            default=None,
            help="Where the site is served, for the printed login link (default: the site "
            "address, TANDEM_SITE_URL, which emails link to as well).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off. The demo password is public: never on a real site.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Demo data creates accounts with a public password, so it only runs with "
                "DEBUG on. Pass --allow-production if this really is a throwaway site."
            )
        if options["once"] and demo_is_loaded():
            self.stdout.write("Demo data is already loaded; nothing to do.")
        else:
            started = time.perf_counter()
            try:
                report = demo_load(people=options["people"], seed=options["seed"])
            except DemoError as error:
                raise CommandError(str(error)) from error
            analyzed = planner_statistics_update()
            seconds = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {report.people:,} people ({report.mentors:,} mentors and "
                    f"{report.mentees:,} mentees, {report.both:,} of them both) across "
                    f"{report.organizations} organizations ({report.organizations_created} new), "
                    f"with {report.asks:,} asks and {report.mentorships:,} mentorships, "
                    f"in {seconds:.1f} s."
                )
            )
            if analyzed:
                self.stdout.write("Updated the database's planner statistics (ANALYZE).")
        self._logins_write(site_url=(options["site_url"] or settings.SITE_URL).rstrip("/"))

    def _logins_write(self, *, site_url: str) -> None:
        rule = "-" * 64
        self.stdout.write(rule)
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins"))
        self.stdout.write(f"  Sign in at  {site_url}{LOGIN_PATH}")
        self.stdout.write(f"  Password    {DEMO_PASSWORD}  (the same for every demo person)")
        self.stdout.write("")
        width = max(len(role) for role, _ in DEMO_LOGINS)
        for role, email in DEMO_LOGINS:
            self.stdout.write(f"  {role.ljust(width)}  {email}")
        self.stdout.write(rule)
